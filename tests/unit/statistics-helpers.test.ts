import { describe, expect, it } from "vitest";
import {
  acceptanceRate,
  barPercent,
  defaultStatisticsRange,
  filterQuery,
  parseStatisticsFilter,
  parseStatisticsPageFilter,
  splitDuration,
} from "@/lib/admin/statistics";

describe("statistics helpers", () => {
  it("gives no acceptance rate when nothing was decided, and accepted / decided otherwise", () => {
    expect(acceptanceRate(0, 0)).toBeNull();
    expect(acceptanceRate(1, 2)).toBeCloseTo(1 / 3, 12);
    expect(acceptanceRate(3, 0)).toBe(1);
    expect(acceptanceRate(0, 5)).toBe(0);
  });

  it("scales bars to the largest value", () => {
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(10, 10)).toBe(100);
    expect(barPercent(1, 3)).toBe(33.3);
    expect(barPercent(0, 10)).toBe(0);
    expect(barPercent(0, 0)).toBe(0);
  });

  it("splits a duration into days and hours, to the nearest hour", () => {
    expect(splitDuration(60 * 3600)).toEqual({ days: 2, hours: 12 });
    expect(splitDuration(3600 * 23 + 1800)).toEqual({ days: 1, hours: 0 });
    expect(splitDuration(0)).toEqual({ days: 0, hours: 0 });
  });
});

describe("parseStatisticsFilter", () => {
  it("accepts an empty filter as everything", () => {
    expect(parseStatisticsFilter({})).toEqual({
      ok: true,
      filter: { from: null, to: null, governorate: null },
    });
  });

  it("accepts dates and a governorate, upper-casing the code", () => {
    const r = parseStatisticsFilter({ from: "2019-03-01", to: "2019-03-31", governorate: "ma" });
    expect(r).toEqual({ ok: true, filter: { from: "2019-03-01", to: "2019-03-31", governorate: "MA" } });
    if (r.ok) expect(filterQuery(r.filter)).toBe("?from=2019-03-01&to=2019-03-31&governorate=MA");
  });

  it("reports bad dates, a reversed range and a bad governorate, and falls back to everything", () => {
    expect(parseStatisticsFilter({ from: "2019-13-45" })).toMatchObject({
      ok: false,
      errors: { from: "date_invalid" },
    });
    expect(parseStatisticsFilter({ to: "2019-02-30" })).toMatchObject({
      ok: false,
      errors: { to: "date_invalid" },
    });
    expect(parseStatisticsFilter({ from: "2019-04-01", to: "2019-03-01" })).toMatchObject({
      ok: false,
      errors: { to: "range_reversed" },
    });
    expect(parseStatisticsFilter({ governorate: "'; drop" })).toMatchObject({
      ok: false,
      filter: { from: null, to: null, governorate: null },
      errors: { governorate: "governorate_invalid" },
    });
  });

  it("defaults to the last 12 calendar months in Muscat, this one included, up to today", () => {
    // 21:30 UTC on 31 December is already 1 January in Muscat.
    expect(defaultStatisticsRange(new Date("2026-12-31T21:30:00Z"))).toEqual({
      from: "2026-02-01",
      to: "2027-01-01",
    });
    expect(defaultStatisticsRange(new Date("2026-11-28T10:00:00Z"))).toEqual({
      from: "2025-12-01",
      to: "2026-11-28",
    });
  });

  it("uses the default range only when the address names no date; empty dates mean all time", () => {
    const now = new Date("2026-11-28T10:00:00Z");
    expect(parseStatisticsPageFilter({}, now)).toMatchObject({
      ok: true,
      defaulted: true,
      filter: { from: "2025-12-01", to: "2026-11-28", governorate: null },
    });
    expect(parseStatisticsPageFilter({ governorate: "ma" }, now)).toMatchObject({
      defaulted: true,
      filter: { from: "2025-12-01", to: "2026-11-28", governorate: "MA" },
    });
    expect(parseStatisticsPageFilter({ from: "", to: "" }, now)).toMatchObject({
      ok: true,
      defaulted: false,
      filter: { from: null, to: null, governorate: null },
    });
    expect(parseStatisticsPageFilter({ from: "2019-03-01", to: "" }, now)).toMatchObject({
      defaulted: false,
      filter: { from: "2019-03-01", to: null },
    });
    // An invalid filter is reported and the default range shown, not all time.
    expect(parseStatisticsPageFilter({ from: "yesterday", to: "" }, now)).toMatchObject({
      ok: false,
      defaulted: true,
      filter: { from: "2025-12-01", to: "2026-11-28", governorate: null },
    });
  });
});
