import { reports } from "@/db/schema";
import { leavingRecorded, liveRefund, type CaseFacts } from "@/lib/cases/facts";
import { defineMachine, type ActorRef } from "@/lib/lifecycle/machine";
import { muscatDate } from "@/lib/time";
import { checkWorkerEligibility, type EligibilityRefusal } from "./rules";
import { reportDraftExpiryDays } from "./settings";

export type ReportStatus = (typeof reports.$inferSelect)["status"];

export const REPORT_STATUSES = [
  "draft",
  "awaiting_payment",
  "submitted",
  "approved",
  "rejected",
  "cancelled",
  "closed",
  "expired",
  "discarded",
] as const satisfies readonly ReportStatus[];

/** Open reports block a new one for the same worker (also the partial unique index reports_one_open_per_worker). */
export const OPEN_REPORT_STATUSES = [
  "awaiting_payment",
  "submitted",
  "approved",
] as const satisfies readonly ReportStatus[];
/** Filed: the worker has been told; these are the reports a worker sees. */
export const FILED_REPORT_STATUSES = [
  "submitted",
  "approved",
  "rejected",
  "cancelled",
  "closed",
] as const satisfies readonly ReportStatus[];
/** The report stands against the worker (awaiting a decision, or approved). */
export const IN_FORCE_REPORT_STATUSES = ["submitted", "approved"] as const satisfies readonly ReportStatus[];

export type ReportMove =
  | "sent_to_payment"
  | "returned_to_draft"
  | "submitted"
  | "not_permitted"
  | "approved"
  | "rejected"
  | "cancelled"
  | "closed"
  | "expired"
  | "discarded"
  | "reopened";

const inForce = (c: CaseFacts) => (IN_FORCE_REPORT_STATUSES as readonly string[]).includes(c.report.status);

/**
 * Every filing rule that can stop holding after the answers were checked (issue 10 §4), as of c.now: the
 * establishment is not suspended and its governorate is live; the worker's permit is still active and held
 * by the establishment. (The 7 days only grow, the declarations and evidence are frozen once a payment starts,
 * and the partial unique index reports_one_open_per_worker keeps a second open report out.) Null: permitted.
 */
export function filingBlocker(c: CaseFacts): EligibilityRefusal | null {
  return checkWorkerEligibility({
    establishment: {
      id: c.establishment.id,
      servicesSuspendedUntil: c.establishment.servicesSuspendedUntil,
    },
    governorate: c.governorate,
    worker: { establishmentId: c.worker.establishmentId, permitStatus: c.worker.permitStatus },
    openReport: null,
    now: c.now,
  });
}

/** Money was involved (a payment started or made): the report can neither expire nor be discarded. */
const depositBlocker = (c: CaseFacts) => (c.deposit ? "payment_started" : null);

/** A draft or unpaid report expires REPORT_DRAFT_EXPIRY_DAYS after its last change, if no payment started. */
export function expiryBlocker(c: CaseFacts): string | null {
  const due = c.report.updatedAt.getTime() + reportDraftExpiryDays() * 86_400_000;
  if (c.now.getTime() < due) return "not_due";
  return depositBlocker(c);
}

/** Why the report was closed: the reason code on its move to `closed`. */
export type CloseCause = "legal_period_ended" | "worker_left_country" | "worker_deported";

/** The cause that allows closing an approved report now, or null when none does. */
export function closeCause(c: CaseFacts): CloseCause | null {
  const left = leavingRecorded(c);
  if (left) return left.kind === "deported" ? "worker_deported" : "worker_left_country";
  if (c.report.legalPeriodEnds && muscatDate(c.now) >= c.report.legalPeriodEnds) return "legal_period_ended";
  return null;
}

/**
 * Issue 10 §5: the system closes an approved report at the end of its legal period (daily job); staff close it
 * by recording that the worker left the country at their own expense or was deported.
 */
export function closeBlocker(c: CaseFacts, actor: ActorRef): string | null {
  const cause = closeCause(c);
  if (!cause) return actor.kind === "system" ? "legal_period_not_ended" : "exit_not_recorded";
  if (actor.kind !== "system" && cause === "legal_period_ended") return "exit_not_recorded";
  return null;
}

/**
 * DOMAIN.md §5 and issue 10: the only moves a report may make, who makes them, and what they cause.
 * Guards are functions of the case (lib/cases/facts.ts); the consequences are in lib/reports/lifecycle.ts.
 */
