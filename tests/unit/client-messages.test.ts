import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AREA_CLIENT_NAMESPACES, pickMessages, SHARED_CLIENT_NAMESPACES } from "@/lib/i18n/client-messages";
import { messages } from "@/messages";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe("messages sent to the browser", () => {
  it("picks namespaces and sub-namespaces, nested as in the catalogue", () => {
    const all = { a: { x: "1", y: { z: "2" } }, b: { c: "3", d: "4" }, e: "5" };
    expect(pickMessages(all, ["a", "b.c", "missing", "b.nope"])).toEqual({ a: { x: "1", y: { z: "2" } }, b: { c: "3" } });
  });

  it("every namespace a client component asks for is sent to the area it is used in", () => {
    const sent = new Set<string>([...SHARED_CLIENT_NAMESPACES, ...Object.values(AREA_CLIENT_NAMESPACES).flat()]);
    const covered = (ns: string) => [...sent].some((s) => ns === s || ns.startsWith(`${s}.`));
    const missing: string[] = [];
    for (const file of files("components")) {
      const src = readFileSync(file, "utf8");
      if (!src.startsWith('"use client"')) continue;
      const asked = [...src.matchAll(/useTranslations\("([^"]+)"\)/g), ...src.matchAll(/useFormErrors\([^)]*,\s*"([^"]+)"\)/g)].map((m) => m[1]!);
      for (const ns of asked) if (!covered(ns)) missing.push(`${file}: ${ns}`);
    }
    expect(missing).toEqual([]);
    // And each listed namespace exists in both languages.
    for (const p of sent) {
      expect(Object.keys(pickMessages(messages.en, [p])), `en ${p}`).not.toHaveLength(0);
      expect(Object.keys(pickMessages(messages.ar, [p])), `ar ${p}`).not.toHaveLength(0);
    }
  });

  it("the shared set is small: far under the whole catalogue", () => {
    const shared = JSON.stringify(pickMessages(messages.ar, SHARED_CLIENT_NAMESPACES)).length;
    expect(shared * 20).toBeLessThan(JSON.stringify(messages.ar).length);
  });
});
