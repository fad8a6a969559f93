"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { employerAction, localeOf } from "@/lib/actions/action";
import { ForbiddenError } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { formError, parseForm } from "@/lib/forms";
import { isUuid } from "@/lib/ids";
import { refuse } from "@/lib/lifecycle/refusal";
import { decideLocalPayment } from "./local-gateway";
import { startDepositPayment } from "./start-payment";

/** The report is a hidden field: one that is not an id is a report that does not exist, not a typing mistake. */
const paySchema = z.object({ reportId: z.string().optional().default("") });

/** The Pay button: starts (or resumes) the deposit payment and sends the browser to the checkout. */
export const payDepositAction = employerAction(
  paySchema,
  async ({ reportId }, { actor, locale, ip, formData }) => {
    if (!isUuid(reportId)) refuse("not_found");
    const result = await startDepositPayment(actor, reportId, { locale, ip });
    if (!result.ok) return formError(formData, result.code);
    if (result.kind === "redirect") redirect(result.url);
    redirect(`/${locale}/employer/reports/${reportId}/confirmation`);
  },
);

const gatewaySchema = z.object({
  sessionId: z.string().min(1).max(80),
  decision: z.enum(["approve", "decline"]),
  locale: z.enum(["ar", "en"]),
});

/** The local test gateway's Approve and Decline buttons. */
export async function localGatewayAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
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