export const reportMachine = defineMachine<ReportStatus, ReportMove, CaseFacts>({
  name: "report",
  states: REPORT_STATUSES,
  open: OPEN_REPORT_STATUSES,
  create: {
    into: "draft",
    by: ["employer"],
    when: "the employer starts a report about a worker whose permit the establishment holds (filing rules checked)",
  },
  transitions: {
    sent_to_payment: {
      from: ["draft"],
      to: "awaiting_payment",
      by: ["employer"],
      guard: (c) => filingBlocker(c)?.code ?? null,
      when: "the employer checked the answers; every filing rule is checked again and the deposit is fixed",
    },
    returned_to_draft: {
      from: ["awaiting_payment"],
      to: "draft",
      by: ["employer"],
      guard: (c) => (c.deposit ? "payment_started" : null),
      when: "the employer changes an answer before paying",
    },
    submitted: {
      from: ["awaiting_payment"],
      to: "submitted",
      by: ["system"],
      guard: (c) => filingBlocker(c)?.code ?? null,
      tells: ["worker", "employer"],
      when: "the deposit is paid and every filing rule still holds",
      consequences: [
        "the worker is told (SMS, and e-mail when the registry has one); the employer gets a receipt",
        "Art. 4 counts the establishment's reports (an inspection referral at 5 a month or 10 a year)",
      ],
    },
    not_permitted: {
      from: ["awaiting_payment"],
      to: "rejected",
      by: ["system"],
      guard: (c) => (filingBlocker(c) ? null : "still_permitted"),
      tells: ["employer"],
      when: "the deposit is paid but a filing rule no longer holds (suspension, permit moved, governorate offline…)",
      consequences: [
        "a refund request on ground not_permitted_at_payment is made and approved by the system, and sent to the provider after commit (reconciliation retries it)",
        "the employer is told why, and that the deposit is being refunded",
      ],
    },
    approved: {
      from: ["submitted"],
      to: "approved",
      by: ["reviewer"],
      tells: ["worker", "employer"],
      when: "a reviewer approves the report, with a reason",
      consequences: [
        "grievance deadline (60 days), legal period end (4 years) and last refund-claim day (9 years) fixed",
        "an active work permit becomes left_workplace (Art. 14); any other permit status is kept",
        "when staff already recorded that the worker left the country, the report is closed at once",
      ],
    },
    rejected: {
      from: ["submitted"],
      to: "rejected",
      by: ["reviewer"],
      tells: ["worker", "employer"],
      when: "a reviewer rejects the report, with a reason",
      consequences: [
        "open cancellation request and grievance closed as no longer needed (each party told)",
        "a refund request for the paid deposit is made for the employer",
      ],
    },
    cancelled: {
      from: ["submitted", "approved"],
      to: "cancelled",
      by: ["reviewer"],
      tells: ["worker", "employer"],
      when: "a reviewer accepts the employer's cancellation request or the worker's grievance",
      consequences: [
        "the other open request is closed as no longer needed",
        "a left_workplace permit becomes active again",
      ],
    },
    closed: {
      from: ["approved"],
      to: "closed",
      by: ["system", "reviewer", "finance"],
      guard: closeBlocker,
      tells: ["worker", "employer"],
      when: "the legal period ended (daily job), or staff recorded that the worker left the country or was deported",
      consequences: [
        "open cancellation request and grievance closed as no longer needed",
        "the employer is told, with the last day to ask for the deposit back when a refund ground holds",
      ],
    },
    expired: {
      from: ["draft", "awaiting_payment"],
      to: "expired",
      by: ["system"],
      guard: expiryBlocker,
      tells: ["employer"],
      when: "left unfinished or unpaid REPORT_DRAFT_EXPIRY_DAYS (default 30) after its last change, no payment started (daily job)",
    },
    discarded: {
      from: ["draft", "awaiting_payment"],
      to: "discarded",
      by: ["employer"],
      guard: depositBlocker,
      when: "the employer drops a report before paying (after a confirmation step)",
    },
    reopened: {
      from: ["approved", "rejected"],
      to: "submitted",
      by: ["supervisor"],
      guard: (c) => reopenBlocker(c),
      tells: ["worker", "employer"],
      when: "a supervisor reopens a decision, with a reason, while nothing has followed from it and no other report about the worker is open",
      consequences: [
        "the decision's dates and permit change are undone; a rejection's refund request is closed",
      ],
    },
  },
});

/**
 * A decision can be reopened only while nothing has followed from it: no grievance or cancellation decided
 * after it, no deposit used or refunded, no refund in flight other than a rejection's own (still unexecuted),
 * and — for a rejection — no other report about the worker opened since (one open report per worker).
 */
export function reopenBlocker(c: CaseFacts): string | null {
  if (c.otherOpenReport) return "worker_has_open_report";
  if (c.report.status === "approved") {
    if (c.grievances.some((g) => g.status === "accepted" || g.status === "rejected"))
      return "grievance_decided";
    if (c.cancellations.some((r) => r.status === "accepted" || r.status === "rejected"))
      return "cancellation_decided";
  }
  if (c.deposit && c.deposit.status !== "paid") return "deposit_moved";
  const live = liveRefund(c);
  if (
    live &&
    !(c.report.status === "rejected" && live.ground === "report_rejected" && live.status === "submitted")
  )
    return "refund_in_flight";
  return null;
}

export { inForce as reportInForce };
