import createIntlMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "@/lib/i18n/routing";
import { API_CSP, checkoutOrigins, newNonce, pageCsp } from "@/lib/security/csp";

const intl = createIntlMiddleware(routing);

/** Routes that set their own Content-Security-Policy: app/api/evidence/[id] and app/api/dev/outbox/[id]. */
const OWN_POLICY = /^\/api\/(evidence|dev\/outbox)\/[^/]+$/;

/**
 * Locale routing (next-intl), a request id for the logs, and the Content-Security-Policy with this request's
 * nonce (lib/security/csp.ts). Next.js reads the nonce from the request's own Content-Security-Policy header
 * and puts it on the scripts it renders; pages are rendered per request (the layout reads the session), so
 * every page gets a fresh one. Access control is NOT done here: layouts, pages and every server action check
 * the signed-in user on the server themselves.
 */
export default function proxy(request: NextRequest) {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  let response: NextResponse;
  let csp: string;
  if (request.nextUrl.pathname.startsWith("/api/")) {
    csp = API_CSP;
    response = NextResponse.next({ request: { headers } });
  } else {
    const nonce = newNonce();
    csp = pageCsp({
      nonce,
      development: process.env.NODE_ENV === "development",
      formActionOrigins: checkoutOrigins(process.env),
    });
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    response = intl(new NextRequest(request, { headers }));
  }
  // A header set here replaces the route's own: the routes that serve documents of their own (evidence files,
  // the outbox's e-mail previews) set a policy fitted to them instead.
  if (!OWN_POLICY.test(request.nextUrl.pathname)) response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  // Everything but Next.js internals and files with an extension.
  matcher: ["/((?!_next|_vercel|.*\\..*).*)"],
};
