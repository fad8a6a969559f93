import Stripe from "stripe";
import {
  checkoutIdempotencyKey,
  IdempotencyConflictError,
  refundIdempotencyKey,
  type CheckoutSession,
  type CheckoutState,
  type PaymentProvider,
  type ProviderRefund,
  type RefundState,
} from "./types";

/** Stripe's code for the Omani rial: three decimals (baisa), amounts a multiple of 10. */
export const STRIPE_CURRENCY = "omr";

export function stripeConfigured(): boolean {
  return Boolean(process.env.STRIPE_SECRET_KEY);
}

const clients = new Map<string, Stripe>();

/**
 * The Stripe client, from STRIPE_SECRET_KEY. STRIPE_API_HOST / _PORT / _PROTOCOL point the SDK somewhere other
 * than api.stripe.com: the tests' stand-in server (tests/stripe-stand-in), or stripe-mock.
 */
export function stripeClient(): Stripe {
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set");
  const host = process.env.STRIPE_API_HOST || undefined;
  const port = process.env.STRIPE_API_PORT || undefined;
  const protocol =
    process.env.STRIPE_API_PROTOCOL === "http"
      ? "http"
      : process.env.STRIPE_API_PROTOCOL === "https"
        ? "https"
        : undefined;
  const cacheKey = [key, host, port, protocol].join("|");
  let client = clients.get(cacheKey);
  if (!client) {
    client = new Stripe(key, {
      host,
      port,
      protocol,
      // Retries reuse the request's idempotency key, so a retried create never makes a second object.
      maxNetworkRetries: 2,
      timeout: 20_000,
      appInfo: { name: "balagh" },
    });
    clients.set(cacheKey, client);
  }
  return client;
}

function checkoutState(session: Stripe.Checkout.Session): CheckoutState {
  if (session.status === "expired") return "expired";
  if (session.status === "open") return "open";
  if (session.payment_status === "paid") return "paid";
  // A completed checkout with an asynchronous method (a bank debit, say) stays unpaid until the payment
  // settles; its PaymentIntent says whether it has failed.
  const pi = session.payment_intent;
  if (pi && typeof pi === "object" && (pi.status === "canceled" || pi.status === "requires_payment_method"))
    return "failed";
  return "processing";
}

function toCheckoutSession(session: Stripe.Checkout.Session): CheckoutSession {
  const pi = session.payment_intent;
  const lastError = pi && typeof pi === "object" ? pi.last_payment_error : null;
  return {
    sessionId: session.id,
    state: checkoutState(session),
    url: session.url ?? null,
    paymentId: typeof pi === "string" ? pi : (pi?.id ?? null),
    amountBaisa: session.amount_total ?? null,
    currency: session.currency ?? null,
    depositId: session.metadata?.deposit_id ?? null,
    reportId: session.metadata?.report_id ?? null,
    failureReason: lastError?.code ?? lastError?.decline_code ?? null,
  };
}

function refundState(status: string | null): RefundState {
  if (status === "succeeded") return "succeeded";
  if (status === "failed" || status === "canceled") return "failed";
  return "pending";
}

function toProviderRefund(r: Stripe.Refund): ProviderRefund {
  return {
    refundId: r.id,
    state: refundState(r.status),
    amountBaisa: r.amount,
    paymentId: typeof r.payment_intent === "string" ? r.payment_intent : (r.payment_intent?.id ?? null),
    refundRequestId: r.metadata?.refund_request_id ?? null,
    depositId: r.metadata?.deposit_id ?? null,
    failureReason: r.failure_reason ?? null,
  };
}

export const stripeProvider: PaymentProvider = {
  kind: "stripe",

  async createCheckout(input) {
    const metadata = { report_id: input.reportId, deposit_id: input.depositId, reference: input.reference };
    const session = await stripeClient()
      .checkout.sessions.create(
        {
          mode: "payment",
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: STRIPE_CURRENCY,
                unit_amount: input.amountBaisa,
                product_data: { name: input.description },
              },
            },
          ],
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          client_reference_id: input.reportId,
          metadata,
          payment_intent_data: { metadata, description: input.description },
          expires_at: Math.floor(input.expiresAt.getTime() / 1000),
          // Checkout has no Arabic: "auto" follows the payer's browser.
          locale: input.locale === "en" ? "en" : "auto",
        },
        { idempotencyKey: checkoutIdempotencyKey(input.depositId) },
      )
      .catch((e: unknown) => {
        if (e instanceof Stripe.errors.StripeIdempotencyError) throw new IdempotencyConflictError();
        throw e;
      });
    if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
    return { sessionId: session.id, url: session.url };
  },

  async retrieveCheckout(sessionId) {
    const session = await stripeClient().checkout.sessions.retrieve(sessionId, {
      expand: ["payment_intent"],
    });
    return toCheckoutSession(session);
  },

  async createRefund(input) {
    const refund = await stripeClient().refunds.create(
      {
        payment_intent: input.paymentId,
        amount: input.amountBaisa,
        metadata: { refund_request_id: input.refundRequestId, deposit_id: input.depositId },
      },
      { idempotencyKey: refundIdempotencyKey(input.refundRequestId) },
    );
    return toProviderRefund(refund);
  },

  async retrieveRefund(refundId) {
    return toProviderRefund(await stripeClient().refunds.retrieve(refundId));
  },

  async listRefunds(filter) {
    const list = await stripeClient().refunds.list({
      ...(filter.chargeId ? { charge: filter.chargeId } : {}),
      ...(filter.paymentId ? { payment_intent: filter.paymentId } : {}),
      limit: 100,
    });
    return list.data.map(toProviderRefund);
  },
};
