import { and, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  auditEvents,
  cancellationRequests,
  deposits,
  grievances,
  lifecycleEvents,
  refundRequests,
  reports,
  workers,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { cancellationLifecycle } from "@/lib/cancellations/lifecycle";
import type { CaseFacts, ReportRow } from "@/lib/cases/facts";
import { loadParties, mailBase, notifyEmployer, notifyWorker, workerName } from "@/lib/cases/parties";
import { grievanceLifecycle } from "@/lib/grievances/lifecycle";
import { bindLifecycle, transition, type Effect, type MoveInput } from "@/lib/lifecycle/transition";
import type { ClosedCause } from "@/lib/admin/templates";
import { appBaseUrl } from "@/lib/notifications/recipients";
import { reportMachine, type ReportMove, type ReportStatus } from "./states";

type ReportEffect = Effect<ReportRow, CaseFacts, ReportMove>;

/**
 * Closes the report's open cancellation request and grievance as no longer needed (issue 10 §1), each through
 * its own lifecycle, so each party is told. Read now, not from the case loaded before the move: the request
 * that caused this move (an accepted cancellation) has already left the open states.
 */
const closeOpenRequests =
  (cause: ClosedCause): ReportEffect =>
  async (tx, ev) => {
    const open = ["submitted", "under_review"] as const;
    const [cancellations, openGrievances] = await Promise.all([
      tx
        .select({ id: cancellationRequests.id })
        .from(cancellationRequests)
        .where(
          and(
            eq(cancellationRequests.reportId, ev.after.id),
            inArray(cancellationRequests.status, [...open]),
          ),
        ),
      tx
        .select({ id: grievances.id })
        .from(grievances)
        .where(and(eq(grievances.reportId, ev.after.id), inArray(grievances.status, [...open]))),
    ]);
    const common = {
      actor: { kind: "system" } as const,
      context: ev.input.context,
      reasonCode: cause,
      now: ev.now,
      appUrl: ev.input.appUrl,
    };
    for (const r of cancellations)
      await transition(tx, cancellationLifecycle, "closed", { ...common, id: r.id });
    for (const g of openGrievances)
      await transition(tx, grievanceLifecycle, "closed", { ...common, id: g.id });
  };

/** Art. 14: an active permit shows that the worker left the workplace; any other status is a recorded fact. */
const markPermitLeft: ReportEffect = async (tx, ev) => {
  await tx
    .update(workers)
    .set({ permitStatus: "left_workplace" })
    .where(and(eq(workers.id, ev.after.workerId), eq(workers.permitStatus, "active")));
};

/** The permit goes back to active only from "left workplace" (a cancelled or transferred permit stays so). */
const restorePermit: ReportEffect = async (tx, ev) => {
  await tx
    .update(workers)
    .set({ permitStatus: "active" })
    .where(and(eq(workers.id, ev.after.workerId), eq(workers.permitStatus, "left_workplace")));
};

/** The rejected report keeps no deposit: a refund request for the paid, untouched deposit, for finance. */
const requestRejectionRefund: ReportEffect = async (tx, ev) => {
  const [deposit] = await tx
    .select()
    .from(deposits)
    .where(and(eq(deposits.reportId, ev.after.id), eq(deposits.status, "paid")))
    .for("update");
  if (!deposit || deposit.utilisedAt || deposit.refundedBaisa > 0) return;
  const [live] = await tx
    .select({ id: refundRequests.id })
    .from(refundRequests)
    .where(
      and(
        eq(refundRequests.depositId, deposit.id),
        inArray(refundRequests.status, ["submitted", "approved", "refunded"]),
      ),
    );
  if (live) return;
  await tx.insert(refundRequests).values({
    reportId: ev.after.id,
    depositId: deposit.id,
    ground: "report_rejected",
    status: "submitted",
    amountBaisa: deposit.amountBaisa,
    requestedBy: ev.after.createdBy,
  });
};

/** Both parties hear a reviewer's decision, with the reason; the worker's message gives the deadline. */
const tellDecision =
  (outcome: "approved" | "rejected"): ReportEffect =>
  async (tx, ev) => {
    const parties = await loadParties(tx, ev.after.id);
    if (!parties) return;
    const url = ev.input.appUrl ?? appBaseUrl();
    const base = mailBase(parties, ev.input.reasonCode ?? "other", ev.input.note ?? null, url);
    const deadline = outcome === "approved" ? ev.after.grievanceDeadline : null;
    let refundRequested = false;
    if (outcome === "rejected") {
      const [r] = await tx
        .select({ id: refundRequests.id })
        .from(refundRequests)
        .where(and(eq(refundRequests.reportId, ev.after.id), eq(refundRequests.ground, "report_rejected")));
      refundRequested = Boolean(r);
    }
    await notifyWorker(
      tx,
      parties,
      { template: "worker.report-decided.sms", params: { ...base, outcome, deadline } },
      {
        template: "worker.report-decided.email",
        params: { ...base, outcome, deadline, name: workerName(parties) },
      },
    );
    await notifyEmployer(tx, parties, {
      template: "employer.report-decided.email",
      params: { ...base, outcome, deadline, refundRequested },
    });
  };

/**
 * Reopening a decision (issue 10 §14) undoes what the decision fixed: the decision's dates and decider (the
 * grievance deadline, the legal period, the last refund-claim day), so deadlines, reminders and refund grounds
 * no longer run from a decision that stands no more.
 */
const undoDecision: ReportEffect = async (tx, ev) => {
  await tx
    .update(reports)
    .set({
      decidedAt: null,
      decidedBy: null,
      approvedAt: null,
      grievanceDeadline: null,
      legalPeriodEnds: null,
      refundClaimUntil: null,
    })
    .where(eq(reports.id, ev.after.id));
};

/**
 * The permit goes back to what it was before the approval, only when the approval changed it (Art. 14: an
 * active permit became left_workplace). The approval's audit event recorded the status it found.
 */
const undoApprovalPermit: ReportEffect = async (tx, ev) => {
  if (ev.before.status !== "approved") return;
  const [approval] = await tx
    .select({ after: auditEvents.after })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, "report"),
        eq(auditEvents.entityId, ev.after.id),
        eq(auditEvents.action, "report.approved"),
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(1);
  const before = (approval?.after as { permitStatusBefore?: string } | null)?.permitStatusBefore;
  if (before !== "active") return;
  await restorePermit(tx, ev);
};

