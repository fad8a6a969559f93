/** Numbers of the payment flow, in one place. */
export const PAYMENT_SETTINGS = {
  /** A checkout session stops accepting payment this long after it was created (Stripe allows 30 min–24 h). */
  checkoutTtlMinutes: 60,
  /** Reconciliation asks the provider about pending deposits older than this (the webhook should have come). */
  reconcileAfterMinutes: 15,
} as const;
