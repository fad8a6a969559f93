"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import { employerAction, localeOf } from "@/lib/actions/action";
import { getActor } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { requestCancellation } from "@/lib/cancellations/request-cancellation";
import { withdrawCancellation } from "@/lib/cancellations/withdraw-cancellation";
import { parseForm } from "@/lib/forms";
import { isRefusal } from "@/lib/lifecycle/refusal";
import { discardReport } from "./discard-report";
import { requestRefund } from "./request-refund";
import { cancellationSchema, discardSchema, refundSchema, withdrawSchema } from "./tracking-schemas";

export const requestCancellationAction = employerAction(
  cancellationSchema,
  async (data, { actor, locale, ip }) => {
    await requestCancellation(actor, { ...data, ip });
    redirect(`/${locale}/employer/reports/${data.reportId}?notice=cancellation_requested`);
  },
);

/** A plain form (one button): the outcome comes back as a notice on the report page. */
export async function withdrawCancellationAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const parsed = parseForm(withdrawSchema, formData);
  if (!parsed.ok) redirect(`/${locale}/employer`);
  const { ip } = await currentRequestInfo();
  let notice = "cancellation_withdrawn";
  try {
    await withdrawCancellation(await getActor(), { requestId: parsed.data.requestId, ip });
  } catch (e) {
    unstable_rethrow(e);
    if (!isRefusal(e)) throw e;
    notice = e.code === "not_allowed_now" ? "cancellation_not_open" : "not_found";
  }
  redirect(`/${locale}/employer/reports/${parsed.data.reportId}?notice=${notice}`);
}

export const requestRefundAction = employerAction(refundSchema, async (data, { actor, locale, ip }) => {
  await requestRefund(actor, { ...data, ip });
  redirect(`/${locale}/employer/reports/${data.reportId}?notice=refund_requested`);
});

/**
 * The confirmation page's "Discard this report" (a plain form: it works without JavaScript). A refusal (a
 * payment was started meanwhile) comes back as the form's error on that page.
 */
export const discardReportAction = employerAction(discardSchema, async (data, { actor, locale, ip }) => {
  await discardReport(actor, { reportId: data.reportId, ip });
  redirect(`/${locale}/employer/reports/${data.reportId}?notice=report_discarded`);
});
