/**
 * Signs a browser context in without the sign-in pages (which their own journeys test): a real session row,
 * and the Auth.js cookie the app would have set for it, encrypted with the web server's AUTH_SECRET. Used
 * where a test needs many kinds of user quickly (staff sign-in otherwise needs a fresh TOTP code each time).
 */
import type { BrowserContext } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { db } from "@/db";
import { createSession, type UserKind } from "@/lib/auth/sessions";
import { E2E_AUTH_SECRET } from "./auth-secret";

const COOKIE = "authjs.session-token";

export async function signInAs(context: BrowserContext, baseURL: string, userKind: UserKind, userId: string): Promise<void> {
  const sid = await createSession(db, { userKind, userId, ip: null, userAgent: "playwright" });
  const value = await encode({ token: { sid }, secret: E2E_AUTH_SECRET, salt: COOKIE, maxAge: 3600 });
  await context.addCookies([{ name: COOKIE, value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}
