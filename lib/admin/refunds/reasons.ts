/** The reasons finance gives for a refund decision (shown to the employer, with the free text). */
export const REFUND_APPROVE_REASONS = ["ground_verified", "deposit_unused"] as const;
export const REFUND_REJECT_REASONS = [
  "ground_not_met",
  "claim_out_of_time",
  "deposit_utilised",
  "other",
] as const;
export type RefundApproveReason = (typeof REFUND_APPROVE_REASONS)[number];
export type RefundRejectReason = (typeof REFUND_REJECT_REASONS)[number];
export type RefundReason = RefundApproveReason | RefundRejectReason;
