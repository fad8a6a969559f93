/**
 * The Content-Security-Policy of every response the proxy sees (pages and API routes), built per request.
 *
 * Pages: scripts run only with this request's nonce ('strict-dynamic' lets those scripts load Next.js's
 * chunks); no 'unsafe-inline' and, outside development, no 'unsafe-eval'. Next.js reads the nonce from the
 * request's own Content-Security-Policy header and puts it on every script it writes into the page.
 * Styles come from our stylesheets (Tailwind and the fonts are files under /_next/static) or carry the nonce;
 * the dev server injects <style> elements without one, so development adds 'unsafe-inline' for styles.
 *
 * API routes answer JSON, CSV and files: nothing in them may load or run anything.
 */
export type CspOptions = {
  nonce: string;
  /** `next dev`: React's dev tools need eval, and the dev server injects styles. */
  development: boolean;
  /** Where a form (without JavaScript) may be redirected after posting: the payment provider's checkout. */
  formActionOrigins?: readonly string[];
};

export function pageCsp({ nonce, development, formActionOrigins = [] }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    ["style-src", "'self'", ...(development ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...(development ? ["ws:"] : [])],
    ["frame-src", "'self'"],
    ["frame-ancestors", "'none'"],
    ["base-uri", "'self'"],
    ["object-src", "'none'"],
    ["form-action", "'self'", ...formActionOrigins],
    ["manifest-src", "'self'"],
    ["worker-src", "'self'", "blob:"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** A fresh nonce: 16 random bytes, base64 (what CSP's nonce-source grammar accepts). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The checkout a payment form may be sent to when JavaScript is off (the browser then follows the server's
 * redirect, and Chromium checks form-action on redirects too). With JavaScript the redirect is a navigation,
 * which form-action does not govern. Stripe Checkout when real keys are set; the local gateway is same-origin.
 */
export function checkoutOrigins(env: Record<string, string | undefined>): string[] {
  if (!env.STRIPE_SECRET_KEY) return [];
  return ["https://checkout.stripe.com"];
}
