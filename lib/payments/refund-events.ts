import { and, eq, isNull, or, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { deposits, refundRequests } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { log } from "@/lib/log";
import { transitionDeposit } from "./deposit-states";
import { recordPaymentEvent } from "./settle";
import type { ProviderKind, ProviderRefund } from "./types";

/**
 * What a provider says about a refund, applied to `refund_requests` and `deposits` (GOV.UK Notify's rule for
 * callbacks): the request is found by its provider refund id (or, before that id was saved, by the request id
 * in the refund's metadata), locked, and changed only from its unfinished state `approved`: a succeeded
 * refund makes it `refunded` and the deposit `refunded`; a failed or cancelled one makes it `failed`. A
 * repeated or late report changes nothing.
 */
export type RefundUpdateOutcome =
  "refunded" | "failed" | "pending" | "unchanged" | "unknown" | "duplicate_event";

export type ApplyRefundOptions = {
  source: "webhook" | "execute" | "reconcile";
  event?: { provider: ProviderKind; id: string; type: string };
  /** Who caused this (staff executing a refund); the provider's own reports are the system's. */
  actor?: AuditActor;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function lockRequest(tx: Tx, refund: ProviderRefund) {
  const byProviderId = eq(refundRequests.providerRefundId, refund.refundId);
  const where =
    refund.refundRequestId && UUID.test(refund.refundRequestId)
      ? or(
          byProviderId,
          and(
            eq(refundRequests.id, refund.refundRequestId),
            or(isNull(refundRequests.providerRefundId), byProviderId),
          ),
        )
      : byProviderId;
  const [row] = await tx.select().from(refundRequests).where(where).for("update");
  return row ?? null;
}

/**
 * The employer hears how the refund ended in the transaction that records it — whether the provider answered
 * at once (staff executing it) or later through a webhook — so the message is written exactly once.
 */
async function tellEmployer(tx: Tx, refundRequestId: string): Promise<void> {
  // Imported when needed: the staff module itself executes refunds through this one.
  const { notifyRefundOutcome } = await import("@/lib/admin/refunds/decide");
  await notifyRefundOutcome(refundRequestId, tx);
}

export async function applyRefundUpdate(
  refund: ProviderRefund,
  opts: ApplyRefundOptions,
): Promise<RefundUpdateOutcome> {
  return db.transaction(async (tx) => {
    if (opts.event && !(await recordPaymentEvent(tx, opts.event))) return "duplicate_event";
    const request = await lockRequest(tx, refund);
    if (!request) {
      log.warn({ refundId: refund.refundId }, "refund without a refund request");
      return "unknown";
    }
    const actor = opts.actor ?? { kind: "system" as const };
    const audit = (
      action: string,
      entityType: string,
      entityId: string,
      before: unknown,
      after: Record<string, unknown>,
    ) =>
      recordAudit(tx, {
        actor,
        action,
        entityType,
        entityId,
        before,
        after: {
          ...after,
          providerRefundId: refund.refundId,
          source: opts.source,
          eventId: opts.event?.id ?? null,
        },
      });

    let idSaved = false;
    if (request.providerRefundId === null) {
      await tx
        .update(refundRequests)
        .set({ providerRefundId: refund.refundId })
        .where(eq(refundRequests.id, request.id));
      idSaved = true;
    }
    if (request.status !== "approved") return idSaved ? "pending" : "unchanged";
    if (refund.state === "pending") return idSaved ? "pending" : "unchanged";

    if (refund.state === "failed") {
      await tx
        .update(refundRequests)
        .set({
          status: "failed",
          failureReason: refund.failureReason ?? "refund_failed",
          version: sql`${refundRequests.version} + 1`,
        })
        .where(and(eq(refundRequests.id, request.id), eq(refundRequests.status, "approved")));
      await audit(
        "refund.failed",
        "refund_request",
        request.id,
        { status: "approved" },
        { status: "failed", reason: refund.failureReason },
      );
      await tellEmployer(tx, request.id);
      return "failed";
    }

    // Succeeded: the money went back.
    const [deposit] = await tx
      .select()
      .from(deposits)
      .where(eq(deposits.id, request.depositId))
      .for("update");
    if (refund.amountBaisa !== request.amountBaisa) {
      log.error(
        { refundRequestId: request.id, asked: request.amountBaisa, refunded: refund.amountBaisa },
        "refunded amount differs from the request",
      );
    }
    if (deposit?.status === "paid") {
      await transitionDeposit(tx, {
        depositId: deposit.id,
        from: "paid",
        to: "refunded",
        set: { refundedBaisa: deposit.refundedBaisa + refund.amountBaisa, refundedAt: new Date() },
      });
      await audit(
        "deposit.refunded",
        "deposit",
        deposit.id,
        { status: "paid", refundedBaisa: deposit.refundedBaisa },
        {
          status: "refunded",
          refundedBaisa: deposit.refundedBaisa + refund.amountBaisa,
        },
      );
    } else {
      log.error(
        { depositId: request.depositId, status: deposit?.status },
        "refund succeeded for a deposit that is not held",
      );
    }
    await tx
      .update(refundRequests)
      .set({ status: "refunded", version: sql`${refundRequests.version} + 1` })
      .where(and(eq(refundRequests.id, request.id), eq(refundRequests.status, "approved")));
    await audit(
      "refund.refunded",
      "refund_request",
      request.id,
      { status: "approved" },
      { status: "refunded", amountBaisa: refund.amountBaisa },
    );
    await tellEmployer(tx, request.id);
    return "refunded";
  });
}
