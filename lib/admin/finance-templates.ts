import { defineTemplates } from "@/lib/notifications/template-spec";
import { REFUND_APPROVE_REASONS, REFUND_REJECT_REASONS } from "./refunds/reasons";

/**
 * The messages finance and the supervisor's inspections send to employers (words:
 * messages/templates-employer); each e-mail carries both languages, the recipient's first. Merged into the
 * service's template table in lib/notifications/templates.ts.
 */
export const financeTemplates = defineTemplates({
  /** Finance approved or rejected a refund request, with the reason finance picked and its note. */
  "employer.refund-decided": {
    channel: "email",
    bilingual: true,
    params: {
      establishmentAr: "text",
      establishmentEn: "text",
      reference: "text",
      amountBaisa: "omr",
      decision: ["approved", "rejected"],
      reasonCode: [...REFUND_APPROVE_REASONS, ...REFUND_REJECT_REASONS],
      note: "text?",
      url: "text",
    },
  },
  /** The provider's outcome of an approved refund. */
  "employer.refund-outcome": {
    channel: "email",
    bilingual: true,
    params: {
      establishmentAr: "text",
      establishmentEn: "text",
      reference: "text",
      amountBaisa: "omr",
      outcome: ["refunded", "failed"],
      failureReason: "text?",
      url: "text",
    },
  },
  /** Art. 4: the inspection found the establishment non-compliant; services are suspended until a date. */
  "employer.services-suspended": {
    channel: "email",
    bilingual: true,
    params: { establishmentAr: "text", establishmentEn: "text", until: "date", note: "text" },
  },
});
