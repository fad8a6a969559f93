import type { Tx } from "@/db";
import {
  cancellationAccepted,
  deportationRecorded,
  liveRefund,
  loadCase,
  type CaseFacts,
} from "@/lib/cases/facts";
import type { RefundFacts } from "./refund-grounds";

/** What assessRefund needs, read off a case (lib/cases/facts.ts): one source for pages, use cases and guards. */
export function refundFactsOf(c: CaseFacts): RefundFacts {
  const d = c.deposit;
  return {
    reportStatus: c.report.status,
    approvedAt: c.report.approvedAt,
    cancellationAccepted: cancellationAccepted(c),
    cancelledByGrievance: c.cancelledByGrievance,
    workerPermitCancelled: c.worker.permitStatus === "cancelled",
    workerDeported: deportationRecorded(c),
    // `not_permitted` is the only move to `rejected` from before submission.
    notPermittedAtPayment: c.report.status === "rejected" && c.report.submittedAt === null,
    deposit: d
      ? {
          status: d.status,
          amountBaisa: d.amountBaisa,
          refundedBaisa: d.refundedBaisa,
          utilisedAt: d.utilisedAt,
        }
      : null,
    liveRefundRequest: Boolean(d && liveRefund(c)?.depositId === d.id),
  };
}

/**
 * The refund facts of one report (already known to belong to the actor), with the live deposit's id. With
 * `lock`, the report row is locked first (every use case on a case locks it first).
 */
export async function loadRefundFacts(
  tx: Tx,
  report: { id: string },
  opts: { lock?: boolean; now?: Date } = {},
): Promise<{ facts: RefundFacts; depositId: string | null; case: CaseFacts }> {
  const c = await loadCase(tx, report.id, opts);
  if (!c) throw new Error(`report ${report.id} has no case`);
  return { facts: refundFactsOf(c), depositId: c.deposit?.id ?? null, case: c };
}
