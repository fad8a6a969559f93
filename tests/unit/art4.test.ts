import { describe, expect, it } from "vitest";
import { art4Referrals, muscatPeriodKeys, muscatYearBounds } from "@/lib/reports/art4";
import { RULES } from "@/lib/reports/settings";

/** `n` submission instants, one a day from `firstDay` (YYYY-MM-DD) at noon Muscat time. */
function daily(firstDay: string, n: number): Date[] {
  const start = new Date(`${firstDay}T12:00:00+04:00`).getTime();
  return Array.from({ length: n }, (_, i) => new Date(start + i * 86_400_000));
}

describe("Art. 4 thresholds (5 a month, 10 a year)", () => {
  it("uses the numbers kept in RULES", () => {
    expect(RULES.inspectionMonthlyThreshold).toBe(5);
    expect(RULES.inspectionYearlyThreshold).toBe(10);
  });

  it("refers nobody at the 4th report of a month, and refers for the month at the 5th", () => {
    const four = daily("2026-03-02", 4);
    expect(art4Referrals(four.at(-1)!, four)).toEqual([]);
    const five = daily("2026-03-02", 5);
    expect(art4Referrals(five.at(-1)!, five)).toEqual([
      { period: "month", periodKey: "2026-03", reportCount: 5 },
    ]);
  });

  it("counts only the month of the new report", () => {
    const subs = [...daily("2026-02-24", 4), ...daily("2026-03-01", 1)];
    // 4 in February and 1 in March: neither month has 5.
    expect(art4Referrals(subs.at(-1)!, subs)).toEqual([]);
  });

  it("refers nobody at the 9th report of a year spread over months, and refers for the year at the 10th", () => {
    const months = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"];
    const subs = months.map((m) => new Date(`2026-${m}-15T09:00:00+04:00`));
    expect(art4Referrals(subs[8]!, subs.slice(0, 9))).toEqual([]);
    expect(art4Referrals(subs[9]!, subs)).toEqual([{ period: "year", periodKey: "2026", reportCount: 10 }]);
  });

  it("gives both referrals when one report reaches both thresholds", () => {
    const earlier = ["01", "02", "03", "04", "05"].map((m) => new Date(`2026-${m}-10T09:00:00+04:00`));
    const june = daily("2026-06-01", 5);
    const subs = [...earlier, ...june];
    expect(art4Referrals(june.at(-1)!, subs)).toEqual([
      { period: "month", periodKey: "2026-06", reportCount: 5 },
      { period: "year", periodKey: "2026", reportCount: 10 },
    ]);
  });

  it("ignores reports of other years", () => {
    const lastYear = daily("2025-12-01", 9);
    const now = new Date("2026-01-05T10:00:00+04:00");
    expect(art4Referrals(now, [...lastYear, now])).toEqual([]);
  });

  describe("months and years are Muscat's, not UTC's", () => {
    it("a report at 21:00 UTC on 31 January is in February in Muscat", () => {
      const at = new Date("2026-01-31T21:00:00Z"); // 01:00 on 1 February in Muscat
      expect(muscatPeriodKeys(at)).toEqual({ month: "2026-02", year: "2026" });
      const feb = [...daily("2026-02-02", 4), at];
      expect(art4Referrals(at, feb)).toEqual([{ period: "month", periodKey: "2026-02", reportCount: 5 }]);
      // The same four plus one at 19:59 UTC (23:59 in Muscat) on 31 January: still January.
      const jan = new Date("2026-01-31T19:59:00Z");
      expect(muscatPeriodKeys(jan).month).toBe("2026-01");
      expect(art4Referrals(jan, [...daily("2026-02-02", 4), jan])).toEqual([]);
    });

    it("New Year's Eve at 20:30 UTC is already next year in Muscat", () => {
      const at = new Date("2025-12-31T20:30:00Z");
      expect(muscatPeriodKeys(at)).toEqual({ month: "2026-01", year: "2026" });
      const bounds = muscatYearBounds(at);
      expect(bounds.from.toISOString()).toBe("2025-12-31T20:00:00.000Z");
      expect(bounds.to.toISOString()).toBe("2026-12-31T20:00:00.000Z");
    });
  });

  it("accepts other thresholds (the settings are numbers, not code)", () => {
    const three = daily("2026-04-01", 3);
    expect(art4Referrals(three.at(-1)!, three, { monthly: 3, yearly: 100 })).toEqual([
      { period: "month", periodKey: "2026-04", reportCount: 3 },
    ]);
  });
});
