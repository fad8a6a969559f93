import { and, eq, isNull, or } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { refundRequests } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record";
import { loadCase } from "@/lib/cases/facts";
import { isUuid } from "@/lib/ids";
import { log } from "@/lib/log";
import { lockRow } from "@/lib/lifecycle/transition";
import { moveRefund, refundLifecycle } from "@/lib/refunds/lifecycle";
import { recordPaymentEvent } from "./events";
import type { ProviderKind, ProviderRefund } from "./types";

/**
 * What a provider says about a refund, applied through the refund request's lifecycle (GOV.UK Notify's rule for
 * callbacks): the request is found by its provider refund id (or, before that id was saved, by the request id in
 * the refund's metadata), and changes only from its unfinished state `approved`: a succeeded refund takes the
 * request's `refunded` move (whose consequences move the deposit to `refunded` and tell the employer), a failed
 * or cancelled one its `failed` move. A repeated or late report changes nothing.
 */
export type RefundUpdateOutcome =
  "refunded" | "failed" | "pending" | "unchanged" | "unknown" | "duplicate_event";

export type ApplyRefundOptions = {
  source: "webhook" | "execute" | "reconcile";
  event?: { provider: ProviderKind; id: string; type: string };
  /** Who caused this (staff executing a refund), for the audit trail; the move itself is the system's. */
  actor?: AuditActor;
  appUrl?: string;
};

async function findRequest(tx: Tx, refund: ProviderRefund) {
  const byProviderId = eq(refundRequests.providerRefundId, refund.refundId);
  const where =
    refund.refundRequestId && isUuid(refund.refundRequestId)
      ? or(
          byProviderId,
          and(
            eq(refundRequests.id, refund.refundRequestId),
            or(isNull(refundRequests.providerRefundId), byProviderId),
          ),
        )
      : byProviderId;
  const [row] = await tx
    .select({ id: refundRequests.id, reportId: refundRequests.reportId })
    .from(refundRequests)
    .where(where);
  return row ?? null;
}

export async function applyRefundUpdate(
  refund: ProviderRefund,
  opts: ApplyRefundOptions,
): Promise<RefundUpdateOutcome> {
  return db.transaction(async (tx) => {
    if (opts.event && !(await recordPaymentEvent(tx, opts.event))) return "duplicate_event";
    const found = await findRequest(tx, refund);
    if (!found) {
      log.warn({ refundId: refund.refundId }, "refund without a refund request");
      return "unknown";
    }
    // The report first, then the request (every use case on a case locks in this order).
    const now = new Date();
    const c = await loadCase(tx, found.reportId, { lock: true, now });
    const request = await lockRow(tx, refundLifecycle, found.id);
    if (!c || !request) return "unknown";

    let idSaved = false;
    if (request.providerRefundId === null) {
      await tx
        .update(refundRequests)
        .set({ providerRefundId: refund.refundId })
        .where(eq(refundRequests.id, request.id));
      idSaved = true;
    }
    if (request.status !== "approved" || refund.state === "pending") return idSaved ? "pending" : "unchanged";

    const common = {
      id: request.id,
      actor: { kind: "system" } as const,
      context: c,
      now,
      appUrl: opts.appUrl,
      audit: {
        providerRefundId: refund.refundId,
        source: opts.source,
        eventId: opts.event?.id ?? null,
        ...(opts.actor && opts.actor.kind !== "system"
          ? { executedBy: { kind: opts.actor.kind, id: opts.actor.id ?? null } }
          : {}),
      },
    };
    if (refund.state === "failed") {
      await moveRefund(tx, "failed", {
        ...common,
        reasonCode: "provider_failed",
        set: { failureReason: refund.failureReason ?? "refund_failed", providerRefundId: refund.refundId },
        audit: { ...common.audit, reason: refund.failureReason },
      });
      return "failed";
    }
    if (refund.amountBaisa !== request.amountBaisa) {
      log.error(
        { refundRequestId: request.id, asked: request.amountBaisa, refunded: refund.amountBaisa },
        "refunded amount differs from the request",
      );
    }
    await moveRefund(tx, "refunded", {
      ...common,
      reasonCode: "provider_confirmed",
      set: { providerRefundId: refund.refundId },
      audit: { ...common.audit, amountBaisa: refund.amountBaisa },
    });
    return "refunded";
  });
}
