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

/** The reason's text in messages to the employer (the pages take theirs from messages/admin-finance). */
export const REFUND_REASON_TEXT: Record<RefundReason, { ar: string; en: string }> = {
  ground_verified: { ar: "تحقق سبب الاسترداد", en: "The ground for the refund was verified" },
  deposit_unused: {
    ar: "لم تُستخدم قيمة التذكرة لشراء تذكرة العامل",
    en: "The deposit was not used to buy the worker's ticket",
  },
  ground_not_met: { ar: "لم يتحقق سبب الاسترداد المذكور", en: "The ground cited does not hold" },
  claim_out_of_time: {
    ar: "قُدّم الطلب بعد انتهاء مدة المطالبة",
    en: "The claim was made after its time limit",
  },
  deposit_utilised: {
    ar: "استُخدمت قيمة التذكرة لشراء تذكرة العامل",
    en: "The deposit was used to buy the worker's ticket",
  },
  other: { ar: "سبب آخر (انظر الملاحظة)", en: "Another reason (see the note)" },
};
