/**
 * Development and demo features (the outbox page, demo credentials on sign-in pages, the local payment
 * gateway): on in development, off in production unless BALAGH_DEMO_MODE=true is set on purpose.
 */
export function isDemoMode(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.BALAGH_DEMO_MODE === "true";
}
