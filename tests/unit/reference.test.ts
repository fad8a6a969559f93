import { describe, expect, it } from "vitest";
import { dammDigit, formatReference, parseReference } from "@/lib/reports/reference";

const toArabicIndic = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

// A spread of sequence numbers, including short ones (padded to 5 digits) and long ones.
const SAMPLE: Array<[number, number]> = [];
for (let i = 0; i < 60; i++) SAMPLE.push([2017 + (i % 12), (i * 7919 + 13) % 100_000]);
SAMPLE.push([2026, 0], [2026, 1], [2026, 99_999], [2026, 123_456], [2030, 4_294_967]);

/** The digits of a reference (year + sequence + check digit), in the order they are written. */
const digitsOf = (ref: string) => ref.replace(/\D/g, "");
const withDigits = (ref: string, digits: string) => `WA-${digits.slice(0, 4)}-${digits.slice(4)}`;

describe("formatReference", () => {
  it("writes WA-YYYY-NNNNNC with a Damm check digit", () => {
    const ref = formatReference(2026, 42);
    expect(ref).toMatch(/^WA-2026-00042\d$/);
    expect(dammDigit(digitsOf(ref))).toBe(0);
    expect(formatReference(2026, 123_456)).toMatch(/^WA-2026-123456\d$/);
  });

  it("gives different references for different sequences", () => {
    const refs = new Set(SAMPLE.map(([y, n]) => formatReference(y, n)));
    expect(refs.size).toBe(new Set(SAMPLE.map(([y, n]) => `${y}-${n}`)).size);
  });

  it("is read back by parseReference", () => {
    for (const [y, n] of SAMPLE) {
      const ref = formatReference(y, n);
      expect(parseReference(ref)).toBe(ref);
    }
  });
});

describe("parseReference", () => {
  it("catches every single wrong digit", () => {
    let tried = 0;
    for (const [y, n] of SAMPLE) {
      const digits = digitsOf(formatReference(y, n));
      for (let i = 0; i < digits.length; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === digits[i]) continue;
          const wrong = digits.slice(0, i) + d + digits.slice(i + 1);
          expect(parseReference(withDigits(formatReference(y, n), wrong)), `${wrong}`).toBeNull();
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(3000);
  });

  it("catches every swap of two different adjacent digits", () => {
    let tried = 0;
    for (const [y, n] of SAMPLE) {
      const digits = digitsOf(formatReference(y, n));
      for (let i = 0; i + 1 < digits.length; i++) {
        if (digits[i] === digits[i + 1]) continue;
        const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
        expect(parseReference(withDigits(formatReference(y, n), swapped)), swapped).toBeNull();
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(300);
  });

  it("accepts what people type: Arabic-Indic digits, lower case, spaces, missing dashes", () => {
    const ref = formatReference(2026, 314);
    expect(parseReference(toArabicIndic(ref))).toBe(ref);
    expect(parseReference(ref.toLowerCase())).toBe(ref);
    expect(parseReference(` ${ref.replace(/-/g, " - ")} `)).toBe(ref);
    expect(parseReference(ref.replace(/-/g, ""))).toBe(ref);
    // Extended Arabic-Indic (Persian) digits too.
    expect(parseReference(ref.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d))))).toBe(ref);
  });

  it("refuses what is not a reference", () => {
    expect(parseReference("")).toBeNull();
    expect(parseReference("WA-2026")).toBeNull();
    expect(parseReference("XX-2026-000420")).toBeNull();
    expect(parseReference("WA-2026-0042")).toBeNull();
    expect(parseReference("WA-26-000420")).toBeNull();
  });
});
