import { describe, expect, it } from "vitest";
import { parseOmrToBaisa } from "@/lib/admin/fees";
import { toLatinDigits } from "@/lib/i18n/digits";
import { normaliseCivilId } from "@/lib/workers/schemas";

describe("the one digit conversion", () => {
  it("turns Arabic-Indic and Persian digits into Latin ones, and leaves everything else", () => {
    expect(toLatinDigits("٠١٢٣٤٥٦٧٨٩")).toBe("0123456789");
    expect(toLatinDigits("۰۱۲۳۴۵۶۷۸۹")).toBe("0123456789");
    expect(toLatinDigits("WA-٢٠٢٦ ۱۲ab")).toBe("WA-2026 12ab");
  });

  it("reads a fee typed in Persian digits (refused before), Arabic-Indic or Latin ones", () => {
    expect(parseOmrToBaisa("۱۴۵٫۵")).toBe(145_500);
    expect(parseOmrToBaisa("١٤٥٫٥")).toBe(145_500);
    expect(parseOmrToBaisa("145.5")).toBe(145_500);
    expect(parseOmrToBaisa("۰")).toBeNull();
  });

  it("is the conversion the civil ID field uses", () => {
    expect(normaliseCivilId("۱۲۳ ٤٥٦")).toBe("123456");
  });
});
