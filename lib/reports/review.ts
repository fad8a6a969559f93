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
    problems.push({ step, code: r.code, params: r.params });

  const eligibility = checkWorkerEligibility({
    establishment: s.establishment,
    governorate: s.governorate,
    worker: s.worker,
    openReport: s.openReport,
    now,
  });
  if (eligibility) add("worker", refusalOf(eligibility, s.governorate));

  const r = s.report;
  if (!r.lastDayAtWork) add("last-day", { code: "last_day_missing" });
  else {
    const bad = checkLastDayAtWork(r.lastDayAtWork, s.worker, now);
    if (bad?.code === "too_early")
      add("last-day", { code: "too_early", params: { firstDate: bad.firstDate } });
    else if (bad?.code === "last_day_before_entry")
      add("last-day", { code: bad.code, params: { enteredOmanOn: bad.enteredOmanOn } });
    else if (bad) add("last-day", { code: bad.code });
  }
  if (!r.workGovernorateCode || !r.workAddress) add("workplace", { code: "workplace_missing" });
  if (!r.contactAttempts) add("contact", { code: "contact_missing" });

  const decl = checkDeclarations(
    Object.fromEntries(DECLARATION_KEYS.map((k) => [k, r[k]])) as Parameters<typeof checkDeclarations>[0],
  );
  if (!decl.complete) add("declarations", { code: "declarations_missing" });
  for (const reason of decl.reasons) add("declarations", { code: `impermissible_${reason}` });

  for (const kind of requiredEvidence(s.worker.enteredOmanOn, r.lastDayAtWork)) {
    if (!s.evidenceKinds.includes(kind)) add("evidence", { code: `evidence_missing_${kind}` });
  }
  return problems;
}
