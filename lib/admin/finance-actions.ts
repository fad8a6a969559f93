"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { formError, formValues } from "@/lib/forms";
import { isUuid } from "@/lib/ids";
import { refuse } from "@/lib/lifecycle/refusal";
import { addFeeSchema, addTicketFee } from "./fees";
import { recordInspectionOutcome } from "./inspections";
import { decideRefund, retryRefund } from "./refunds/decide";
import { markDepositUtilised } from "./refunds/mark-utilised";
import { REFUND_APPROVE_REASONS, REFUND_REJECT_REASONS } from "./refunds/reasons";

const uuid = z.string().refine(isUuid, "invalid");

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
export const decideRefundAction = staffAction(
  decideSchema,
  ["finance"],
  async (d, { actor, locale, ip, formData }) => {
    const result = await decideRefund(
      actor,
      {
        refundRequestId: d.refundRequestId,
        decision: d.decision,
        reasonCode: d.reasonCode as never,
        note: d.note,
        expectedVersion: d.version,
      },
      { ip },
    );
    revalidatePath(`/${locale}/admin/refunds`, "layout");
    if (!result.ok) return formError(formData, result.code);
    const notice = result.decision === "rejected" ? "rejected" : `approved_${result.execution}`;
    // The decided request no longer shows the form: the page says what happened.
    redirect(`/${locale}/admin/refunds/${d.refundRequestId}?notice=${notice}`);
  },
);

/** Sends an approved request's refund to the provider again (after it could not be reached). */
export const retryRefundAction = staffAction(
  z.object({ refundRequestId: z.string().optional().default("") }),
  ["finance"],
  async ({ refundRequestId }, { actor, locale, ip, formData }) => {
    // The id is a hidden field: one that is not an id is a request that does not exist, not a typing mistake.
    if (!isUuid(refundRequestId)) refuse("not_found");
    const result = await retryRefund(actor, refundRequestId, { ip });
    revalidatePath(`/${locale}/admin/refunds`, "layout");
    if (!result.ok) return formError(formData, result.code);
    redirect(`/${locale}/admin/refunds/${refundRequestId}?notice=approved_${result.execution}`);
  },
);

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

/** Finance adds a ticket fee for a nationality (the use case checks the amount and the date). */
export const addFeeAction = staffAction(
  addFeeSchema,
  ["finance"],
  async (d, { actor, locale, ip, formData }) => {
    const result = await addTicketFee(actor, d, { ip });
    if (!result.ok) return { status: "error", fieldErrors: result.fieldErrors, values: formValues(formData) };
    revalidatePath(`/${locale}/admin/settings/fees`);
    return { status: "success", notice: "added", data: { nationality: d.nationality } };
  },
);

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

/** A supervisor records the outcome of the inspection a referral led to. */
export const recordInspectionAction = staffAction(
  inspectionSchema,
  ["supervisor"],
  async (d, { actor, locale, ip, formData }) => {
    const result = await recordInspectionOutcome(actor, d, { ip });
    revalidatePath(`/${locale}/admin/inspections`, "layout");
    if (!result.ok) return formError(formData, result.code);
    redirect(`/${locale}/admin/inspections/${d.referralId}?notice=${d.outcome}`);
  },
);
