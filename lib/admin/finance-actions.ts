"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { ForbiddenError, staffHasRole, type StaffRole } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formError, formValues, parseForm, type FormState } from "@/lib/forms";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { addTicketFee } from "./fees";
import { recordInspectionOutcome } from "./inspections";
import { decideRefund, retryRefund } from "./refunds/decide";
import { markDepositUtilised } from "./refunds/mark-utilised";
import { REFUND_APPROVE_REASONS, REFUND_REJECT_REASONS } from "./refunds/reasons";

function localeFrom(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

/** The signed-in staff member with one of `roles`; others go to sign-in or the forbidden page. */
async function staffOrLeave(locale: Locale, roles: readonly StaffRole[]) {
  const actor = await getActor();
  if (!actor) redirect(`/${locale}/sign-in/staff`);
  if (actor.kind !== "staff" || !staffHasRole(actor, roles)) redirect(`/${locale}/forbidden`);
  return actor;
}

async function guarded<T>(locale: Locale, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ForbiddenError) redirect(`/${locale}/forbidden`);
    throw e;
  }
}

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "invalid");

const decideSchema = z
  .object({
    refundRequestId: uuid,
    version: z.coerce.number().int().positive(),
    decision: z.enum(["approve", "reject"], { error: "decision_required" }),
    reasonCode: z.string({ error: "reason_required" }).min(1, "reason_required"),
    note: z.string().max(2000, "note_too_long").optional().default(""),
  })
  .superRefine((v, ctx) => {
    const list: readonly string[] = v.decision === "approve" ? REFUND_APPROVE_REASONS : REFUND_REJECT_REASONS;
    if (!list.includes(v.reasonCode))
      ctx.addIssue({ code: "custom", path: ["reasonCode"], message: "reason_required" });
    if (v.reasonCode === "other" && !v.note.trim())
      ctx.addIssue({ code: "custom", path: ["note"], message: "note_required" });
  });

/** Finance approves (and so executes) or rejects a refund request. */
export async function decideRefundAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const actor = await staffOrLeave(locale, ["finance"]);
  const parsed = parseForm(decideSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  const d = parsed.data;
  const result = await guarded(locale, () =>
    decideRefund(
      actor,
      {
        refundRequestId: d.refundRequestId,
        decision: d.decision,
        reasonCode: d.reasonCode as never,
        note: d.note,
        expectedVersion: d.version,
      },
      { ip },
    ),
  );
  revalidatePath(`/${locale}/admin/refunds`, "layout");
  if (!result.ok) return formError(formData, result.code);
  const notice = result.decision === "rejected" ? "rejected" : `approved_${result.execution}`;
  // The decided request no longer shows the form: the page says what happened.
  redirect(`/${locale}/admin/refunds/${d.refundRequestId}?notice=${notice}`);
}

/** Sends an approved request's refund to the provider again (after it could not be reached). */
export async function retryRefundAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const actor = await staffOrLeave(locale, ["finance"]);
  const id = uuid.safeParse(formData.get("refundRequestId"));
  if (!id.success) return formError(formData, "not_found");
  const { ip } = await currentRequestInfo();
  const result = await guarded(locale, () => retryRefund(actor, id.data, { ip }));
  revalidatePath(`/${locale}/admin/refunds`, "layout");
  if (!result.ok) return formError(formData, result.code);
  redirect(`/${locale}/admin/refunds/${id.data}?notice=approved_${result.execution}`);
}

const utilisedSchema = z.object({
  depositId: uuid,
  ticketReference: z.string().trim().min(1, "ticket_required").max(60, "ticket_too_long"),
});

/** Finance records the ticket bought with a deposit (refusals of the deposit's lifecycle come back as the form's error). */
export const markUtilisedAction = staffAction(
  utilisedSchema,
  ["finance"],
  async (data, { actor, locale, ip }) => {
    await markDepositUtilised(actor, data, { ip });
    revalidatePath(`/${locale}/admin/refunds`, "layout");
    redirect(`/${locale}/admin/refunds/deposit/${data.depositId}?notice=utilised`);
  },
);

export async function addFeeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const actor = await staffOrLeave(locale, ["finance"]);
  const { ip } = await currentRequestInfo();
  const input = {
    nationality: String(formData.get("nationality") ?? ""),
    amount: String(formData.get("amount") ?? ""),
    effectiveFrom: String(formData.get("effectiveFrom") ?? ""),
  };
  const result = await guarded(locale, () => addTicketFee(actor, input, { ip }));
  if (!result.ok) return { status: "error", fieldErrors: result.fieldErrors, values: formValues(formData) };
  revalidatePath(`/${locale}/admin/settings/fees`);
  return {
    status: "success",
    notice: "added",
    data: { nationality: input.nationality.trim().toUpperCase() },
  };
}

const inspectionSchema = z
  .object({
    referralId: uuid,
    outcome: z.enum(["compliant", "non_compliant"], { error: "outcome_required" }),
    note: z.string().max(2000, "note_too_long").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "non_compliant" && !v.note.trim())
      ctx.addIssue({ code: "custom", path: ["note"], message: "note_required" });
  });

export async function recordInspectionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const actor = await staffOrLeave(locale, ["supervisor"]);
  const parsed = parseForm(inspectionSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  const result = await guarded(locale, () => recordInspectionOutcome(actor, parsed.data, { ip }));
  revalidatePath(`/${locale}/admin/inspections`, "layout");
  if (!result.ok) return formError(formData, result.code);
  redirect(`/${locale}/admin/inspections/${parsed.data.referralId}?notice=${parsed.data.outcome}`);
}
