import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { cancellationRequests, deposits, grievances, refundRequests, reports, workers } from "@/db/schema";
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
    reopened: [],
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
