import { z } from "zod";
import { grievanceGroundEnum } from "@/db/schema";
import { normalisePhone } from "@/lib/workers/schemas";
import { STATEMENT_LIMITS } from "./ground-values";

export const GRIEVANCE_GROUNDS = grievanceGroundEnum.enumValues;
export type GrievanceGround = (typeof GRIEVANCE_GROUNDS)[number];

export const STATEMENT_MIN = STATEMENT_LIMITS.min;
export const STATEMENT_MAX = STATEMENT_LIMITS.max;

/** The grievance form's fields (attachments are checked separately, by lib/workers/upload.ts). */
export const grievanceSchema = z.object({
  reportId: z.uuid(),
  grounds: z.enum(GRIEVANCE_GROUNDS, { error: "grounds_required" }),
  statement: z
    .string()
    .trim()
    .min(1, { error: "statement_required" })
    .min(STATEMENT_MIN, { error: "statement_too_short" })
    .max(STATEMENT_MAX, { error: "statement_too_long" }),
  contactPhone: z
    .string()
    .trim()
    .min(1, { error: "phone_required" })
    .transform((v, ctx) => {
      const phone = normalisePhone(v);
      if (!phone) {
        ctx.addIssue({ code: "custom", message: "phone_format" });
        return z.NEVER;
      }
      return phone;
    }),
});
export type GrievanceInput = z.infer<typeof grievanceSchema>;
