/**
 * When may the employer ask for the ticket deposit back? (DOMAIN.md §4.) Pure: the caller gathers the facts
 * (lib/reports/refund-facts.ts) and the current instant; this decides, and says why in codes the pages turn
 * into words.
 *
 * Dates are Muscat calendar dates (YYYY-MM-DD). The rules, as this product reads them:
 * - legal period ended: from the day the legal period ends (approval date + 4 years, the anniversary itself
 *   included) until the last day to claim (approval date + 9 years, the anniversary itself included). A report
 *   approved on 16 March 2021 (Muscat) may be refunded on this ground from 16 March 2025 through 16 March 2030.
 *   29 February + N years in a year without one falls on 1 March. Only for a report still approved or closed:
 *   a cancelled one is covered by the cancellation and grievance grounds.
 * - cancellation approved: the report is cancelled and one of its cancellation requests was accepted.
 * - grievance accepted: the report is cancelled and its timeline has a move to `cancelled` with the reason code
 *   `grievance_accepted` (GRIEVANCE_ACCEPTED_REASON). This is the contract with the worker-services issue:
 *   whoever accepts a grievance cancels the report through transitionReport with that reason code.
 * - the worker left at own expense: the worker's permit is `cancelled` in the registry (staff record it with the
 *   worker's exit, lib/exits: left at own expense or permit cancelled), and the worker was not deported at the
 *   deposit's cost (then the deposit pays for the ticket). A report can only be filed for a worker whose permit
 *   is active, so a cancelled permit on a filed report was cancelled after it.
 * - report rejected: the Ministry rejected the report, so the deposit is not kept. The reviewer's rejection
 *   creates the refund request itself (lib/reports/lifecycle.ts); the employer sees it as already requested.
 * - not permitted at payment: the deposit was paid on a report that was no longer allowed (issue 10 §4); the
 *   report took its `not_permitted` move (to `rejected` without ever being submitted) and the system asked for
 *   the refund and approved it itself. Offered to the employer only when that refund failed.
 * In every case: only a deposit that is paid, neither utilised nor refunded in any part, with no refund
 * request in flight or done (the database enforces the last with a partial unique index too).
 */
import type { ReportStatus } from "./states";
import { RULES } from "./settings";
import { addDays, muscatDate } from "@/lib/time";

export const REFUND_GROUNDS = [
  "legal_period_ended",
  "cancellation_approved",
  "grievance_accepted",
  "worker_left_country",
  "report_rejected",
  "not_permitted_at_payment",
] as const;
export type RefundGround = (typeof REFUND_GROUNDS)[number];

/** The reason code on the report_events row of a cancellation caused by an accepted grievance. */
export const GRIEVANCE_ACCEPTED_REASON = "grievance_accepted";

export type DepositFacts = {
  status: "pending" | "paid" | "utilised" | "refunded" | "failed" | "expired";
  amountBaisa: number;
  refundedBaisa: number;
  utilisedAt: Date | null;
};

export type RefundFacts = {
  reportStatus: ReportStatus;
  approvedAt: Date | null;
  /** One of the report's cancellation requests was accepted. */
  cancellationAccepted: boolean;
  /** The report's timeline has a move to `cancelled` with reason GRIEVANCE_ACCEPTED_REASON. */
  cancelledByGrievance: boolean;
  /** The worker's permit is `cancelled` in the registry. */
  workerPermitCancelled: boolean;
  /** Staff recorded that the worker was deported at the deposit's cost (ground 4 then does not hold). */
  workerDeported: boolean;
  /** The report was refused when its payment settled (rejected without ever being submitted). */
  notPermittedAtPayment: boolean;
  /** The report's live deposit (pending, paid, utilised or refunded), if any. */
  deposit: DepositFacts | null;
  /** A refund request for that deposit is submitted, approved or refunded. */
  liveRefundRequest: boolean;
};

export type RefundBlocker = "no_paid_deposit" | "deposit_utilised" | "deposit_refunded" | "refund_requested";

