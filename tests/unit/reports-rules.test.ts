import { describe, expect, it } from "vitest";
import {
  addMonths,
  bankStatementExempt,
  canFileOn,
  checkDeclarations,
  checkEstablishmentCanFile,
  checkLastDayAtWork,
  checkWorkerEligibility,
  earliestFilingDate,
  type EligibilityInput,
} from "@/lib/reports/rules";

const at = (iso: string) => new Date(iso);

describe("earliest filing date (7 days, Muscat calendar)", () => {
  it("is the last day at work plus 7 days, across month and year ends", () => {
    expect(earliestFilingDate("2026-11-14")).toBe("2026-11-21");
    expect(earliestFilingDate("2026-11-28")).toBe("2026-12-05");
    expect(earliestFilingDate("2026-12-27")).toBe("2027-01-03");
    expect(earliestFilingDate("2028-02-25")).toBe("2028-03-03"); // leap year
  });

  it("refuses on day 6 and says the first allowed date; allows on day 7", () => {
    // Muscat noon on each day.
    expect(canFileOn("2026-11-14", at("2026-11-20T08:00:00Z"))).toEqual({
      ok: false,
      code: "too_early",
      firstDate: "2026-11-21",
    });
    expect(canFileOn("2026-11-14", at("2026-11-21T08:00:00Z"))).toEqual({ ok: true });
    expect(canFileOn("2026-11-14", at("2026-12-30T08:00:00Z"))).toEqual({ ok: true });
  });

  it("counts in Muscat time: 20:30 UTC on the 20th is already the 21st in Muscat", () => {
    // 2026-11-20T19:59:59Z is 23:59:59 on the 20th in Muscat (UTC+4): still day 6.
    expect(canFileOn("2026-11-14", at("2026-11-20T19:59:59Z")).ok).toBe(false);
    // 20:00Z is Muscat midnight: day 7 begins, though the UTC date is still the 20th.
    expect(canFileOn("2026-11-14", at("2026-11-20T20:00:00Z")).ok).toBe(true);
    expect(canFileOn("2026-11-14", at("2026-11-20T20:30:00Z")).ok).toBe(true);
  });
});

describe("the last day at work", () => {
  const worker = { enteredOmanOn: "2026-03-01" };
  const now = at("2026-11-21T08:00:00Z"); // 21 Nov in Muscat

  it("cannot be in the future (Muscat today is the limit)", () => {
    expect(checkLastDayAtWork("2026-11-22", worker, now)).toEqual({ code: "last_day_future" });
    // Late evening UTC on the 20th is the 21st in Muscat: the 21st is today, not the future...
    expect(checkLastDayAtWork("2026-11-21", worker, at("2026-11-20T20:30:00Z"))?.code).toBe("too_early");
    // ...but at 19:59Z it is still the 20th in Muscat, so the 21st is tomorrow.
    expect(checkLastDayAtWork("2026-11-21", worker, at("2026-11-20T19:59:00Z"))?.code).toBe(
      "last_day_future",
    );
  });

  it("cannot be before the worker entered Oman; the entry day itself is allowed", () => {
    expect(checkLastDayAtWork("2026-02-28", worker, now)).toEqual({
      code: "last_day_before_entry",
      enteredOmanOn: "2026-03-01",
    });
    expect(checkLastDayAtWork("2026-03-01", worker, now)).toBeNull();
  });

  it("must be at least 7 days ago, else gives the first date", () => {
    expect(checkLastDayAtWork("2026-11-15", worker, now)).toEqual({
      code: "too_early",
      firstDate: "2026-11-22",
    });
    expect(checkLastDayAtWork("2026-11-14", worker, now)).toBeNull();
  });
});

describe("bank statement exemption (entered Oman less than a calendar month before the absence)", () => {
  it("adds calendar months, clamping to the month's end", () => {
    expect(addMonths("2026-10-15", 1)).toBe("2026-11-15");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-12-10", 1)).toBe("2027-01-10");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
  });

  it("is exempt when the absence began one day short of a month after entry, not at a full month", () => {
    // Entered 15 Oct. Last day 13 Nov → absence from 14 Nov: less than a month → exempt.
    expect(bankStatementExempt("2026-10-15", "2026-11-13")).toBe(true);
    // Last day 14 Nov → absence from 15 Nov: exactly a month → the statement is needed.
    expect(bankStatementExempt("2026-10-15", "2026-11-14")).toBe(false);
    expect(bankStatementExempt("2026-10-15", "2026-12-01")).toBe(false);
  });

  it("uses the calendar month at a month's end (31 Jan → 28 Feb)", () => {
    expect(bankStatementExempt("2026-01-31", "2026-02-26")).toBe(true); // absence from 27 Feb
    expect(bankStatementExempt("2026-01-31", "2026-02-27")).toBe(false); // absence from 28 Feb = one month
  });

  it("is exempt when the worker stopped on the day of entry", () => {
    expect(bankStatementExempt("2026-10-15", "2026-10-15")).toBe(true);
  });
});

