import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isCalendarDate, MUSCAT_TZ, muscatDate } from "@/lib/time";

describe("muscatDate", () => {
  it("is the calendar date in Muscat (UTC+4), not in UTC", () => {
    expect(muscatDate(new Date("2026-11-20T19:59:59Z"))).toBe("2026-11-20");
    expect(muscatDate(new Date("2026-11-20T20:00:00Z"))).toBe("2026-11-21");
    expect(muscatDate(new Date("2026-11-20T21:00:00Z"))).toBe("2026-11-21");
  });

  it("crosses the year in Muscat four hours before UTC does", () => {
    expect(muscatDate(new Date("2016-12-31T19:59:00Z"))).toBe("2016-12-31");
    expect(muscatDate(new Date("2016-12-31T20:00:00Z"))).toBe("2017-01-01");
  });

  it("has no daylight saving: the offset is +4 in winter and in summer", () => {
    expect(muscatDate(new Date("2026-01-15T20:00:00Z"))).toBe("2026-01-16");
    expect(muscatDate(new Date("2026-07-15T20:00:00Z"))).toBe("2026-07-16");
    expect(muscatDate(new Date("2026-07-15T19:59:59Z"))).toBe("2026-07-15");
  });

  it("defaults to now and always gives YYYY-MM-DD", () => {
    expect(muscatDate()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(MUSCAT_TZ).toBe("Asia/Muscat");
  });
});

describe("addDays", () => {
  it("adds and subtracts whole days across months, years and leap days", () => {
    expect(addDays("2026-11-20", 7)).toBe("2026-11-27");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2017-01-01", -1)).toBe("2016-12-31");
    expect(addDays("2026-05-05", 0)).toBe("2026-05-05");
  });

  it("60 days after approval (Art. 11) lands on the right date", () => {
    expect(addDays("2026-01-01", 60)).toBe("2026-03-02");
  });
});

describe("daysBetween", () => {
  it("counts whole days, positive when the second date is later", () => {
    expect(daysBetween("2026-11-20", "2026-11-27")).toBe(7);
    expect(daysBetween("2026-11-27", "2026-11-20")).toBe(-7);
    expect(daysBetween("2026-11-20", "2026-11-20")).toBe(0);
    expect(daysBetween("2016-12-13", "2017-02-01")).toBe(50);
    expect(daysBetween("2028-02-01", "2028-03-01")).toBe(29);
  });

  it("is the inverse of addDays", () => {
    for (const n of [-400, -1, 0, 1, 6, 7, 60, 365, 1461]) {
      expect(daysBetween("2026-11-20", addDays("2026-11-20", n))).toBe(n);
    }
  });
});

describe("isCalendarDate", () => {
  it("accepts real dates and refuses impossible ones without throwing", () => {
    expect(isCalendarDate("2026-11-28")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2019-02-30")).toBe(false);
    expect(isCalendarDate("2026-13-45")).toBe(false);
    expect(isCalendarDate("2026-00-10")).toBe(false);
    expect(isCalendarDate("28/11/2026")).toBe(false);
  });
});
