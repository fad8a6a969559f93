"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { ForbiddenError } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formError, parseForm, type FormState } from "@/lib/forms";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { decideLocalPayment } from "./local-gateway";
import { startDepositPayment } from "./start-payment";

function localeFrom(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

const paySchema = z.object({ reportId: z.uuid("not_found"), locale: z.enum(["ar", "en"]) });

/** The Pay button: starts (or resumes) the deposit payment and sends the browser to the checkout. */
export async function payDepositAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(paySchema, formData);
  if (!parsed.ok) return formError(formData, "not_found");
  let result;
  try {
    const { ip } = await currentRequestInfo();
    result = await startDepositPayment(await getActor(), parsed.data.reportId, {
      locale,
      ip,
    });
  } catch (e) {
    if (e instanceof ForbiddenError) return formError(formData, "forbidden");
    throw e;
  }
  if (!result.ok) return formError(formData, result.code);
  if (result.kind === "redirect") redirect(result.url);
  redirect(`/${locale}/employer/reports/${parsed.data.reportId}/confirmation`);
}

const gatewaySchema = z.object({
  sessionId: z.string().min(1).max(80),
  decision: z.enum(["approve", "decline"]),
  locale: z.enum(["ar", "en"]),
});

/** The local test gateway's Approve and Decline buttons. */
export async function localGatewayAction(formData: FormData): Promise<void> {
  const locale = localeFrom(formData);
  const parsed = parseForm(gatewaySchema, formData);
  if (!parsed.ok) redirect(`/${locale}/employer`);
  const { sessionId, decision } = parsed.data;
  let result;
  try {
    result = await decideLocalPayment(await getActor(), sessionId, decision);
  } catch (e) {
    if (e instanceof ForbiddenError) redirect(`/${locale}/forbidden`);
    throw e;
  }
  if (!result.ok) redirect(`/${locale}/employer`);
  redirect(`/${locale}/employer/reports/${result.reportId}/confirmation`);
}
