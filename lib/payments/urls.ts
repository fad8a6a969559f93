/**
 * The public address of this deployment, for links in messages and Stripe's return URLs: APP_URL when set
 * (always in production), else what the current request says (`fallback`), else the development default.
 */
export function appUrl(fallback?: string | null): string {
  const url = process.env.APP_URL || fallback || "http://localhost:3000";
  return url.replace(/\/+$/, "");
}
