import { and, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { cancellationRequests, deposits, refundRequests, reportEvents, reports, workers } from "@/db/schema";
import { GRIEVANCE_ACCEPTED_REASON, type RefundFacts } from "./refund-grounds";

type Report = Pick<typeof reports.$inferSelect, "id" | "status" | "approvedAt" | "workerId">;

/**
 * Gathers what assessRefund needs about one report (already known to belong to the actor). With `lock`, the
 * live deposit row is locked too, so a refund request and a payment or utilisation cannot cross.
 */
export async function loadRefundFacts(
  tx: Tx,
  report: Report,
  opts: { lock?: boolean } = {},
): Promise<{ facts: RefundFacts; depositId: string | null }> {
  const depositQuery = tx
    .select()
    .from(deposits)
    .where(
      and(
        eq(deposits.reportId, report.id),
        inArray(deposits.status, ["pending", "paid", "utilised", "refunded"]),
      ),
    )
    .orderBy(desc(deposits.createdAt))
    .limit(1);
  const [deposit] = opts.lock ? await depositQuery.for("update") : await depositQuery;

  const [[accepted], [grievance], [worker], [liveRefund]] = await Promise.all([
    tx
      .select({ id: cancellationRequests.id })
      .from(cancellationRequests)
      .where(and(eq(cancellationRequests.reportId, report.id), eq(cancellationRequests.status, "accepted")))
      .limit(1),
    tx
      .select({ id: reportEvents.id })
      .from(reportEvents)
      .where(
        and(
          eq(reportEvents.reportId, report.id),
          eq(reportEvents.toStatus, "cancelled"),
          eq(reportEvents.reasonCode, GRIEVANCE_ACCEPTED_REASON),
        ),
      )
      .limit(1),
    tx.select({ permitStatus: workers.permitStatus }).from(workers).where(eq(workers.id, report.workerId)),
    deposit
      ? tx
          .select({ id: refundRequests.id })
          .from(refundRequests)
          .where(
            and(
              eq(refundRequests.depositId, deposit.id),
              inArray(refundRequests.status, ["submitted", "approved", "refunded"]),
            ),
          )
          .limit(1)
      : Promise.resolve([]),
  ]);

  return {
    depositId: deposit?.id ?? null,
    facts: {
      reportStatus: report.status,
      approvedAt: report.approvedAt,
      cancellationAccepted: Boolean(accepted),
      cancelledByGrievance: Boolean(grievance),
      workerPermitCancelled: worker?.permitStatus === "cancelled",
      deposit: deposit
        ? {
            status: deposit.status,
            amountBaisa: deposit.amountBaisa,
            refundedBaisa: deposit.refundedBaisa,
            utilisedAt: deposit.utilisedAt,
          }
        : null,
      liveRefundRequest: Boolean(liveRefund),
    },
  };
}
