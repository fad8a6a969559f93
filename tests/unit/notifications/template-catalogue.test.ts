/**
 * Every template the code declares has its words in the catalogue of its audience, in every locale, and
 * every entry of those catalogues belongs to a declared template: an SMS is a `body`, an e-mail a `subject`
 * and a `body`. The messages read exactly the declared parameters, and each template renders in each
 * language through every branch (each outcome, each yes/no, each optional value given and not).
 */
import { describe, expect, it } from "vitest";
import { messageArgumentNames } from "@/lib/i18n/format-message";
import type { MessageTree } from "@/lib/i18n/pick-messages";
import { presenceArgument, type ParamKind } from "@/lib/notifications/template-spec";
import {
  renderTemplateIn,
  templateEntry,
  templateNames,
  templateSpec,
  type TemplateName,
} from "@/lib/notifications/templates";
import { templateAudiences, templateCatalogues } from "@/messages/templates";

const locales = ["ar", "en"] as const;

/** The names of the entries in a template catalogue: every object that has a `body`. */
function entries(tree: MessageTree, prefix: string): string[] {
  return Object.entries(tree).flatMap(([k, v]) => {
    if (typeof v === "string") return [];
    return "body" in v ? [`${prefix}.${k}`] : entries(v, `${prefix}.${k}`);
  });
}

/** The values one parameter takes across the branches of its message. */
function valuesFor(name: string, kind: ParamKind): unknown[] {
  if (Array.isArray(kind)) return kind;
  switch (kind) {
    case "text":
      return [`⟦${name}⟧`];
    case "text?":
      return [`⟦${name}⟧`, null];
    case "number":
      return [60];
    case "date":
      return ["2026-08-03"];
    case "date?":
      return ["2026-08-03", null];
    case "omr":
      return [145_500];
    case "reason":
      return ["evidence_sufficient"];
    case "flag":
      return [true, false];
  }
  return [];
}

/** Every combination of the parameters' values (templates have at most three branching parameters). */
function combinations(template: TemplateName): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [name, kind] of Object.entries(templateSpec(template).params)) {
    out = out.flatMap((p) => valuesFor(name, kind).map((v) => ({ ...p, [name]: v })));
  }
  return out;
}

describe("template catalogues", () => {
  it("hold exactly the declared templates, in every locale", () => {
    const declared = templateNames().sort();
    expect(declared.length).toBeGreaterThan(20);
    for (const locale of locales) {
      const written = templateAudiences.flatMap((a) => entries(templateCatalogues[a][locale], a)).sort();
      expect(written, locale).toEqual(declared);
    }
  });

  for (const template of templateNames()) {
    const spec = templateSpec(template);

    it(`${template}: an ${spec.channel === "sms" ? "SMS has a body" : "e-mail has a subject and a body"}`, () => {
      for (const locale of locales) {
        const keys = Object.keys(templateEntry(template, locale)).sort();
        expect(keys, locale).toEqual(spec.channel === "sms" ? ["body"] : ["body", "subject"]);
      }
    });

    it(`${template}: reads exactly its declared parameters`, () => {
      const optional = Object.entries(spec.params)
        .filter(([, kind]) => kind === "text?" || kind === "date?")
        .map(([name]) => presenceArgument(name));
      const declared = new Set([...Object.keys(spec.params), ...optional]);
      const read = new Set(
        locales.flatMap((locale) =>
          Object.values(templateEntry(template, locale)).flatMap((m) => messageArgumentNames(m)),
        ),
      );
      expect(
        [...read].filter((n) => !declared.has(n)),
        "read but not declared",
      ).toEqual([]);
      const unread = [...declared].filter((n) => !read.has(n) && !optional.includes(n));
      expect(unread, "declared but never read").toEqual([]);
    });

    it(`${template}: renders in both languages through every branch, showing the same parameters`, () => {
      const shown: Record<string, Set<string>> = { ar: new Set(), en: new Set() };
      for (const params of combinations(template)) {
        for (const locale of locales) {
          const r = renderTemplateIn(template, locale, params as never);
          const text = `${r.subject ?? ""}\n${r.body}`;
          expect(text).not.toMatch(/undefined|null|Invalid Date|NaN|[{}]/);
          for (const m of text.matchAll(/⟦(\w+)⟧/g)) shown[locale]!.add(m[1]!.replace(/(Ar|En)$/, ""));
        }
      }
      expect([...shown.ar!].sort()).toEqual([...shown.en!].sort());
    });
  }
});
