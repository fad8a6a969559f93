"use server";

import { redirect } from "next/navigation";
import { ForbiddenError } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formError, parseForm, type FormState } from "@/lib/forms";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { log } from "@/lib/log";
import { requestCancellation } from "./request-cancellation";
import { ReportNotFoundError, RequestRefusedError } from "./request-errors";
import { requestRefund } from "./request-refund";
import { cancellationSchema, refundSchema, withdrawSchema } from "./tracking-schemas";
import { withdrawCancellation } from "./withdraw-cancellation";

function localeFrom(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

/** A use case's refusal as a form error; anything unexpected is logged and shown as "try again". */
function refusalState(formData: FormData, e: unknown): FormState {
  if (e instanceof RequestRefusedError) return formError(formData, e.code);
  if (e instanceof ReportNotFoundError) return formError(formData, "report_not_found");
  if (e instanceof ForbiddenError) return formError(formData, "forbidden");
  log.error({ err: e }, "tracking action failed");
  return formError(formData, "server");
}

export async function requestCancellationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(cancellationSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  try {
    await requestCancellation(await getActor(), { ...parsed.data, ip });
  } catch (e) {
    return refusalState(formData, e);
  }
  redirect(`/${locale}/employer/reports/${parsed.data.reportId}?notice=cancellation_requested`);
}

/** A plain form (one button): the outcome comes back as a notice on the report page. */
export async function withdrawCancellationAction(formData: FormData): Promise<void> {
  const locale = localeFrom(formData);
  const parsed = withdrawSchema.safeParse({
    reportId: formData.get("reportId"),
    requestId: formData.get("requestId"),
  });
  if (!parsed.success) redirect(`/${locale}/employer`);
  const { ip } = await currentRequestInfo();
  let notice = "cancellation_withdrawn";
  try {
    await withdrawCancellation(await getActor(), { requestId: parsed.data.requestId, ip });
  } catch (e) {
    if (e instanceof RequestRefusedError) notice = e.code;
    else if (e instanceof ReportNotFoundError || e instanceof ForbiddenError) notice = "not_found";
    else throw e;
  }
  redirect(`/${locale}/employer/reports/${parsed.data.reportId}?notice=${notice}`);
}

export async function requestRefundAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(refundSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  try {
    await requestRefund(await getActor(), { ...parsed.data, ip });
  } catch (e) {
    return refusalState(formData, e);
  }
  redirect(`/${locale}/employer/reports/${parsed.data.reportId}?notice=refund_requested`);
}
