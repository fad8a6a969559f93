"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { requestWorkerCode, verifyWorkerCode } from "./otp";
import { workerCodeRequestSchema, workerCodeSchema } from "./schemas";
import { clearPendingSignIn, readPendingSignIn, writePendingSignIn } from "./sign-in-cookie";

/**
 * The worker's sign-in: plain HTML forms posting to these actions, which answer with a redirect (303) to the
 * page of the next step, so the journey works before — or without — any JavaScript. Errors travel as codes
 * in the address (`?error=code_invalid`); what was typed travels in the sign-in cookie.
 */

function localeFrom(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

function page(locale: Locale, query: Record<string, string>): string {
  return `/${locale}/sign-in/worker?${new URLSearchParams(query).toString()}`;
}

async function sendCode(locale: Locale, civilId: string, step: "start" | "code"): Promise<never> {
  const { ip } = await currentRequestInfo();
  const result = await requestWorkerCode({ civilId, locale, ip });
  await writePendingSignIn({ civilId });
  if (!result.ok) {
    const query = { error: "too_many_codes", until: result.retryAt.toISOString() };
    redirect(page(locale, step === "code" ? { step: "code", ...query } : query));
  }
  redirect(page(locale, { step: "code", sent: "1" }));
}

/** Step 1: the civil ID. The same answer (a redirect to step 2) whether or not it is in the registry. */
export async function requestWorkerCodeAction(formData: FormData): Promise<void> {
  const locale = localeFrom(formData);
  const raw = String(formData.get("civilId") ?? "");
  const parsed = workerCodeRequestSchema.safeParse({ civilId: raw });
  if (!parsed.success) {
    await writePendingSignIn({ typed: raw.slice(0, 40) });
    redirect(page(locale, { error: parsed.error.issues[0]?.message ?? "civil_id_format" }));
  }
  await sendCode(locale, parsed.data.civilId, "start");
}

/** "Send a new code", from step 2. */
export async function resendWorkerCodeAction(formData: FormData): Promise<void> {
  const locale = localeFrom(formData);
  const { civilId } = await readPendingSignIn();
  if (!civilId) redirect(page(locale, { error: "start_again" }));
  await sendCode(locale, civilId, "code");
}

/** Step 2: the code. On success Auth.js exchanges the one-minute ticket for a session. */
export async function verifyWorkerCodeAction(formData: FormData): Promise<void> {
  const locale = localeFrom(formData);
  const { civilId } = await readPendingSignIn();
  if (!civilId) redirect(page(locale, { error: "start_again" }));
  const parsed = workerCodeSchema.safeParse({ code: String(formData.get("code") ?? "") });
  if (!parsed.success)
    redirect(page(locale, { step: "code", error: parsed.error.issues[0]?.message ?? "code_format" }));
  const { ip } = await currentRequestInfo();
  const result = await verifyWorkerCode({ civilId, code: parsed.data.code, ip });
  if (!result.ok) {
    if (result.code === "locked") {
      redirect(
        page(
          locale,
          result.retryAt
            ? { step: "code", error: "code_locked_until", until: result.retryAt.toISOString() }
            : { step: "code", error: "code_locked" },
        ),
      );
    }
    redirect(page(locale, { step: "code", error: "code_invalid" }));
  }
  await clearPendingSignIn();
  try {
    await signIn("ticket", { ticket: result.ticket, redirectTo: `/${locale}/worker` });
  } catch (e) {
    // signIn redirects by throwing; only Auth.js's own errors are ours to handle.
    if (e instanceof AuthError) redirect(page(locale, { error: "start_again" }));
    throw e;
  }
}
