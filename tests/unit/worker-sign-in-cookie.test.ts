import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodePending, encodePending } from "@/lib/workers/sign-in-cookie";

describe("the worker sign-in cookie's value", () => {
  it("holds whatever was typed, and only characters no cookie parser decodes", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (typed, other) => {
          for (const t of [typed, other, `${other}%`, "50%", "%R", "%E0%A4%A"]) {
            const raw = encodePending({ typed: t });
            expect(raw).toMatch(/^[A-Za-z0-9_-]*$/);
            expect(decodePending(raw)).toEqual({ civilId: undefined, typed: t.slice(0, 40) });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps a civil ID only when it is one, and ignores a tampered value", () => {
    expect(decodePending(encodePending({ civilId: "100000001" }))).toEqual({
      civilId: "100000001",
      typed: undefined,
    });
    expect(decodePending(encodePending({ civilId: "1; drop" }))).toEqual({
      civilId: undefined,
      typed: undefined,
    });
    expect(decodePending('{"civilId":"100000001"}')).toEqual({});
    expect(decodePending("%%%")).toEqual({});
    expect(decodePending(undefined)).toEqual({});
  });
});
