import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import { db } from "@/db";
import { deposits, refundRequests } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record";
import { log } from "@/lib/log";
import { AUTOMATIC_REFUND_GROUND } from "@/lib/refunds/states";
import { providerFor } from "./provider";
import { applyRefundUpdate, type RefundUpdateOutcome } from "./refund-events";
import type { PaymentProvider, ProviderRefund } from "./types";

export type ExecuteRefundInput = { refundRequestId: string; depositId: string; amountBaisa: number };

export type ExecuteRefundResult =
  | { ok: true; refundId: string; state: ProviderRefund["state"]; outcome: RefundUpdateOutcome }
  | {
      ok: false;
      code:
        | "not_found"
        | "not_approved"
        | "deposit_not_paid"
        | "amount_invalid"
        | "wrong_provider"
        | "provider_error";
    };

/**
 * Sends an approved refund request's money back through the provider that took it (for the staff issue:
 * a finance officer approves, then calls this). Safe to call again: the provider create carries an
 * idempotency key derived from the refund request id, a refund already recorded is read rather than made
 * again, and one the provider has for this request (found by its metadata) is reused, even after the
 * provider's idempotency keys have expired. The outcome goes through the same code as the refund webhooks.
 * Staff's permission to do this is checked by the caller's use case.
 */
export async function executeRefund(
  provider: PaymentProvider,
  input: ExecuteRefundInput,
  opts: { actor?: AuditActor; appUrl?: string } = {},
): Promise<ExecuteRefundResult> {
  const [row] = await db
    .select({ request: refundRequests, deposit: deposits })
    .from(refundRequests)
    .innerJoin(deposits, eq(deposits.id, refundRequests.depositId))
    .where(eq(refundRequests.id, input.refundRequestId));
  if (!row || row.deposit.id !== input.depositId) return { ok: false, code: "not_found" };
  const { request, deposit } = row;
  if (request.status !== "approved") return { ok: false, code: "not_approved" };
  if (deposit.status !== "paid" || !deposit.providerPaymentId) return { ok: false, code: "deposit_not_paid" };
  if (deposit.provider !== provider.kind) return { ok: false, code: "wrong_provider" };
  if (
    !Number.isInteger(input.amountBaisa) ||
    input.amountBaisa <= 0 ||
    input.amountBaisa !== request.amountBaisa ||
    input.amountBaisa > deposit.amountBaisa - deposit.refundedBaisa
  ) {
    return { ok: false, code: "amount_invalid" };
  }

  let refund: ProviderRefund;
  try {
    if (request.providerRefundId) {
      refund = await provider.retrieveRefund(request.providerRefundId);
    } else {
      const existing = (await provider.listRefunds({ paymentId: deposit.providerPaymentId })).find(
        (r) => r.refundRequestId === request.id,
      );
      refund =
        existing ??
        (await provider.createRefund({
          refundRequestId: request.id,
          depositId: deposit.id,
          paymentId: deposit.providerPaymentId,
          amountBaisa: input.amountBaisa,
        }));
    }
  } catch (e) {
    log.error({ err: e, refundRequestId: request.id }, "refund could not be executed");
    return { ok: false, code: "provider_error" };
  }
  const outcome = await applyRefundUpdate(refund, {
    source: "execute",
    actor: opts.actor,
    appUrl: opts.appUrl,
  });
  return { ok: true, refundId: refund.refundId, state: refund.state, outcome };
}

/**
 * Sends an approved request's refund to the provider that holds its deposit (the one way every caller does it:
 * finance's decision and retry, settlement's automatic refund, reconciliation). Safe to repeat.
 */
export async function sendApprovedRefund(
  refundRequestId: string,
  opts: { actor?: AuditActor; provider?: PaymentProvider; appUrl?: string } = {},
): Promise<ExecuteRefundResult> {
  const [row] = await db
    .select({ request: refundRequests, deposit: deposits })
    .from(refundRequests)
    .innerJoin(deposits, eq(deposits.id, refundRequests.depositId))
    .where(eq(refundRequests.id, refundRequestId));
  if (!row) return { ok: false, code: "not_found" };
  try {
    return await executeRefund(
      opts.provider ?? providerFor(row.deposit.provider),
      { refundRequestId: row.request.id, depositId: row.deposit.id, amountBaisa: row.request.amountBaisa },
      { actor: opts.actor, appUrl: opts.appUrl },
    );
  } catch (e) {
    log.error({ err: e, refundRequestId }, "refund could not be sent to the provider");
    return { ok: false, code: "provider_error" };
  }
}

/**
 * After a payment settled on a report no longer allowed: its automatic refund goes to the provider now. A
 * failure here is only logged: reconciliation sends it again (retryApprovedRefunds).
 */
export async function sendAutomaticRefunds(depositId: string): Promise<void> {
  const approved = await db
    .select({ id: refundRequests.id })
    .from(refundRequests)
    .where(
      and(
        eq(refundRequests.depositId, depositId),
        eq(refundRequests.status, "approved"),
        eq(refundRequests.ground, AUTOMATIC_REFUND_GROUND),
      ),
    );
  for (const r of approved) {
    const result = await sendApprovedRefund(r.id, { actor: { kind: "system" } });
    if (!result.ok) log.warn({ refundRequestId: r.id, code: result.code }, "automatic refund not sent yet");
  }
}

/**
 * Reconciliation's part for refunds: every request approved more than `olderThan` ago and still unanswered
 * (the provider was unreachable, or its webhook never came) is sent again — the provider's idempotency key and
 * the look-up of refunds by request make a repeat safe. Returns how many ended refunded or failed.
 */
export async function retryApprovedRefunds(opts: {
  olderThan: Date;
  limit?: number;
}): Promise<{ checked: number; finished: number; errors: number }> {
  const due = await db
    .select({ id: refundRequests.id })
    .from(refundRequests)
    .where(
      and(
        eq(refundRequests.status, "approved"),
        or(isNull(refundRequests.decidedAt), lt(refundRequests.decidedAt, opts.olderThan)),
      ),
    )
    .orderBy(asc(refundRequests.createdAt))
    .limit(opts.limit ?? 200);
  const summary = { checked: 0, finished: 0, errors: 0 };
  for (const r of due) {
    summary.checked += 1;
    const result = await sendApprovedRefund(r.id, { actor: { kind: "system" } });
    if (!result.ok) summary.errors += 1;
    else if (result.outcome === "refunded" || result.outcome === "failed") summary.finished += 1;
  }
  return summary;
}
