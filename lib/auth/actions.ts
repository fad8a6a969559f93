"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { db } from "@/db";
import { appBaseUrl } from "@/lib/app-url";
import { formError, formValues, parseForm, type FormState } from "@/lib/forms";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { recordAudit } from "@/lib/audit/record";
import { getActor, signIn, signOut } from "./config";
import {
  authenticateEmployer,
  requestEmployerPasswordReset,
  resetEmployerPassword,
  signUpOwner,
} from "./employer";
import {
  employerSignInSchema,
  resetPasswordSchema,
  resetRequestSchema,
  signUpSchema,
  staffPasswordSchema,
  totpSchema,
} from "./schemas";
import { revokeAllSessions, revokeSession } from "./sessions";
import { checkStaffCode, checkStaffPassword } from "./staff";
import { currentRequestInfo } from "./request-info";

function localeFrom(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

/** Only same-site paths of this locale are followed after sign-in. */
function safeNext(value: FormDataEntryValue | null, locale: Locale, fallback: string): string {
  const v = typeof value === "string" ? value : "";
  return v.startsWith(`/${locale}/`) && !v.startsWith("//") && !v.includes("\\") ? v : fallback;
}

async function exchangeTicket(ticket: string, redirectTo: string): Promise<void> {
  try {
    await signIn("ticket", { ticket, redirectTo });
  } catch (e) {
    // signIn redirects by throwing; only Auth.js's own errors are ours to handle.
    if (e instanceof AuthError) throw new Error("sign-in ticket refused");
    throw e;
  }
}

function lockedState(formData: FormData, retryAt: Date): FormState {
  return formError(formData, "locked", { time: retryAt.toISOString() });
}

export async function employerSignInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(employerSignInSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  const result = await authenticateEmployer({ ...parsed.data, ip });
  if (!result.ok) {
    if (result.code === "locked") return lockedState(formData, result.retryAt);
    return formError(formData, result.code === "unverified" ? "unverified" : "sign_in_invalid");
  }
  await exchangeTicket(result.ticket, safeNext(formData.get("next"), locale, `/${locale}/employer`));
  return { status: "success" };
}

export async function staffPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(staffPasswordSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  const result = await checkStaffPassword({ ...parsed.data, ip });
  if (!result.ok) {
    if (result.code === "locked") return lockedState(formData, result.retryAt);
    return formError(formData, "sign_in_invalid");
  }
  return {
    status: "success",
    values: formValues(formData),
    data: {
      step: "code",
      pending: result.pending,
      ...(result.enrolment ? { secret: result.enrolment.secret, qr: result.enrolment.qrDataUrl } : {}),
    },
  };
}

export async function staffCodeAction(prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(totpSchema, formData);
  const keep = { step: "code", ...(prev.data ?? {}) };
  if (!parsed.ok) return { ...parsed.state, data: keep };
  const { ip } = await currentRequestInfo();
  const result = await checkStaffCode({ ...parsed.data, ip });
  if (!result.ok) {
    if (result.code === "expired") return { ...formError(formData, "totp_expired") };
    if (result.code === "locked") return { ...lockedState(formData, result.retryAt), data: keep };
    return {
      status: "error",
      fieldErrors: { code: "totp_invalid" },
      values: formValues(formData),
      data: keep,
    };
  }
  await exchangeTicket(result.ticket, safeNext(formData.get("next"), locale, `/${locale}/admin`));
  return { status: "success" };
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(signUpSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  const result = await signUpOwner({ ...parsed.data, locale, baseUrl: appBaseUrl(), ip });
  if (!result.ok) {
    if (result.code === "too_many") return formError(formData, "too_many");
    return { status: "error", fieldErrors: { crNumber: result.code }, values: formValues(formData) };
  }
  redirect(`/${locale}/sign-up/check-email?to=${encodeURIComponent(result.maskedEmail)}`);
}

export async function requestResetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(resetRequestSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  const input = { email: parsed.data.email, locale, baseUrl: appBaseUrl(), ip };
  // After the answer: it takes as long for an address with an account as for one without (issue 11).
  after(() => requestEmployerPasswordReset(input));
  return { status: "success", notice: "reset_sent", values: formValues(formData) };
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(resetPasswordSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  const ok = await resetEmployerPassword({ token: parsed.data.token, password: parsed.data.password, ip });
  if (!ok) return formError(formData, "link_invalid");
  redirect(`/${locale}/sign-in/employer?notice=password_changed`);
}

export async function signOutAction(formData: FormData): Promise<void> {
  const locale = localeFrom(formData);
  const actor = await getActor();
  if (actor) await revokeSession(actor.sessionId);
  await signOut({ redirectTo: `/${locale}` });
}

export async function signOutEverywhereAction(formData: FormData): Promise<void> {
  const locale = localeFrom(formData);
  const actor = await getActor();
  if (actor) {
    const userId = actor.kind === "worker" ? actor.workerId : actor.userId;
    await db.transaction(async (tx) => {
      const n = await revokeAllSessions(tx, actor.kind, userId);
      await recordAudit(tx, {
        actor: { kind: actor.kind, id: userId },
        action: "sessions.revoked_all",
        entityType: `${actor.kind}_user`,
        entityId: userId,
        after: { count: n },
      });
    });
  }
  await signOut({ redirectTo: `/${locale}` });
}
