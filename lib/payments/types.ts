import type { Locale } from "@/lib/i18n/routing";

export type ProviderKind = "stripe" | "local";

/**
 * A checkout session as the provider sees it, reduced to what settlement needs. `processing` is a completed
 * checkout whose (asynchronous) payment has neither succeeded nor failed yet.
 */
export type CheckoutState = "open" | "processing" | "paid" | "failed" | "expired";

export type CheckoutSession = {
  sessionId: string;
  state: CheckoutState;
  /** Where the payer goes to pay, while the session is open. */
  url: string | null;
  /** The provider's payment (Stripe: the PaymentIntent id), once there is one. */
  paymentId: string | null;
  amountBaisa: number | null;
  /** ISO 4217, lower case ("omr"). */
  currency: string | null;
  /** Our ids, as we sent them when creating the session. */
  depositId: string | null;
  reportId: string | null;
  failureReason: string | null;
};

export type CreateCheckoutInput = {
  depositId: string;
  reportId: string;
  reference: string;
  amountBaisa: number;
  locale: Locale;
  /** Absolute URLs (Stripe needs them); the local gateway uses only their paths. */
  successUrl: string;
  cancelUrl: string;
  /** Shown on the payment page. */
  description: string;
  /** When the session stops accepting a payment. */
  expiresAt: Date;
};

export type RefundState = "pending" | "succeeded" | "failed";

export type ProviderRefund = {
  refundId: string;
  state: RefundState;
  amountBaisa: number;
  paymentId: string | null;
  /** Our ids, from the refund's metadata. */
  refundRequestId: string | null;
  depositId: string | null;
  failureReason: string | null;
};

export type CreateRefundInput = {
  refundRequestId: string;
  depositId: string;
  paymentId: string;
  amountBaisa: number;
};

/**
 * What every payment provider offers. Adapters know nothing of our tables' states: they create and read the
 * provider's objects; lib/payments/settle.ts decides what those mean for deposits and reports.
 */
export type PaymentProvider = {
  kind: ProviderKind;
  /** Creates a one-time checkout; the idempotency key is derived from the deposit id. */
  createCheckout(input: CreateCheckoutInput): Promise<{ sessionId: string; url: string }>;
  /** Reads the session from the provider (never from a webhook's payload). */
  retrieveCheckout(sessionId: string): Promise<CheckoutSession>;
  /** Refunds (part of) a payment; the idempotency key is derived from the refund request id. */
  createRefund(input: CreateRefundInput): Promise<ProviderRefund>;
  retrieveRefund(refundId: string): Promise<ProviderRefund>;
  /** Every refund of one charge or payment (for `charge.refunded`). */
  listRefunds(filter: { chargeId?: string; paymentId?: string }): Promise<ProviderRefund[]>;
};

/** The provider cannot take payments now (no Stripe key, and the local gateway is switched off). */
export class PaymentsUnavailableError extends Error {
  constructor() {
    super("no payment provider is configured");
    this.name = "PaymentsUnavailableError";
  }
}

/** The provider refused a create because the same idempotency key came with different parameters. */
export class IdempotencyConflictError extends Error {
  constructor() {
    super("idempotency key reused with different parameters");
    this.name = "IdempotencyConflictError";
  }
}

export const checkoutIdempotencyKey = (depositId: string) => `balagh-deposit-${depositId}-checkout`;
export const refundIdempotencyKey = (refundRequestId: string) => `balagh-refund-${refundRequestId}`;
