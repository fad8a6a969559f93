/**
 * What still stands between a draft and payment, worked out from a snapshot of the report and its worker.
 * Pure, so "check your answers" can show the same list that `prepareForPayment` enforces.
 */
import type { Schedule } from "@/lib/governorates/state";
import { refusalOf, type Refused } from "./refusals";
import {
  bankStatementExempt,
  checkDeclarations,
  checkLastDayAtWork,
  checkWorkerEligibility,
  DECLARATION_KEYS,
  type PermitStatus,
} from "./rules";
import type { FilingStep } from "./steps";

export const EMPLOYER_EVIDENCE_KINDS = ["bank_statement", "municipality_licence", "address_proof"] as const;
export type EmployerEvidenceKind = (typeof EMPLOYER_EVIDENCE_KINDS)[number];

export type FilingSnapshot = {
  report: {
    lastDayAtWork: string | null;
    workGovernorateCode: string | null;
    workAddress: string | null;
    contactAttempts: string | null;
    declDisputeBeforeAbsence: boolean | null;
    declWorkerLeftCountryKnown: boolean | null;
    declOnLegalLeave: boolean | null;
    declResignationAccepted: boolean | null;
  };
  worker: { enteredOmanOn: string; establishmentId: string | null; permitStatus: PermitStatus };
  establishment: { id: string; servicesSuspendedUntil: Date | null };
  governorate: Schedule & { code: string; nameAr: string; nameEn: string };
  /** An open report for the worker other than this one. */
  openReport: { establishmentId: string; reference: string } | null;
  evidenceKinds: readonly string[];
};

/**
 * What blocks the report, with the page that fixes it (and the field on that page). The declarations are made
 * on "check your answers" itself, in the form that sends the report.
 */
export type Problem = { step: FilingStep | "worker" } & Omit<Refused, "ok">;

/** The evidence this report needs: the bank statement unless the worker is exempt (or the last day is unknown yet). */
export function requiredEvidence(
  enteredOmanOn: string,
  lastDayAtWork: string | null,
): EmployerEvidenceKind[] {
  const exempt = lastDayAtWork !== null && bankStatementExempt(enteredOmanOn, lastDayAtWork);
  return EMPLOYER_EVIDENCE_KINDS.filter((k) => !(k === "bank_statement" && exempt));
}

export function findProblems(s: FilingSnapshot, now: Date): Problem[] {
  const problems: Problem[] = [];
  const add = (step: Problem["step"], r: Omit<Refused, "ok">) =>
    problems.push({ step, code: r.code, params: r.params, ...(r.field ? { field: r.field } : {}) });

  const eligibility = checkWorkerEligibility({
    establishment: s.establishment,
    governorate: s.governorate,
    worker: s.worker,
    openReport: s.openReport,
    now,
  });
  if (eligibility) add("worker", refusalOf(eligibility, s.governorate));

  const r = s.report;
  const lastDay = "lastDay";
  if (!r.lastDayAtWork) add("absence", { code: "last_day_missing", field: lastDay });
  else {
    const bad = checkLastDayAtWork(r.lastDayAtWork, s.worker, now);
    if (bad?.code === "too_early")
      add("absence", { code: "too_early", params: { firstDate: bad.firstDate }, field: lastDay });
    else if (bad?.code === "last_day_before_entry")
      add("absence", { code: bad.code, params: { enteredOmanOn: bad.enteredOmanOn }, field: lastDay });
    else if (bad) add("absence", { code: bad.code, field: lastDay });
  }
  if (!r.workGovernorateCode || !r.workAddress)
    add("absence", { code: "workplace_missing", field: "workGovernorateCode" });
  if (!r.contactAttempts) add("absence", { code: "contact_missing", field: "contactAttempts" });

  const decl = checkDeclarations(
    Object.fromEntries(DECLARATION_KEYS.map((k) => [k, r[k]])) as Parameters<typeof checkDeclarations>[0],
  );
  if (!decl.complete) add("check", { code: "declarations_missing", field: "declarations" });
  for (const reason of decl.reasons) add("check", { code: `impermissible_${reason}`, field: "declarations" });

  for (const kind of requiredEvidence(s.worker.enteredOmanOn, r.lastDayAtWork)) {
    if (!s.evidenceKinds.includes(kind)) add("evidence", { code: `evidence_missing_${kind}`, field: kind });
  }
  return problems;
}
