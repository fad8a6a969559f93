/**
 * A browser without JavaScript, over plain HTTP: keeps cookies, follows redirects, and submits the app's
 * server-action forms the way a browser with scripting off does (a multipart POST of the form's fields,
 * including the hidden `$ACTION_…` fields React renders for progressive enhancement). Enough to drive the
 * real sign-in and payment journeys against `next start` with no Playwright.
 */

export type Page = { url: string; status: number; html: string };

export class HttpError extends Error {
  constructor(
    message: string,
    public status: number | null,
  ) {
    super(message);
  }
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#39": "'",
  "#x27": "'",
  apos: "'",
};
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_, e: string) => ENTITIES[e]!);

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name.replace(/[$]/g, "\\$")}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : null;
}

export type ParsedForm = { action: string | null; fields: [string, string][]; html: string };

/** The forms of a page, with their named inputs' values (hidden ones included). */
export function parseForms(html: string): ParsedForm[] {
  const forms: ParsedForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const fields: [string, string][] = [];
    for (const input of m[2]!.matchAll(/<input\b[^>]*>/g)) {
      const tag = input[0];
      const name = attr(tag, "name");
      if (!name) continue;
      const type = attr(tag, "type") ?? "text";
      if ((type === "checkbox" || type === "radio") && !/\schecked(=|\s|\/|>)/.test(tag)) continue;
      fields.push([name, attr(tag, "value") ?? ""]);
    }
    forms.push({ action: attr(`<form${m[1]}>`, "action"), fields, html: m[0] });
  }
  return forms;
}

export class NoJsBrowser {
  private cookies = new Map<string, string>();

  constructor(
    public base: string,
    private timeoutMs = 20_000,
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Copies another browser's cookies (the same session used from another instance). */
  adoptCookies(other: NoJsBrowser): void {
    this.cookies = new Map(other.cookies);
  }

  private store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a),
      );
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(new URL(url, this.base), {
        ...init,
        redirect: "manual",
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: this.cookieHeader(),
          "accept-language": "ar",
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const name = (e as Error).name;
      if (name === "TimeoutError")
        throw new HttpError(
          `no answer within ${this.timeoutMs / 1000} s: ${init.method ?? "GET"} ${url}`,
          null,
        );
      throw new HttpError(
        `network error (${(e as { cause?: { code?: string } }).cause?.code ?? name}): ${url}`,
        null,
      );
    }
    this.store(res);
    return res;
  }

  /** GET, following redirects. */
  async get(url: string): Promise<Page> {
    let current = new URL(url, this.base).toString();
    for (let hops = 0; hops < 10; hops++) {
      const res = await this.request(current, { method: "GET" });
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        await res.arrayBuffer();
        current = new URL(location, current).toString();
        continue;
      }
      return { url: current, status: res.status, html: await res.text() };
    }
    throw new HttpError(`too many redirects from ${url}`, null);
  }

  /**
   * Submits the first form of `page` whose HTML contains `marker`, with `values` over its own fields, as a
   * browser without scripting would; follows the redirect that a server action answers with.
   */
  async submit(page: Page, marker: string, values: Record<string, string> = {}): Promise<Page> {
    const res = await this.post(page, marker, values);
    if (res.location) return this.get(res.location);
    return res.page!;
  }

  /** Like submit(), but stops at the redirect: `location` is where the server action sends the browser. */
  async post(
    page: Page,
    marker: string,
    values: Record<string, string> = {},
  ): Promise<{ location: string | null; page: Page | null }> {
    const form = parseForms(page.html).find((f) => f.html.includes(marker));
    if (!form)
      throw new HttpError(`no form with ${marker} on ${page.url} (status ${page.status})`, page.status);
    const body = new FormData();
    const given = new Set(Object.keys(values));
    for (const [k, v] of form.fields) if (!given.has(k)) body.append(k, v);
    for (const [k, v] of Object.entries(values)) body.append(k, v);
    const target = new URL(
      form.action && !form.action.startsWith("javascript:") ? form.action : page.url,
      page.url,
    ).toString();
    const res = await this.request(target, {
      method: "POST",
      body,
      headers: { origin: new URL(this.base).origin },
    });
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      await res.arrayBuffer();
      return { location: new URL(location, target).toString(), page: null };
    }
    return { location: null, page: { url: target, status: res.status, html: await res.text() } };
  }
}
