/**
 * Signs a browser in without going through the sign-in pages: a `sessions` row, and the Auth.js cookie that
 * carries its id, encrypted with the server's secret. For specs that look at many pages (bundle budgets,
 * accessibility), where the sign-in journeys themselves are tested elsewhere; a TOTP code is accepted once,
 * so signing staff in through the form for every role would also make those specs wait.
 */
import type { BrowserContext } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { db } from "@/db";
import { createSession, SESSION_TTL_MS, type UserKind } from "@/lib/auth/sessions";
import { E2E_AUTH_SECRET } from "./e2e-env";

/** Auth.js's cookie name on plain http (the test server); over https it carries the __Secure- prefix. */
export const SESSION_COOKIE = "authjs.session-token";

export async function sessionCookieValue(
  userKind: UserKind,
  userId: string,
  secret = E2E_AUTH_SECRET,
): Promise<string> {
  const sid = await createSession(db, { userKind, userId, ip: "127.0.0.1", userAgent: "e2e" });
  return encode({
    token: { sid, sub: sid },
    secret,
    salt: SESSION_COOKIE,
    maxAge: SESSION_TTL_MS[userKind] / 1000,
  });
}

/** A cookie for `context.addCookies` / `storageState`. */
export async function sessionCookie(baseURL: string, userKind: UserKind, userId: string) {
  const url = new URL(baseURL);
  return {
    name: SESSION_COOKIE,
    value: await sessionCookieValue(userKind, userId),
    domain: url.hostname,
    path: "/",
    httpOnly: true,
    secure: false,
    sameSite: "Lax" as const,
    expires: Math.floor((Date.now() + SESSION_TTL_MS[userKind]) / 1000),
  };
}

/** Signs a browser context in as that user. */
export async function signInAs(
  context: BrowserContext,
  baseURL: string,
  userKind: UserKind,
  userId: string,
): Promise<void> {
  await context.addCookies([await sessionCookie(baseURL, userKind, userId)]);
}
