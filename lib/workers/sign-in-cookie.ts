import { cookies } from "next/headers";
import { appBaseUrl } from "@/lib/app-url";

/**
 * Between the two steps of the worker's sign-in, the civil ID being signed in (or, after a mistake, what was
 * typed) lives in a short-lived, HTTP-only cookie rather than in the address, where it would end up in
 * browser history and server logs. It proves nothing: only the code does.
 */
const NAME = "balagh_worker_sign_in";
const MAX_AGE_SEC = 15 * 60;

export type PendingSignIn = { civilId?: string; typed?: string };

/** Secure cookies when this deployment is served over HTTPS (its configured address, never a request header). */
async function isHttps(): Promise<boolean> {
  return appBaseUrl().startsWith("https:");
}

/**
 * The value is base64url-encoded JSON: nothing a cookie parser would try to percent-decode. What was typed can
 * hold any character, and a raw "%" (say "50%") made Next.js's own cookie parsing throw `URI malformed` while
 * it rendered the action's redirect: a 500 for a worker who mistyped their civil ID (found by the fuzzer).
 */
export function encodePending(value: PendingSignIn): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

export function decodePending(raw: string | undefined): PendingSignIn {
  if (!raw || !/^[A-Za-z0-9_-]+$/.test(raw)) return {};
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!v || typeof v !== "object") return {};
    const { civilId, typed } = v as Record<string, unknown>;
    return {
      civilId: typeof civilId === "string" && /^\d{1,9}$/.test(civilId) ? civilId : undefined,
      typed: typeof typed === "string" ? typed.slice(0, 40) : undefined,
    };
  } catch {
    return {};
  }
}

export async function readPendingSignIn(): Promise<PendingSignIn> {
  return decodePending((await cookies()).get(NAME)?.value);
}

/** Only from a server action (cookies cannot be set while rendering). */
export async function writePendingSignIn(value: PendingSignIn): Promise<void> {
  (await cookies()).set(NAME, encodePending(value), {
    httpOnly: true,
    sameSite: "lax",
    secure: await isHttps(),
    path: "/",
    maxAge: MAX_AGE_SEC,
  });
}

export async function clearPendingSignIn(): Promise<void> {
  (await cookies()).delete(NAME);
}
