import { z } from "zod";
import { CANCELLATION_REASONS } from "@/lib/cancellations/request-cancellation";
import { REFUND_GROUNDS } from "./refund-grounds";

/** Messages are keys under `trackingErrors` (then `errors`). */
export const cancellationSchema = z.object({
  reportId: z.uuid({ error: "report_not_found" }),
  reason: z.enum(CANCELLATION_REASONS, { error: "cancellation_reason_required" }),
  explanation: z
    .string({ error: "explanation_required" })
    .trim()
    .min(1, { error: "explanation_required" })
    .min(10, { error: "explanation_too_short" })
    .max(2000, { error: "explanation_too_long" }),
});

export const withdrawSchema = z.object({
  reportId: z.uuid(),
  requestId: z.uuid(),
});

export const refundSchema = z.object({
  reportId: z.uuid({ error: "report_not_found" }),
  ground: z.enum(REFUND_GROUNDS, { error: "refund_ground_required" }),
});

export const discardSchema = z.object({
  reportId: z.uuid({ error: "report_not_found" }),
});
