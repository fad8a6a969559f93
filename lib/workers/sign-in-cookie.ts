import { cookies, headers } from "next/headers";

/**
 * Between the two steps of the worker's sign-in, the civil ID being signed in (or, after a mistake, what was
 * typed) lives in a short-lived, HTTP-only cookie rather than in the address, where it would end up in
 * browser history and server logs. It proves nothing: only the code does.
 */
const NAME = "balagh_worker_sign_in";
const MAX_AGE_SEC = 15 * 60;

export type PendingSignIn = { civilId?: string; typed?: string };

async function isHttps(): Promise<boolean> {
  if (process.env.APP_URL) return process.env.APP_URL.startsWith("https:");
  const h = await headers();
  const proto = h.get("x-forwarded-proto");
  if (proto) return proto === "https";
  const host = h.get("host") ?? "";
  return !(host.startsWith("localhost") || host.startsWith("127."));
}

export async function readPendingSignIn(): Promise<PendingSignIn> {
  const raw = (await cookies()).get(NAME)?.value;
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
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

/** Only from a server action (cookies cannot be set while rendering). */
export async function writePendingSignIn(value: PendingSignIn): Promise<void> {
  (await cookies()).set(NAME, JSON.stringify(value), {
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
