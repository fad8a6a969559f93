import { defineTemplates } from "@/lib/notifications/template-spec";
import { REFUND_GROUNDS } from "@/lib/reports/refund-grounds";

/**
 * The messages the lifecycles' consequences send (issue 10 §4–§9, §12): payments that did not complete, a
 * deposit used, refund requests received, reports not permitted at payment, expired or closed, the
 * establishment's Art. 4 referral and suspension. Words: messages/templates-<audience>/<locale>.json; merged
 * into the service's table in lib/notifications/templates.ts. Employer and staff e-mails carry both languages,
 * Arabic first; worker messages stay few and short.
 */
const establishment = { establishmentAr: "text", establishmentEn: "text" } as const;

/** Why a paid report could not be submitted: a filing rule's refusal code (lib/reports/rules.ts). */
export const NOT_PERMITTED_CAUSES = [
  "establishment_suspended",
  "governorate_not_live",
  "worker_not_found",
  "permit_other_establishment",
  "permit_not_active",
  "open_report_exists",
] as const;
export const CLOSE_CAUSES = ["legal_period_ended", "worker_left_country", "worker_deported"] as const;

export const caseTemplates = defineTemplates({
  "employer.payment-not-completed.email": {
    channel: "email",
    bilingual: true,
    params: {
      ...establishment,
      reference: "text",
      amountBaisa: "omr",
      outcome: ["failed", "expired"],
      payUntil: "date",
      url: "text",
    },
  },
  "employer.deposit-utilised.email": {
    channel: "email",
    bilingual: true,
    params: { ...establishment, reference: "text", amountBaisa: "omr", url: "text" },
  },
  /** The employer's receipt for a refund request. */
  "employer.refund-requested.email": {
    channel: "email",
    bilingual: true,
    params: { ...establishment, reference: "text", amountBaisa: "omr", ground: REFUND_GROUNDS, url: "text" },
  },
  /** Finance's alert: an employer asked for a deposit back. */
  "staff.refund-requested.email": {
    channel: "email",
    bilingual: true,
    params: { ...establishment, reference: "text", amountBaisa: "omr", ground: REFUND_GROUNDS, url: "text" },
  },
  "employer.report-not-permitted.email": {
    channel: "email",
    bilingual: true,
    params: {
      ...establishment,
      reference: "text",
      amountBaisa: "omr",
      cause: NOT_PERMITTED_CAUSES,
      url: "text",
    },
  },
  "employer.report-expired.email": {
    channel: "email",
    bilingual: true,
    params: {
      ...establishment,
      reference: "text",
      stage: ["draft", "awaiting_payment"],
      days: "number",
      url: "text",
    },
  },
  /** Closed: the employer hears why, and until when the deposit may be asked back when a ground holds. */
  "employer.report-closed.email": {
    channel: "email",
    bilingual: true,
    params: {
      ...establishment,
      reference: "text",
      cause: CLOSE_CAUSES,
      refundAvailable: "flag",
      refundUntil: "date?",
      url: "text",
    },
  },
  "worker.report-closed.sms": { channel: "sms", params: { reference: "text", url: "text" } },
  "worker.report-cancelled.email": {
    channel: "email",
    bilingual: true,
    params: { ...establishment, reference: "text", name: "text", url: "text" },
  },
  "employer.suspension-ended.email": {
    channel: "email",
    bilingual: true,
    params: { ...establishment, how: ["ended", "lifted"], reason: "text?" },
  },
  "employer.inspection-referred.email": {
    channel: "email",
    bilingual: true,
    params: { ...establishment, period: ["month", "year"], periodKey: "text", reportCount: "number" },
  },
  "employer.inspection-compliant.email": {
    channel: "email",
    bilingual: true,
    params: { ...establishment, note: "text?" },
  },
});
