"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { liftSuspension } from "./lifecycle";

/** Messages are keys under adminFinance.errors. */
const liftSchema = z.object({
  suspensionId: z.uuid({ error: "not_found" }),
  referralId: z.uuid({ error: "not_found" }),
  version: z.coerce.number().int().positive(),
  reason: z
    .string({ error: "reason_required_lift" })
    .trim()
    .min(1, { error: "reason_required_lift" })
    .max(2000, { error: "reason_too_long" }),
});

/** A supervisor lifts a suspension early, with a reason (audited; the establishment is told). */
export const liftSuspensionAction = staffAction(
  liftSchema,
  ["supervisor"],
  async (data, { actor, locale, ip }) => {
    await liftSuspension(actor, {
      suspensionId: data.suspensionId,
      reason: data.reason,
      expectedVersion: data.version,
      ip,
    });
    revalidatePath(`/${locale}/admin/inspections`, "layout");
    redirect(`/${locale}/admin/inspections/${data.referralId}?notice=lifted`);
  },
);
