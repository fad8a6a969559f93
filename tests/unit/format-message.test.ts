/**
 * The client components' message formatter (lib/i18n/format-message.ts) must say exactly what next-intl says:
 * every message of the catalogue, in both languages, with arguments that reach each plural and select branch,
 * is compared with next-intl's own formatting (intl-messageformat). Rich-text messages are left out: only
 * server components format them.
 */
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { formatMessage, messageArgumentNames, type Params } from "@/lib/i18n/format-message";
import { pickMessages, type MessageTree } from "@/lib/i18n/pick-messages";
import { messages } from "@/messages";
import { templateAudiences, templateCatalogues } from "@/messages/templates";

function leaves(tree: MessageTree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}

/** Argument sets for a message: its plain arguments as text, its plural ones over several counts, its selects over every option. */
function argumentSets(message: string): Params[] {
  const plural = [...message.matchAll(/\{\s*(\w+)\s*,\s*plural\s*,/g)].map((m) => m[1]!);
  const select = [...message.matchAll(/\{\s*(\w+)\s*,\s*select\s*,/g)].map((m) => m[1]!);
  const plain = [...message.matchAll(/\{\s*(\w+)\s*\}/g)]
    .map((m) => m[1]!)
    .filter((n) => !plural.includes(n) && !select.includes(n));
  const base: Params = Object.fromEntries(plain.map((n) => [n, `‹${n}›`]));
  const sets: Params[] = [];
  const counts = plural.length > 0 ? [0, 1, 2, 3, 5, 11, 100] : [null];
  const selectValues =
    select.length > 0
      ? [
          "left_workplace",
          "cancelled",
          "transferred",
          "yes",
          "approved",
          "accepted",
          "refunded",
          "something_else",
        ]
      : [null];
  for (const c of counts)
    for (const s of selectValues) {
      const p: Params = { ...base };
      for (const n of plural) p[n] = c!;
      for (const n of select) p[n] = s!;
      sets.push(p);
    }
  return sets;
}

describe("formatMessage", () => {
  for (const locale of ["ar", "en"] as const) {
    it(`formats every ${locale} message as next-intl does`, () => {
      const t = createTranslator({ locale, messages: messages[locale] });
      const lookup = t as unknown as (key: string, params?: Params) => string;
      let checked = 0;
      for (const [key, message] of leaves(messages[locale] as unknown as MessageTree)) {
        // Rich text (<tag>…</tag>) is formatted by the server only (t.rich); client components never read it.
        if (/<\w+>/.test(message)) continue;
        for (const params of argumentSets(message)) {
          expect(formatMessage(message, params, locale), `${locale} ${key} ${JSON.stringify(params)}`).toBe(
            lookup(key, params),
          );
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(500);
    });
  }

  for (const locale of ["ar", "en"] as const) {
    it(`formats every ${locale} SMS and e-mail as next-intl does`, () => {
      let checked = 0;
      for (const audience of templateAudiences) {
        const tree = templateCatalogues[audience][locale];
        const t = createTranslator({ locale, messages: tree as never });
        const lookup = t as unknown as (key: string, params?: Params) => string;
        for (const [key, message] of leaves(tree)) {
          for (const params of argumentSets(message)) {
            expect(formatMessage(message, params, locale), `${locale} ${audience} ${key}`).toBe(
              lookup(key, params),
            );
            checked += 1;
          }
        }
      }
      expect(checked).toBeGreaterThan(100);
    });
  }

  it("quotes with apostrophes as ICU does", () => {
    expect(formatMessage("It''s '{literal}' and the worker's {x}", { x: "card" }, "en")).toBe(
      "It's {literal} and the worker's card",
    );
  });

  it("names the arguments a message reads, in every branch", () => {
    expect(
      messageArgumentNames(
        "{a} {n, plural, one {# {b}} other {{c}}} {s, select, yes {{d}} other {'{e}'}}",
      ).sort(),
    ).toEqual(["a", "b", "c", "d", "n", "s"]);
  });

  it("refuses a missing argument rather than showing a placeholder", () => {
    expect(() => formatMessage("Hello {name}", {}, "en")).toThrow(/name/);
  });
});

describe("pickMessages", () => {
  it("keeps only the namespaces and keys asked for", () => {
    const picked = pickMessages(messages.en as unknown as MessageTree, ["meta.errorPrefix", "signIn"]);
    expect(Object.keys(picked)).toEqual(["meta", "signIn"]);
    expect(picked.meta).toEqual({ errorPrefix: messages.en.meta.errorPrefix });
  });

  it("fails on a namespace that does not exist", () => {
    expect(() => pickMessages(messages.en as unknown as MessageTree, ["noSuchArea"])).toThrow(/noSuchArea/);
  });
});
