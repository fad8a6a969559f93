import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatNumber, formatOmr } from "@/lib/i18n/format";

const ARABIC_INDIC = /[٠-٩]/;
const LATIN_DIGIT = /[0-9]/;
/** Intl separates the currency code with a no-break space; compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatOmr", () => {
  it("writes Arabic amounts with Arabic-Indic digits, the Arabic decimal separator and 3 decimals", () => {
    const s = formatOmr(85_000, "ar");
    expect(s).toContain("٨٥٫٠٠٠");
    expect(s).toContain("ر.ع.");
    expect(s).not.toMatch(LATIN_DIGIT);
  });

  it("writes English amounts as OMR with Latin digits and 3 decimals", () => {
    expect(plain(formatOmr(85_000, "en"))).toBe("OMR 85.000");
    expect(plain(formatOmr(1_234_567, "en"))).toBe("OMR 1,234.567");
    expect(plain(formatOmr(5, "en"))).toBe("OMR 0.005");
    expect(plain(formatOmr(0, "en"))).toBe("OMR 0.000");
  });

  it("keeps every baisa: 1 OMR = 1000 baisa, never rounded to 2 decimals", () => {
    expect(plain(formatOmr(120_250, "en"))).toBe("OMR 120.250");
    expect(formatOmr(120_255, "ar")).toContain("١٢٠٫٢٥٥");
    expect(formatOmr(1_234_567, "ar")).toContain("١٬٢٣٤٫٥٦٧");
  });

  it("refuses a non-integer number of baisa (money is never a float)", () => {
    expect(() => formatOmr(85.5, "en")).toThrow();
    expect(() => formatOmr(0.1, "ar")).toThrow();
    expect(() => formatOmr(Number.NaN, "en")).toThrow();
  });
});

describe("formatNumber", () => {
  it("uses the locale's digits and grouping", () => {
    expect(formatNumber(15_577, "en")).toBe("15,577");
    expect(formatNumber(15_577, "ar")).toBe("١٥٬٥٧٧");
    expect(formatNumber(0, "ar")).toBe("٠");
  });
});

describe("formatDate", () => {
  // 21:00 UTC on 20 November is 01:00 on 21 November in Muscat (UTC+4).
  const lateEvening = new Date("2026-11-20T21:00:00Z");

  it("shows an instant on its Muscat calendar day, in English", () => {
    const s = formatDate(lateEvening, "en");
    expect(s).toContain("21");
    expect(s).toContain("November");
    expect(s).toContain("2026");
    expect(s).not.toContain("20 ");
  });

  it("shows an instant on its Muscat calendar day, in Arabic with Arabic-Indic digits", () => {
    const s = formatDate(lateEvening, "ar");
    expect(s).toContain("٢١");
    expect(s).toContain("نوفمبر");
    expect(s).toContain("٢٠٢٦");
    expect(s).not.toMatch(LATIN_DIGIT);
  });

  it("shows a calendar date (YYYY-MM-DD) as that same day in both languages", () => {
    expect(formatDate("2017-02-01", "en")).toMatch(/February 1, 2017|1 February 2017/);
    const ar = formatDate("2017-02-01", "ar");
    expect(ar).toContain("فبراير");
    expect(ar).toContain("٢٠١٧");
    expect(ar).toMatch(/(^|[^٠-٩])١([^٠-٩]|$)/);
  });

  it("has a shorter medium style", () => {
    const s = formatDate("2017-01-01", "en", "medium");
    expect(s).toContain("2017");
    expect(s).toMatch(/Jan/);
    expect(s).not.toContain("January");
  });
});

describe("formatDateTime", () => {
  it("shows Muscat wall-clock time", () => {
    // 05:30 UTC is 09:30 in Muscat.
    const en = formatDateTime(new Date("2026-03-01T05:30:00Z"), "en");
    expect(en).toContain("9:30");
    expect(en).toContain("2026");
    const ar = formatDateTime(new Date("2026-03-01T05:30:00Z"), "ar");
    expect(ar).toMatch(ARABIC_INDIC);
    expect(ar).toContain("٩:٣٠");
    expect(ar).not.toMatch(LATIN_DIGIT);
  });
});
