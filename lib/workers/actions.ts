"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { parseForm } from "@/lib/forms";
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

/** The field's own error key; the generic "invalid" (a NUL, a missing field) as the field's format error. */
function errorKey(key: string | undefined, fallback: string): string {
  return key && key !== "invalid" ? key : fallback;
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
  // parseForm: the NUL guard and every field's error as a key (issue 11).
  const parsed = parseForm(workerCodeRequestSchema, formData);
  if (!parsed.ok) {
    await writePendingSignIn({ typed: raw.replace(/\u0000/g, "").slice(0, 40) });
    redirect(page(locale, { error: errorKey(parsed.state.fieldErrors?.civilId, "civil_id_format") }));
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
  const parsed = parseForm(workerCodeSchema, formData);
  if (!parsed.ok)
    redirect(page(locale, { step: "code", error: errorKey(parsed.state.fieldErrors?.code, "code_format") }));
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
