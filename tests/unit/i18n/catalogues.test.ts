/**
 * The catalogues agree with each other: every area has Arabic and English with exactly the same keys, the
 * areas a worker reads have every locale of the service with exactly English's keys, and each translation of
 * a message reads the same arguments as English (`establishmentAr` in Arabic stands for `establishmentEn`).
 * Every area on disk is loaded by the app, and no area's namespaces hide another's.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { baseLocales, workerAreas } from "@/lib/i18n/catalogues";
import { messageArgumentNames } from "@/lib/i18n/format-message";
import type { MessageTree } from "@/lib/i18n/pick-messages";
import { locales } from "@/lib/i18n/routing";
import { messages } from "@/messages";
import {
  emailFrames,
  sentMessageAreas,
  templateAudiences,
  templateCatalogues,
  type TemplateAudience,
} from "@/messages/templates";

const root = path.join(process.cwd(), "messages");
const areas = fs
  .readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function read(area: string, locale: string): MessageTree {
  return JSON.parse(fs.readFileSync(path.join(root, area, `${locale}.json`), "utf8")) as MessageTree;
}

function leaves(tree: MessageTree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(`${prefix}${k}`, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** A message's arguments, with the Arabic/English variants of a name counted as one. */
function argumentsOf(message: string): string[] {
  return messageArgumentNames(message)
    .map((n) => n.replace(/(Ar|En)$/, "‹lang›"))
    .sort();
}

/** Key by key, what `other` lacks or has beyond `reference`, and the messages whose arguments differ. */
function compare(reference: Map<string, string>, other: Map<string, string>) {
  return {
    missing: [...reference.keys()].filter((k) => !other.has(k)),
    extra: [...other.keys()].filter((k) => !reference.has(k)),
    arguments: [...reference.keys()]
      .filter((k) => other.has(k))
      .filter((k) => argumentsOf(reference.get(k)!).join() !== argumentsOf(other.get(k)!).join()),
  };
}

const clean = { missing: [], extra: [], arguments: [] };

describe("message catalogues", () => {
  it("finds the areas (the test is not empty)", () => {
    expect(areas).toEqual(
      expect.arrayContaining(["core", "worker", "templates-worker", "templates-employer"]),
    );
    for (const area of workerAreas) expect(areas).toContain(area);
  });

  for (const area of areas) {
    const isWorkerArea = (workerAreas as readonly string[]).includes(area);
    const expected = isWorkerArea ? [...locales] : [...baseLocales];

    it(`${area}: has ${isWorkerArea ? "every locale (a worker reads it)" : "Arabic and English only"}`, () => {
      const files = fs
        .readdirSync(path.join(root, area))
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(/\.json$/, ""));
      expect(files.sort()).toEqual(expected.sort());
    });

    it(`${area}: every locale has exactly English's keys, with the same arguments in each message`, () => {
      const en = leaves(read(area, "en"));
      expect(en.size).toBeGreaterThan(0);
      for (const locale of expected.filter((l) => l !== "en")) {
        expect({ locale, ...compare(en, leaves(read(area, locale))) }).toEqual({ locale, ...clean });
      }
    });
  }

  it("every page area is merged into the app's messages, and none hides another's namespaces", () => {
    for (const area of areas.filter((a) => !sentMessageAreas.includes(a))) {
      for (const locale of baseLocales) {
        for (const [namespace, tree] of Object.entries(read(area, locale))) {
          expect(
            messages[locale] as unknown as MessageTree,
            `${area}/${locale}: ${namespace}`,
          ).toHaveProperty([namespace], tree);
        }
      }
    }
  });

  it("every area of sent messages is loaded as it is on disk, one per audience", () => {
    const onDisk = areas.filter((a) => a.startsWith("templates-")).map((a) => a.slice("templates-".length));
    expect(onDisk.sort()).toEqual([...templateAudiences].sort());
    for (const audience of onDisk as TemplateAudience[]) {
      for (const locale of baseLocales) {
        expect(templateCatalogues[audience][locale]).toEqual(read(`templates-${audience}`, locale));
      }
    }
    for (const locale of baseLocales) expect(emailFrames[locale]).toEqual(read("email-frame", locale));
  });

  it("the comparison notices a missing key, an extra key and a dropped argument", () => {
    const en = new Map([
      ["a", "Report {reference}"],
      ["b", "{establishmentEn} filed it"],
      ["c", "x"],
    ]);
    const other = new Map([
      ["a", "البلاغ"],
      ["b", "قدمته {establishmentAr}"],
      ["d", "y"],
    ]);
    expect(compare(en, other)).toEqual({ missing: ["c"], extra: ["d"], arguments: ["a"] });
  });
});
