import "server-only";
import { headers } from "next/headers";
import { clientIpFrom, PEER_HEADER, trustedProxies } from "@/lib/security/client-ip";
import { safeRequestId } from "@/lib/security/request-id";

export type RequestInfo = { ip: string | null; userAgent: string | null; requestId: string | null };

/**
 * Who is asking, for rate limits and the audit trail: the client's address from the socket and the trusted
 * proxies only (lib/security/client-ip.ts, never a header the client chose), its user agent (at most 512
 * characters) and the request id proxy.ts kept or made.
 */
export function requestInfoFrom(h: Headers): RequestInfo {
  return {
    ip: clientIpFrom(h.get(PEER_HEADER), h.get("x-forwarded-for"), trustedProxies()),
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
    requestId: safeRequestId(h.get("x-request-id")),
  };
}

export async function currentRequestInfo(): Promise<RequestInfo> {
  return requestInfoFrom(await headers());
}
