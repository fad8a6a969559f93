import createIntlMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "@/lib/i18n/routing";

const intl = createIntlMiddleware(routing);

/**
 * Locale routing (next-intl) and a request id for the logs. Access control is NOT done here: layouts, pages
 * and every server action check the signed-in user on the server themselves.
 */
export default function proxy(request: NextRequest) {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  let response: NextResponse;
  if (request.nextUrl.pathname.startsWith("/api/")) {
    response = NextResponse.next({ request: { headers } });
  } else {
    response = intl(new NextRequest(request, { headers }));
  }
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  // Everything but Next.js internals and files with an extension.
  matcher: ["/((?!_next|_vercel|.*\\..*).*)"],
};
