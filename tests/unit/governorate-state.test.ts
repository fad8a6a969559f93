import { describe, expect, it } from "vitest";
import { efilingStateOn, stateSince, type Schedule } from "@/lib/governorates/state";
import { governorateScheduleSchema, isCalendarDate } from "@/lib/governorates/schemas";
import { toLatinDigits } from "@/lib/i18n/digits";

// The real rollout (DOMAIN.md §2).
const muscat: Schedule = { pilotFrom: "2016-12-13", mandatoryFrom: "2017-01-01" };
const dhofar: Schedule = { pilotFrom: "2016-12-13", mandatoryFrom: "2017-02-01" };

describe("efilingStateOn", () => {
  it("is not live the day before the pilot, pilot on its first day", () => {
    expect(efilingStateOn(muscat, "2016-12-12")).toBe("not_live");
    expect(efilingStateOn(muscat, "2016-12-13")).toBe("pilot");
  });

  it("is still pilot the day before mandatory, mandatory on its first day and after", () => {
    expect(efilingStateOn(muscat, "2016-12-31")).toBe("pilot");
    expect(efilingStateOn(muscat, "2017-01-01")).toBe("mandatory");
    expect(efilingStateOn(muscat, "2026-11-28")).toBe("mandatory");
    expect(efilingStateOn(dhofar, "2017-01-31")).toBe("pilot");
    expect(efilingStateOn(dhofar, "2017-02-01")).toBe("mandatory");
  });

  it("is not live when nothing is scheduled", () => {
    expect(efilingStateOn({ pilotFrom: null, mandatoryFrom: null }, "2026-11-28")).toBe("not_live");
  });

  it("handles a governorate scheduled straight to mandatory, or only a pilot", () => {
    const straight: Schedule = { pilotFrom: null, mandatoryFrom: "2027-03-01" };
    expect(efilingStateOn(straight, "2027-02-28")).toBe("not_live");
    expect(efilingStateOn(straight, "2027-03-01")).toBe("mandatory");
    const pilotOnly: Schedule = { pilotFrom: "2027-03-01", mandatoryFrom: null };
    expect(efilingStateOn(pilotOnly, "2027-02-28")).toBe("not_live");
    expect(efilingStateOn(pilotOnly, "2099-12-31")).toBe("pilot");
  });

  it("a schedule moved into the future makes the governorate not live today", () => {
    expect(efilingStateOn({ pilotFrom: "2099-01-01", mandatoryFrom: "2099-06-01" }, "2026-11-28")).toBe(
      "not_live",
    );
  });
});

describe("stateSince", () => {
  it("is the date the current state began, or the next date when not live", () => {
    expect(stateSince(muscat, "mandatory")).toBe("2017-01-01");
    expect(stateSince(muscat, "pilot")).toBe("2016-12-13");
    expect(stateSince({ pilotFrom: "2099-01-01", mandatoryFrom: "2099-06-01" }, "not_live")).toBe(
      "2099-01-01",
    );
    expect(stateSince({ pilotFrom: null, mandatoryFrom: "2099-06-01" }, "not_live")).toBe("2099-06-01");
    expect(stateSince({ pilotFrom: null, mandatoryFrom: null }, "not_live")).toBeNull();
  });
});

describe("governorateScheduleSchema (the supervisor's form)", () => {
  const parse = (pilotFrom: string, mandatoryFrom: string, code = "MA") =>
    governorateScheduleSchema.safeParse({ code, pilotFrom, mandatoryFrom });
  const errors = (r: ReturnType<typeof parse>) =>
    r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));

  it("accepts ordered dates, equal dates, and empty (not scheduled) dates", () => {
    expect(parse("2027-01-01", "2027-02-01")).toMatchObject({
      success: true,
      data: { pilotFrom: "2027-01-01", mandatoryFrom: "2027-02-01" },
    });
    expect(parse("2027-01-01", "2027-01-01").success).toBe(true);
    expect(parse("", "")).toMatchObject({ success: true, data: { pilotFrom: null, mandatoryFrom: null } });
    expect(parse(" 2027-01-01 ", "")).toMatchObject({
      success: true,
      data: { pilotFrom: "2027-01-01", mandatoryFrom: null },
    });
  });

  it("accepts Arabic-Indic digits", () => {
    expect(parse("٢٠٢٧-٠١-٠١", "۲۰۲۷-۰۲-۰۱")).toMatchObject({
      success: true,
      data: { pilotFrom: "2027-01-01", mandatoryFrom: "2027-02-01" },
    });
    expect(toLatinDigits("٠١٢٣٤٥٦٧٨٩")).toBe("0123456789");
  });

  it("refuses a mandatory date before the pilot date, on the mandatory field", () => {
    expect(errors(parse("2027-03-01", "2027-02-28"))).toEqual({ mandatoryFrom: "date_order" });
  });

  it("refuses impossible and out-of-range dates", () => {
    expect(errors(parse("2027-02-29", ""))).toEqual({ pilotFrom: "date_invalid" });
    expect(errors(parse("", "2027-13-01"))).toEqual({ mandatoryFrom: "date_invalid" });
    expect(errors(parse("1/2/2027", ""))).toEqual({ pilotFrom: "date_invalid" });
    expect(errors(parse("1999-01-01", ""))).toEqual({ pilotFrom: "date_range" });
    expect(errors(parse("2027-01-01", "", "muscat"))).toEqual({ code: "governorate_unknown" });
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2100-02-29")).toBe(false);
  });
});
