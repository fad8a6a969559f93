import "server-only";
import { headers } from "next/headers";

export type RequestInfo = { ip: string | null; userAgent: string | null; requestId: string | null };

export function requestInfoFrom(h: Headers): RequestInfo {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: forwarded || h.get("x-real-ip") || null,
    userAgent: h.get("user-agent"),
    requestId: h.get("x-request-id"),
  };
}

export async function currentRequestInfo(): Promise<RequestInfo> {
  return requestInfoFrom(await headers());
}
