/**
 * The filing journey in seven screens (issue 12): the order of the pages after the worker is chosen, where the
 * pages of the former journey now are, the absence page's form (every problem at once), the declarations as
 * the statement made when sending, and which page (and field) each remaining problem sends the employer to.
 */
import { describe, expect, it } from "vitest";
import { parseForm } from "@/lib/forms";
import { findProblems, type FilingSnapshot } from "@/lib/reports/review";
import { absenceSchema, confirmationsSchema } from "@/lib/reports/schemas";
import { FILING_STEPS, FORMER_STEPS, nextStep, previousStep, stepHref } from "@/lib/reports/steps";

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

describe("the pages after the worker is chosen", () => {
  it("are three: the absence, the evidence, check your answers (with the find-and-confirm page, pay, the gateway and the confirmation: seven screens)", () => {
    expect(FILING_STEPS).toEqual(["absence", "evidence", "check"]);
    expect(1 + FILING_STEPS.length + 3).toBeLessThanOrEqual(7);
  });

  it("go forward one by one, or back to check your answers when the employer came from there", () => {
    expect(nextStep("absence", null)).toBe("evidence");
    expect(nextStep("evidence", "")).toBe("check");
    expect(nextStep("absence", "check")).toBe("check");
    expect(previousStep("absence")).toBeNull();
    expect(previousStep("check")).toBe("evidence");
    expect(stepHref("ar", "r1", "absence", "check", "contactAttempts")).toBe(
      "/ar/employer/reports/r1/edit/absence?return=check#contactAttempts",
    );
  });

  it("take in every page of the former journey, at the field that now asks its question", () => {
    expect(FORMER_STEPS).toEqual({
      "last-day": { step: "absence", anchor: "lastDay" },
      workplace: { step: "absence", anchor: "workGovernorateCode" },
      contact: { step: "absence", anchor: "contactAttempts" },
      declarations: { step: "check", anchor: "declarations" },
    });
  });
});

describe("the absence page's form", () => {
  it("reports every problem of the page at once, the date's on the day box", () => {
    const r = parseForm(
      absenceSchema,
      form({
        lastDayDay: "31",
        lastDayMonth: "2",
        lastDayYear: "2026",
        workGovernorateCode: "",
        workAddress: "x",
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.state.fieldErrors).toEqual({
      lastDay: "last_day_invalid",
      workGovernorateCode: "governorate_required",
      workAddress: "address_too_short",
      contactAttempts: "contact_required",
    });
    expect(r.state.values).toMatchObject({ lastDayDay: "31", workAddress: "x" });
  });

  it("accepts Arabic-Indic digits and gives the four answers", () => {
    const r = parseForm(
      absenceSchema,
      form({
        lastDayDay: "٣",
        lastDayMonth: "١١",
        lastDayYear: "٢٠٢٦",
        workGovernorateCode: "MA",
        workAddress: "  Ruwi, Muscat ",
        contactAttempts: "Called him on three days.",
      }),
    );
    expect(r).toEqual({
      ok: true,
      data: {
        lastDayAtWork: "2026-11-03",
        workGovernorateCode: "MA",
        workAddress: "Ruwi, Muscat",
        contactAttempts: "Called him on three days.",
      },
    });
  });
});

describe("the declarations, made on check your answers", () => {
  it("must each be ticked; an unticked one is an error on its box, naming the ground", () => {
    const r = parseForm(
      confirmationsSchema,
      form({ declDisputeBeforeAbsence: "yes", declOnLegalLeave: "yes", declResignationAccepted: "on" }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.state.fieldErrors).toEqual({
      declWorkerLeftCountryKnown: "confirm_worker_left_country_known",
      declResignationAccepted: "confirm_resignation_accepted",
    });
  });

  it("are saved as 'no, it does not apply' when ticked", () => {
    const yes = {
      declDisputeBeforeAbsence: "yes",
      declWorkerLeftCountryKnown: "yes",
      declOnLegalLeave: "yes",
      declResignationAccepted: "yes",
    };
    expect(parseForm(confirmationsSchema, form(yes))).toEqual({
      ok: true,
      data: {
        declDisputeBeforeAbsence: false,
        declWorkerLeftCountryKnown: false,
        declOnLegalLeave: false,
        declResignationAccepted: false,
      },
    });
  });
});

describe("what still blocks a draft", () => {
  const snapshot = (report: Partial<FilingSnapshot["report"]>): FilingSnapshot => ({
    report: {
      lastDayAtWork: null,
      workGovernorateCode: null,
      workAddress: null,
      contactAttempts: null,
      declDisputeBeforeAbsence: null,
      declWorkerLeftCountryKnown: null,
      declOnLegalLeave: null,
      declResignationAccepted: null,
      ...report,
    },
    worker: { enteredOmanOn: "2020-01-01", establishmentId: "e1", permitStatus: "active" },
    establishment: { id: "e1", servicesSuspendedUntil: null },
    governorate: {
      code: "MA",
      nameAr: "مسقط",
      nameEn: "Muscat",
      pilotFrom: "2016-12-13",
      mandatoryFrom: "2017-01-01",
    },
    openReport: null,
    evidenceKinds: ["municipality_licence"],
  });

  it("names the page and the field that fix each problem", () => {
    const problems = findProblems(snapshot({}), new Date("2026-11-20T08:00:00Z"));
    expect(problems.map((p) => [p.step, p.field, p.code])).toEqual([
      ["absence", "lastDay", "last_day_missing"],
      ["absence", "workGovernorateCode", "workplace_missing"],
      ["absence", "contactAttempts", "contact_missing"],
      ["check", "declarations", "declarations_missing"],
      ["evidence", "bank_statement", "evidence_missing_bank_statement"],
      ["evidence", "address_proof", "evidence_missing_address_proof"],
    ]);
  });

  it("sends a last day now too recent back to the absence page, with the first date", () => {
    const problems = findProblems(
      snapshot({
        lastDayAtWork: "2026-11-18",
        workGovernorateCode: "MA",
        workAddress: "Ruwi",
        contactAttempts: "Called.",
        declDisputeBeforeAbsence: false,
        declWorkerLeftCountryKnown: false,
        declOnLegalLeave: false,
        declResignationAccepted: true,
      }),
      new Date("2026-11-20T08:00:00Z"),
    );
    expect(problems.slice(0, 2)).toEqual([
      { step: "absence", field: "lastDay", code: "too_early", params: { firstDate: "2026-11-25" } },
      { step: "check", field: "declarations", code: "impermissible_resignation_accepted", params: undefined },
    ]);
  });
});