describe("declarations (Art. 2)", () => {
  const no = {
    declDisputeBeforeAbsence: false,
    declWorkerLeftCountryKnown: false,
    declOnLegalLeave: false,
    declResignationAccepted: false,
  };

  it("permits the report when every answer is no", () => {
    expect(checkDeclarations(no)).toEqual({ complete: true, reasons: [] });
  });

  it("gives one reason per yes, in the order asked", () => {
    expect(checkDeclarations({ ...no, declDisputeBeforeAbsence: true }).reasons).toEqual([
      "dispute_before_absence",
    ]);
    expect(checkDeclarations({ ...no, declWorkerLeftCountryKnown: true }).reasons).toEqual([
      "worker_left_country_known",
    ]);
    expect(checkDeclarations({ ...no, declOnLegalLeave: true }).reasons).toEqual(["on_legal_leave"]);
    expect(checkDeclarations({ ...no, declResignationAccepted: true }).reasons).toEqual([
      "resignation_accepted",
    ]);
    expect(
      checkDeclarations({
        declDisputeBeforeAbsence: true,
        declWorkerLeftCountryKnown: true,
        declOnLegalLeave: true,
        declResignationAccepted: true,
      }).reasons,
    ).toEqual([
      "dispute_before_absence",
      "worker_left_country_known",
      "on_legal_leave",
      "resignation_accepted",
    ]);
  });

  it("is incomplete while any answer is missing", () => {
    expect(checkDeclarations({ ...no, declOnLegalLeave: null })).toEqual({ complete: false, reasons: [] });
  });
});

describe("who may file for whom", () => {
  const muscat = { code: "MA", pilotFrom: "2016-12-13", mandatoryFrom: "2017-01-01" };
  const now = at("2026-11-21T08:00:00Z");
  const base: EligibilityInput = {
    establishment: { id: "est-a", servicesSuspendedUntil: null },
    governorate: muscat,
    worker: { establishmentId: "est-a", permitStatus: "active" },
    openReport: null,
    now,
  };

  it("allows an active permit held by this establishment with no open report", () => {
    expect(checkWorkerEligibility(base)).toBeNull();
  });

  it("refuses an unknown civil ID, another establishment's permit, an inactive permit", () => {
    expect(checkWorkerEligibility({ ...base, worker: null })).toEqual({ code: "worker_not_found" });
    expect(
      checkWorkerEligibility({ ...base, worker: { establishmentId: "est-b", permitStatus: "active" } }),
    ).toEqual({ code: "permit_other_establishment" });
    expect(
      checkWorkerEligibility({ ...base, worker: { establishmentId: null, permitStatus: "cancelled" } }),
    ).toEqual({ code: "permit_other_establishment" });
    for (const permitStatus of ["left_workplace", "cancelled", "transferred"] as const) {
      expect(checkWorkerEligibility({ ...base, worker: { establishmentId: "est-a", permitStatus } })).toEqual(
        { code: "permit_not_active", permitStatus },
      );
    }
  });

  it("refuses when an open report exists, naming it only when it is this establishment's own", () => {
    expect(
      checkWorkerEligibility({
        ...base,
        openReport: { establishmentId: "est-a", reference: "WA-2026-010006" },
      }),
    ).toEqual({
      code: "open_report_exists",
      ownReference: "WA-2026-010006",
    });
    expect(
      checkWorkerEligibility({
        ...base,
        openReport: { establishmentId: "est-b", reference: "WA-2026-010013" },
      }),
    ).toEqual({
      code: "open_report_exists",
      ownReference: null,
    });
  });

  it("refuses a suspended establishment until the end of the suspension, with its date", () => {
    const until = at("2026-11-21T08:00:01Z");
    expect(
      checkWorkerEligibility({ ...base, establishment: { id: "est-a", servicesSuspendedUntil: until } }),
    ).toEqual({
      code: "establishment_suspended",
      until,
    });
    // A suspension that ended is no bar.
    expect(
      checkEstablishmentCanFile({ servicesSuspendedUntil: at("2026-11-21T08:00:00Z") }, muscat, now),
    ).toBeNull();
    // The establishment's refusal comes before the worker's.
    expect(
      checkWorkerEligibility({
        ...base,
        worker: null,
        establishment: { id: "est-a", servicesSuspendedUntil: until },
      })?.code,
    ).toBe("establishment_suspended");
  });

  it("refuses where e-filing is not live yet, with the date it starts when scheduled", () => {
    const later = { code: "MU", pilotFrom: "2026-12-01", mandatoryFrom: "2027-02-01" };
    expect(checkEstablishmentCanFile({ servicesSuspendedUntil: null }, later, now)).toEqual({
      code: "governorate_not_live",
      governorateCode: "MU",
      liveFrom: "2026-12-01",
    });
    expect(
      checkEstablishmentCanFile(
        { servicesSuspendedUntil: null },
        { code: "MU", pilotFrom: null, mandatoryFrom: null },
        now,
      ),
    ).toEqual({
      code: "governorate_not_live",
      governorateCode: "MU",
      liveFrom: null,
    });
    // Live from Muscat midnight on its pilot date, even while UTC is still the day before.
    const fromTomorrow = { code: "MU", pilotFrom: "2026-11-21", mandatoryFrom: null };
    expect(
      checkEstablishmentCanFile({ servicesSuspendedUntil: null }, fromTomorrow, at("2026-11-20T19:59:00Z"))
        ?.code,
    ).toBe("governorate_not_live");
    expect(
      checkEstablishmentCanFile({ servicesSuspendedUntil: null }, fromTomorrow, at("2026-11-20T20:00:00Z")),
    ).toBeNull();
    // Pilot and mandatory both allow it.
    expect(
      checkEstablishmentCanFile(
        { servicesSuspendedUntil: null },
        { code: "MU", pilotFrom: null, mandatoryFrom: "2017-02-01" },
        now,
      ),
    ).toBeNull();
  });
});
