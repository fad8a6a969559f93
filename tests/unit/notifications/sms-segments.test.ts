import { describe, expect, it } from "vitest";
import { smsSegments } from "@/lib/notifications/sms-segments";

describe("SMS segment count", () => {
  it("counts GSM 7-bit text: 160 in one part, 153 per part beyond", () => {
    expect(smsSegments("a".repeat(160))).toEqual({
      encoding: "gsm7",
      units: 160,
      segments: 1,
      perSegment: 160,
    });
    expect(smsSegments("a".repeat(161))).toEqual({
      encoding: "gsm7",
      units: 161,
      segments: 2,
      perSegment: 153,
    });
    expect(smsSegments("a".repeat(306)).segments).toBe(2);
    expect(smsSegments("a".repeat(307)).segments).toBe(3);
  });

  it("counts characters of the extension table twice", () => {
    expect(smsSegments("€").units).toBe(2);
    expect(smsSegments("[x]").units).toBe(5);
    expect(smsSegments("€".repeat(80)).segments).toBe(1);
    expect(smsSegments("€".repeat(81)).segments).toBe(2);
  });

  it("sends Arabic as UCS-2: 70 in one part, 67 per part beyond", () => {
    expect(smsSegments("ب".repeat(70))).toEqual({ encoding: "ucs2", units: 70, segments: 1, perSegment: 70 });
    expect(smsSegments("ب".repeat(71))).toEqual({ encoding: "ucs2", units: 71, segments: 2, perSegment: 67 });
    expect(smsSegments("ب".repeat(134)).segments).toBe(2);
    expect(smsSegments("ب".repeat(135)).segments).toBe(3);
  });

  it("switches a Latin text to UCS-2 for one character outside the GSM alphabet", () => {
    expect(smsSegments(`${"a".repeat(100)}ك`)).toMatchObject({ encoding: "ucs2", segments: 2 });
    expect(smsSegments("Report WA-2026-004217 — object by 3 Aug").encoding).toBe("ucs2"); // the em dash
    expect(smsSegments("Report WA-2026-004217 - object by 3 Aug").encoding).toBe("gsm7");
  });
});
