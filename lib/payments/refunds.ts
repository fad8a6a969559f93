import { eq } from "drizzle-orm";
import { db } from "@/db";
import { deposits, refundRequests } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record";
import { log } from "@/lib/log";
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
  opts: { actor?: AuditActor } = {},
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
  const outcome = await applyRefundUpdate(refund, { source: "execute", actor: opts.actor });
  return { ok: true, refundId: refund.refundId, state: refund.state, outcome };
}
