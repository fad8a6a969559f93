import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Import rules between layers, checked by reading the files (issue 10, "one model, one way"):
 * - db/ (schema, connection, migrations) is the bottom layer: it imports nothing from lib/;
 * - the refund decision (lib/admin/refunds) uses the payment side's refund events, never the other way round
 *   (the import circle between lib/admin/refunds/decide.ts and lib/payments/refund-events.ts stays broken).
 */

const root = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|mjs)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Every module a file imports (static, dynamic and re-exports, type-only ones included), resolved to a path. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  const specs = [
    ...text.matchAll(/\b(?:import|export)\b[^"';]*?\bfrom\s*["']([^"']+)["']/g),
    ...text.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
    ...text.matchAll(/^\s*import\s+["']([^"']+)["']/gm),
  ].map((m) => m[1]!);
  return specs.map((s) =>
    s.startsWith("@/") ? s.slice(2) : s.startsWith(".") ? path.join(path.dirname(file), s) : `node:${s}`,
  );
}

/**
 * The demo and scale data generators still borrow the application's own rules (password hashing, the
 * reference format, notification texts, the law's numbers). Listed one by one so the list can only shrink:
 * a new import from lib/ anywhere in db/ fails this test. Next step: pass these in from scripts/ (see the
 * report of issue 10's clean-up) or move the generators out of db/.
 */
const KNOWN = new Set([
  "db/scale/index.ts -> lib/auth/password",
  "db/scale/index.ts -> lib/notifications/templates",
  "db/scale/index.ts -> lib/reports/reference",
  "db/scale/plan.ts -> lib/reports/refund-grounds",
  "db/scale/plan.ts -> lib/reports/settings",
  "db/scale/plan.ts -> lib/time",
  "db/seed/index.ts -> lib/auth/password",
  "db/seed/reports.ts -> lib/reports/refund-grounds",
  "db/seed/reports.ts -> lib/reports/reference",
]);

describe("layering", () => {
  it("db/ imports nothing from lib/ (beyond the listed, shrinking exceptions of the data generators)", () => {
    const found = sources("db").flatMap((f) =>
      importsOf(f)
        .filter((i) => i === "lib" || i.startsWith("lib/"))
        .map((i) => `${f} -> ${i}`),
    );
    expect(found.filter((f) => !KNOWN.has(f))).toEqual([]);
    // An exception that went away is taken off the list, so that it cannot come back unnoticed.
    expect([...KNOWN].filter((k) => !found.includes(k))).toEqual([]);
    // Never the schema, the connection or the migrations.
    expect(found.filter((f) => !f.startsWith("db/seed/") && !f.startsWith("db/scale/"))).toEqual([]);
  });

  it("the payment side's refunds never import the staff's refund decisions (no circle)", () => {
    const payments = [...sources("lib/payments"), ...sources("lib/refunds")];
    const back = payments.flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith("lib/admin/refunds/") && !i.endsWith("/reasons"))
        .map((i) => `${f} -> ${i}`),
    );
    expect(back).toEqual([]);
  });

  it("reads imports the way it claims to", () => {
    expect(importsOf("lib/admin/refunds/decide.ts")).toContain("lib/payments/refunds");
    expect(importsOf("db/seed/index.ts")).toContain("lib/auth/password");
  });
});
