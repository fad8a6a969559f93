/**
 * The public address of this deployment, for every link in a message (e-mail, SMS) and Stripe's return URLs.
 * Built from configuration only, never from the request: a `Host` or `X-Forwarded-Host` chosen by a stranger
 * would otherwise put their address into someone else's password-reset or sign-up link (issue 11).
 *
 * - `APP_URL` when set (required in production: the server refuses to start without it, see
 *   lib/startup-config.ts);
 * - otherwise, in development and tests, this server's own origin on loopback (`PORT`, which `next dev` and
 *   `next start` set to the port they listen on; 3000 by default).
 */
export function appBaseUrl(): string {
  const configured = process.env.APP_URL?.trim().replace(/\/+$/, "");
  if (configured) return configured;
  if (process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build")
    throw new Error("APP_URL is not set: links in messages are never built from the request's host");
  return `http://localhost:${process.env.PORT || 3000}`;
}
