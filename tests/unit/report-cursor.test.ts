import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/reports/cursor";
import { classifySearch, foldName } from "@/lib/reports/search";

const cursor = { createdAt: "2026-11-28T10:15:30.123456Z", id: "0b6e4f00-1111-4222-8333-444455556666" };

describe("report list cursor", () => {
  it("round-trips, keeping the microseconds", () => {
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["not base64url", "abc+/="],
    [
      "milliseconds only",
      Buffer.from("2026-11-28T10:15:30.123Z|0b6e4f00-1111-4222-8333-444455556666").toString("base64url"),
    ],
    ["not a uuid", Buffer.from("2026-11-28T10:15:30.123456Z|1 or 1=1").toString("base64url")],
    ["an extra part", Buffer.from(`${cursor.createdAt}|${cursor.id}|x`).toString("base64url")],
    ["an impossible date", Buffer.from(`2026-13-45T10:15:30.123456Z|${cursor.id}`).toString("base64url")],
    ["far too long", "A".repeat(500)],
  ])("refuses a cursor that is %s", (_label, value) => {
    expect(decodeCursor(value)).toBeNull();
  });
});

describe("report search", () => {
  it("recognises a reference typed with spaces, lower case or Arabic-Indic digits", () => {
    expect(classifySearch("WA-2026-000115")).toEqual({ kind: "reference", reference: "WA-2026-000115" });
    expect(classifySearch(" wa 2026 000115 ")).toEqual({ kind: "reference", reference: "WA-2026-000115" });
    expect(classifySearch("WA-٢٠٢٦-٠٠٠١١٥")).toEqual({ kind: "reference", reference: "WA-2026-000115" });
  });

  it("treats digits as a civil ID or part of a reference", () => {
    expect(classifySearch("١٢٣ ٤٥٦")).toEqual({ kind: "digits", digits: "123456" });
  });

  it("folds Arabic spellings and Latin case for names, and escapes LIKE wildcards", () => {
    expect(foldName("أحمد  الْبلوشي")).toBe("احمد البلوشي");
    expect(foldName("فاطمة")).toBe("فاطمه");
    expect(classifySearch("Ramesh")).toEqual({ kind: "name", pattern: "%ramesh%" });
    expect(classifySearch("50%_off")).toEqual({ kind: "name", pattern: "%50\\%\\_off%" });
    expect(classifySearch("a")).toBeNull();
    expect(classifySearch("   ")).toBeNull();
  });
});