export type RefundAssessment = {
  /** Every ground that holds today, in the order above. */
  grounds: RefundGround[];
  /** A ground holds and the deposit may be refunded: the employer may send a request now. */
  offered: boolean;
  /** Why the deposit itself cannot be refunded (whatever the grounds), or null. */
  blocker: RefundBlocker | null;
  /** What would be refunded: the whole paid amount (a deposit is refunded at most once). */
  amountBaisa: number;
  /** For an approved report: when the legal period ends, and the last day to claim on that ground. */
  legalPeriodEnds: string | null;
  refundClaimUntil: string | null;
  /** The legal period ground will hold from legalPeriodEnds (a future date); null when it will not. */
  legalPeriodGroundFrom: string | null;
  /** The 9 years have passed: the legal-period ground can no longer be claimed. */
  claimWindowClosed: boolean;
};

const FILED: readonly ReportStatus[] = ["submitted", "approved", "rejected", "cancelled", "closed"];

function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** Adds whole years to a YYYY-MM-DD date; 29 February in a year without one becomes 1 March. */
export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  if (md === "02-29" && !isLeapYear(y)) return `${y}-03-01`;
  return `${String(y).padStart(4, "0")}-${md}`;
}

/** The dates an approval fixes (Muscat calendar), stored on the report by whoever approves it. */
export function datesFromApproval(approvedAt: Date): {
  approvalDate: string;
  grievanceDeadline: string;
  legalPeriodEnds: string;
  refundClaimUntil: string;
} {
  const approvalDate = muscatDate(approvedAt);
  return {
    approvalDate,
    grievanceDeadline: addDays(approvalDate, RULES.grievanceWindowDays),
    legalPeriodEnds: addYears(approvalDate, RULES.legalPeriodYears),
    refundClaimUntil: addYears(approvalDate, RULES.refundClaimYears),
  };
}

function blockerOf(facts: RefundFacts): RefundBlocker | null {
  const d = facts.deposit;
  if (!d) return "no_paid_deposit";
  if (d.status === "utilised" || d.utilisedAt !== null) return "deposit_utilised";
  if (d.status === "refunded" || d.refundedBaisa > 0) return "deposit_refunded";
  if (d.status !== "paid") return "no_paid_deposit";
  if (facts.liveRefundRequest) return "refund_requested";
  return null;
}

export function assessRefund(facts: RefundFacts, now: Date = new Date()): RefundAssessment {
  const today = muscatDate(now);
  const grounds: RefundGround[] = [];
  const dates = facts.approvedAt ? datesFromApproval(facts.approvedAt) : null;
  const inForce = facts.reportStatus === "approved" || facts.reportStatus === "closed";

  let legalPeriodGroundFrom: string | null = null;
  let claimWindowClosed = false;
  if (dates && inForce) {
    if (today > dates.refundClaimUntil) claimWindowClosed = true;
    else if (today >= dates.legalPeriodEnds) grounds.push("legal_period_ended");
    else legalPeriodGroundFrom = dates.legalPeriodEnds;
  }
  if (facts.reportStatus === "cancelled" && facts.cancellationAccepted) grounds.push("cancellation_approved");
  if (facts.reportStatus === "cancelled" && facts.cancelledByGrievance) grounds.push("grievance_accepted");
  if (FILED.includes(facts.reportStatus) && facts.workerPermitCancelled && !facts.workerDeported)
    grounds.push("worker_left_country");
  if (facts.reportStatus === "rejected")
    grounds.push(facts.notPermittedAtPayment ? "not_permitted_at_payment" : "report_rejected");

  const blocker = blockerOf(facts);
  const d = facts.deposit;
  return {
    grounds,
    offered: grounds.length > 0 && blocker === null,
    blocker,
    amountBaisa: d ? d.amountBaisa - d.refundedBaisa : 0,
    legalPeriodEnds: dates?.legalPeriodEnds ?? null,
    refundClaimUntil: dates?.refundClaimUntil ?? null,
    legalPeriodGroundFrom,
    claimWindowClosed,
  };
}