/** The reason code with which a reopening closes the rejection's refund request. */
export const REPORT_REOPENED_REASON = "report_reopened";

/**
 * A rejection asked for the deposit back on the employer's behalf; reopening it closes that request while
 * finance has not executed it yet (the guard, reopenBlocker, refuses once it is approved or paid out). The
 * refund request ends `rejected` with the reason `report_reopened`, recorded in its history and the audit log.
 */
const closeRejectionRefund: ReportEffect = async (tx, ev) => {
  if (ev.before.status !== "rejected") return;
  const open = await tx
    .update(refundRequests)
    .set({ status: "rejected", decidedAt: ev.now, decisionReasonCode: REPORT_REOPENED_REASON })
    .where(
      and(
        eq(refundRequests.reportId, ev.after.id),
        eq(refundRequests.ground, "report_rejected"),
        eq(refundRequests.status, "submitted"),
      ),
    )
    .returning({ id: refundRequests.id });
  for (const r of open) {
    await tx.insert(lifecycleEvents).values({
      entity: "refund",
      entityId: r.id,
      reportId: ev.after.id,
      transition: "closed",
      fromStatus: "submitted",
      toStatus: "rejected",
      actorKind: "system",
      actorId: null,
      reasonCode: REPORT_REOPENED_REASON,
      at: ev.now,
    });
    await recordAudit(tx, {
      actor: { kind: "system" },
      action: "refund.closed",
      entityType: "refund_request",
      entityId: r.id,
      before: { status: "submitted" },
      after: { status: "rejected", reasonCode: REPORT_REOPENED_REASON, reportId: ev.after.id },
    });
  }
};

/** Both parties hear that the decision was reopened, why, and that a new decision will follow. */
const tellReopened: ReportEffect = async (tx, ev) => {
  const parties = await loadParties(tx, ev.after.id);
  if (!parties) return;
  const url = ev.input.appUrl ?? appBaseUrl();
  const base = mailBase(parties, ev.input.reasonCode ?? "other", ev.input.note ?? null, url);
  const previous = ev.before.status === "approved" ? "approved" : "rejected";
  const [closed] = await tx
    .select({ id: refundRequests.id })
    .from(refundRequests)
    .where(
      and(
        eq(refundRequests.reportId, ev.after.id),
        eq(refundRequests.decisionReasonCode, REPORT_REOPENED_REASON),
        eq(refundRequests.decidedAt, ev.now),
      ),
    );
  await notifyWorker(
    tx,
    parties,
    { template: "worker.report-reopened.sms", params: { reference: base.reference, url } },
    {
      template: "worker.report-reopened.email",
      params: { ...base, previous, name: workerName(parties) },
    },
  );
  await notifyEmployer(tx, parties, {
    template: "employer.report-reopened.email",
    params: { ...base, previous, refundClosed: Boolean(closed) },
  });
};

/**
 * The report's lifecycle bound to its table. Each move's consequences are listed here, next to the table
 * (lib/reports/states.ts), and nowhere else: a caller moves the report and gets every consequence.
 */
export const reportLifecycle = bindLifecycle<ReportStatus, ReportMove, CaseFacts, ReportRow>({
  machine: reportMachine,
  table: reports as never,
  history: "report_events",
  entityType: "report",
  reportIdOf: (r) => r.id,
  effects: {
    sent_to_payment: [],
    returned_to_draft: [],
    // The worker's and employer's messages and Art. 4 are written by lib/payments/settle.ts, in the same
    // transaction, after this move.
    submitted: [],
    not_permitted: [],
    approved: [markPermitLeft, tellDecision("approved")],
    rejected: [closeOpenRequests("report_rejected"), requestRejectionRefund, tellDecision("rejected")],
    // The parties are told by the decision that cancels it (the cancellation's or the grievance's messages).
    cancelled: [closeOpenRequests("report_cancelled"), restorePermit],
    closed: [closeOpenRequests("report_closed")],
    expired: [],
    discarded: [],
    reopened: [undoDecision, undoApprovalPermit, closeRejectionRefund, tellReopened],
  },
});

/** Moves a report (lib/lifecycle/transition.ts does the checks, the history, the audit and the consequences). */
export function moveReport(
  tx: Tx,
  move: ReportMove,
  input: MoveInput<ReportRow, CaseFacts>,
): Promise<ReportRow> {
  return transition(tx, reportLifecycle, move, input);
}
