/**
 * Formats one ICU message the way next-intl (intl-messageformat) does, for the subset our messages use:
 * `{name}` arguments (numbers formatted for the locale), `{n, plural, =0 {…} one {…} other {…}}` with `#`,
 * `{x, select, a {…} other {…}}`, and ICU's apostrophe quoting. It lets client components translate without
 * shipping intl-messageformat (about 12 kB gzip) to the browser; tests/unit/format-message.test.ts checks it
 * against next-intl's own formatting for every message in the catalogue.
 */
export type Params = Record<string, string | number | Date | null | undefined>;

type Node =
  | { kind: "text"; text: string }
  | { kind: "pound" }
  | { kind: "arg"; name: string }
  | { kind: "plural"; name: string; offset: number; options: Record<string, Node[]> }
  | { kind: "select"; name: string; options: Record<string, Node[]> };

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.nodes(false, 0);
    if (this.i < this.src.length) throw new Error(`unexpected "}" at ${this.i} in: ${this.src}`);
    return nodes;
  }

  private nodes(inPlural: boolean, depth: number): Node[] {
    const out: Node[] = [];
    let text = "";
    const flush = () => {
      if (text) out.push({ kind: "text", text });
      text = "";
    };
    while (this.i < this.src.length) {
      const ch = this.src[this.i]!;
      if (ch === "'") {
        const next = this.src[this.i + 1];
        if (next === "'") {
          text += "'";
          this.i += 2;
        } else if (next === "{" || next === "}" || (inPlural && next === "#")) {
          const end = this.src.indexOf("'", this.i + 1);
          const stop = end < 0 ? this.src.length : end;
          text += this.src.slice(this.i + 1, stop).replace(/''/g, "'");
          this.i = stop + 1;
        } else {
          text += ch;
          this.i += 1;
        }
      } else if (ch === "#" && inPlural) {
        flush();
        out.push({ kind: "pound" });
        this.i += 1;
      } else if (ch === "{") {
        flush();
        this.i += 1;
        out.push(this.argument(inPlural, depth));
      } else if (ch === "}") {
        if (depth === 0) throw new Error(`unexpected "}" at ${this.i} in: ${this.src}`);
        break;
      } else {
        text += ch;
        this.i += 1;
      }
    }
    flush();
    return out;
  }

  private word(): string {
    this.space();
    const start = this.i;
    while (this.i < this.src.length && !/[\s,{}]/.test(this.src[this.i]!)) this.i += 1;
    return this.src.slice(start, this.i);
  }

  private space() {
    while (this.i < this.src.length && /\s/.test(this.src[this.i]!)) this.i += 1;
  }

  private expect(ch: string) {
    this.space();
    if (this.src[this.i] !== ch) throw new Error(`expected "${ch}" at ${this.i} in: ${this.src}`);
    this.i += 1;
  }

  private argument(inPlural: boolean, depth: number): Node {
    const name = this.word();
    this.space();
    if (this.src[this.i] === "}") {
      this.i += 1;
      return { kind: "arg", name };
    }
    this.expect(",");
    const type = this.word();
    this.space();
    if (type !== "plural" && type !== "select") {
      // number/date/time with an optional style: formatted as a plain argument.
      let level = 1;
      while (this.i < this.src.length && level > 0) {
        if (this.src[this.i] === "{") level += 1;
        else if (this.src[this.i] === "}") level -= 1;
        this.i += 1;
      }
      return { kind: "arg", name };
    }
    this.expect(",");
    let offset = 0;
    const options: Record<string, Node[]> = {};
    for (;;) {
      this.space();
      if (this.src[this.i] === "}") {
        this.i += 1;
        break;
      }
      const key = this.word();
      if (key.startsWith("offset:")) {
        offset = Number(key.slice("offset:".length));
        continue;
      }
      this.expect("{");
      options[key] = this.nodes(type === "plural" || inPlural, depth + 1);
      this.expect("}");
    }
    if (!options.other) throw new Error(`"${name}" has no "other" option in: ${this.src}`);
    return type === "plural" ? { kind: "plural", name, offset, options } : { kind: "select", name, options };
  }
}

const parsed = new Map<string, Node[]>();

function render(nodes: Node[], params: Params, locale: string, pound: string | null): string {
  let out = "";
  for (const node of nodes) {
    switch (node.kind) {
      case "text":
        out += node.text;
        break;
      case "pound":
        out += pound ?? "#";
        break;
      case "arg":
        out += show(params[node.name], locale, node.name);
        break;
      case "select": {
        const value = String(params[node.name] ?? "");
        out += render(node.options[value] ?? node.options.other!, params, locale, pound);
        break;
      }
      case "plural": {
        const raw = params[node.name];
        const n = typeof raw === "number" ? raw : Number(raw);
        const exact = node.options[`=${n}`];
        const branch =
          exact ?? node.options[new Intl.PluralRules(locale).select(n - node.offset)] ?? node.options.other!;
        out += render(branch, params, locale, new Intl.NumberFormat(locale).format(n - node.offset));
        break;
      }
    }
  }
  return out;
}

function show(value: Params[string], locale: string, name: string): string {
  if (value === undefined || value === null) throw new Error(`missing argument "${name}"`);
  if (typeof value === "number") return new Intl.NumberFormat(locale).format(value);
  if (value instanceof Date) return new Intl.DateTimeFormat(locale).format(value);
  return value;
}

export function formatMessage(message: string, params: Params = {}, locale: string): string {
  let nodes = parsed.get(message);
  if (!nodes) {
    nodes = new Parser(message).parse();
    parsed.set(message, nodes);
  }
  return render(nodes, params, locale, null);
}

/** The names of the arguments a message reads, plain, plural and select, in any branch (for catalogue tests). */
export function messageArgumentNames(message: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.kind === "arg") names.add(node.name);
      if (node.kind === "plural" || node.kind === "select") {
        names.add(node.name);
        Object.values(node.options).forEach(walk);
      }
    }
  };
  walk(new Parser(message).parse());
  return [...names];
}
