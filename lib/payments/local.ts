import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { deposits, refundRequests } from "@/db/schema";
import { isDemoMode } from "@/lib/config";
import { PAYMENT_SETTINGS } from "./settings";
import {
  PaymentsUnavailableError,
  type CheckoutSession,
  type PaymentProvider,
  type ProviderRefund,
} from "./types";

/**
 * The local gateway: a clearly labelled TEST payment page of our own (/[locale]/dev/pay/<session>) with Approve
 * and Decline buttons, for development and the demo when no Stripe key is set. No money moves. It runs only
 * where demo features run (lib/config.ts `isDemoMode()`: not in production unless BALAGH_DEMO_MODE=true), so
 * a production deployment without Stripe never pretends to take a payment.
 *
 * Its "provider state" is our own deposits table: the test page's decision goes straight through the same
 * settlement code a Stripe webhook uses.
 */
export function localGatewayEnabled(): boolean {
  return isDemoMode();
}

function assertEnabled(): void {
  if (!localGatewayEnabled()) throw new PaymentsUnavailableError();
}

export const LOCAL_SESSION_PREFIX = "local_cs_";

/** The test page's path without the locale prefix (the caller adds it). */
export const localCheckoutPath = (sessionId: string) => `/dev/pay/${sessionId}`;

/** A stable "payment id" for a deposit paid through the local gateway (refunds refer to it). */
export const localPaymentId = (depositId: string) => `local_pi_${depositId.replace(/-/g, "")}`;

const localRefundId = (refundRequestId: string) =>
  `local_re_${createHash("sha256").update(refundRequestId).digest("hex").slice(0, 24)}`;

export function isLocalSessionId(id: string): boolean {
  return /^local_cs_[A-Za-z0-9_-]{20,64}$/.test(id);
}

async function localRefund(where: { refundId: string } | { paymentId: string }): Promise<ProviderRefund[]> {
  const rows = await db
    .select({ r: refundRequests, d: deposits })
    .from(refundRequests)
    .innerJoin(deposits, eq(deposits.id, refundRequests.depositId))
    .where(
      "refundId" in where
        ? eq(refundRequests.providerRefundId, where.refundId)
        : eq(deposits.providerPaymentId, where.paymentId),
    );
  return rows
    .filter(({ r }) => r.providerRefundId)
    .map(({ r, d }) => ({
      refundId: r.providerRefundId!,
      state: "succeeded" as const,
      amountBaisa: r.amountBaisa,
      paymentId: d.providerPaymentId,
      refundRequestId: r.id,
      depositId: d.id,
      failureReason: null,
    }));
}

export const localProvider: PaymentProvider = {
  kind: "local",

  async createCheckout() {
    assertEnabled();
    const sessionId = `${LOCAL_SESSION_PREFIX}${randomBytes(18).toString("base64url")}`;
    return { sessionId, url: localCheckoutPath(sessionId) };
  },

  async retrieveCheckout(sessionId): Promise<CheckoutSession> {
    assertEnabled();
    const [d] = await db.select().from(deposits).where(eq(deposits.providerSessionId, sessionId));
    if (!d) throw new Error(`no local checkout session ${sessionId}`);
    const expired = d.createdAt.getTime() + PAYMENT_SETTINGS.checkoutTtlMinutes * 60_000 < Date.now();
    const state =
      d.status === "paid" || d.status === "utilised" || d.status === "refunded"
        ? "paid"
        : d.status === "failed"
          ? "failed"
          : d.status === "expired" || expired
            ? "expired"
            : "open";
    return {
      sessionId,
      state,
      url: state === "open" ? localCheckoutPath(sessionId) : null,
      paymentId: d.providerPaymentId,
      amountBaisa: d.amountBaisa,
      currency: "omr",
      depositId: d.id,
      reportId: d.reportId,
      failureReason: d.failureReason,
    };
  },

  async createRefund(input) {
    assertEnabled();
    // Nothing to send anywhere: the refund "succeeds" at once, with an id derived from the request (so a
    // repeated call gives the same refund, as Stripe's idempotency key would).
    return {
      refundId: localRefundId(input.refundRequestId),
      state: "succeeded",
      amountBaisa: input.amountBaisa,
      paymentId: input.paymentId,
      refundRequestId: input.refundRequestId,
      depositId: input.depositId,
      failureReason: null,
    };
  },

  async retrieveRefund(refundId) {
    assertEnabled();
    const [r] = await localRefund({ refundId });
    if (!r) throw new Error(`no local refund ${refundId}`);
    return r;
  },

  async listRefunds(filter) {
    assertEnabled();
    return filter.paymentId ? localRefund({ paymentId: filter.paymentId }) : [];
  },
};
