import createIntlMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "@/lib/i18n/routing";
import { timePhase } from "@/lib/perf/phases";
import { hasReplicas, PRIMARY_COOKIE, PRIMARY_HEADER, stickySeconds } from "@/lib/read-your-writes";
import { API_CSP, checkoutOrigins, newNonce, pageCsp } from "@/lib/security/csp";
import { localeOfRequest, refusedPage, refusedStatus } from "@/lib/security/malformed";
import { requestIdFrom } from "@/lib/security/request-id";

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
  return timePhase("proxy", () => handle(request));
}

function handle(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  // Malformed requests get a 400/404/413 page of ours, not a 500 (lib/security/malformed.ts).
  const refused = refusedStatus({
    url: request.url,
    method: request.method,
    contentLength: request.headers.get("content-length"),
  });
  if (refused) {
    const locale = localeOfRequest(new URL(request.url).pathname, request.headers.get("accept-language"));
    return new NextResponse(refusedPage(refused, locale), {
      status: refused,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": API_CSP,
        "cache-control": "no-store",
        "x-request-id": requestId,
      },
    });
  }
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  // Read-your-writes with read replicas (lib/read-your-writes.ts): a POST reads from the primary, and its
  // browser too for the next few seconds. Only the proxy marks requests.
  headers.delete(PRIMARY_HEADER);
  const writes = request.method !== "GET" && request.method !== "HEAD";
  if (writes) headers.set(PRIMARY_HEADER, "1");
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
  if (writes && hasReplicas()) {
    const seconds = stickySeconds();
    response.cookies.set(PRIMARY_COOKIE, String(Date.now() + seconds * 1000), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: seconds,
      secure: request.nextUrl.protocol === "https:",
    });
  }
  return response;
}

export const config = {
  // Everything but Next.js internals and files with an extension.
  matcher: ["/((?!_next|_vercel|.*\\..*).*)"],
};
