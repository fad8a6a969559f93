import type { Locale } from "@/lib/i18n/routing";
import { defineTemplates } from "@/lib/notifications/template-spec";
import ar from "@/messages/admin-decisions/ar.json";
import en from "@/messages/admin-decisions/en.json";

/**
 * The messages a reviewer's decisions send (words: messages/templates-worker and messages/templates-employer);
 * merged into the service's template table in lib/notifications/templates.ts. The reason is a code from
 * lib/admin/decision-reasons.ts, worded from the same messages the case page shows; the reviewer's free text
 * (`note`) follows it as written. Worker SMS stay short; e-mails carry both languages, the reader's first.
 */
const outcome = ["approved", "rejected"] as const;
/** Why an open request was closed as no longer needed: what happened to its report (issue 10). */
export const CLOSED_CAUSES = ["report_rejected", "report_cancelled", "report_closed"] as const;
export type ClosedCause = (typeof CLOSED_CAUSES)[number];
const verdict = ["accepted", "rejected"] as const;
/** The employer's reasons for asking to cancel (lib/cancellations/request-cancellation.ts). */
const CANCELLATION_REASON_WORDS = ["worker_returned", "filed_by_mistake", "settled"] as const;

/** The parameters every decision e-mail shares. */
const decisionMail = {
  reference: "text",
  establishmentAr: "text",
  establishmentEn: "text",
  reasonCode: "reason",
  note: "text?",
  url: "text",
} as const;

export const adminTemplates = defineTemplates({
  "worker.report-decided.sms": {
    channel: "sms",
    params: {
      outcome,
      reference: "text",
      establishmentAr: "text",
      establishmentEn: "text",
      deadline: "date?",
      url: "text",
    },
  },
  "worker.report-decided.email": {
    channel: "email",
    bilingual: true,
    params: { ...decisionMail, outcome, name: "text", deadline: "date?" },
  },
  "employer.report-decided.email": {
    channel: "email",
    bilingual: true,
    params: { ...decisionMail, outcome, deadline: "date?", refundRequested: "flag" },
  },
  "employer.cancellation-decided.email": {
    channel: "email",
    bilingual: true,
    params: { ...decisionMail, outcome: verdict },
  },
  "worker.report-cancelled.sms": {
    channel: "sms",
    params: { reference: "text", establishmentAr: "text", establishmentEn: "text" },
  },
  "worker.grievance-decided.sms": {
    channel: "sms",
    params: { outcome: verdict, reference: "text", url: "text" },
  },
  "worker.grievance-decided.email": {
    channel: "email",
    bilingual: true,
    params: { ...decisionMail, outcome: verdict, name: "text" },
  },
  "employer.grievance-decided.email": {
    channel: "email",
    bilingual: true,
    params: { ...decisionMail, outcome: verdict },
  },
  /** Issue 10: an open request closed because its report was decided or ended otherwise. */
  "employer.cancellation-closed.email": {
    channel: "email",
    bilingual: true,
    params: {
      reference: "text",
      establishmentAr: "text",
      establishmentEn: "text",
      cause: CLOSED_CAUSES,
      url: "text",
    },
  },
  "worker.grievance-closed.sms": {
    channel: "sms",
    params: { reference: "text", cause: CLOSED_CAUSES, url: "text" },
  },
  /** Issue 10 §12: the employer's receipt for a cancellation request, and the staff alert it raises. */
  "employer.cancellation-received.email": {
    channel: "email",
    bilingual: true,
    params: {
      reference: "text",
      establishmentAr: "text",
      establishmentEn: "text",
      reason: CANCELLATION_REASON_WORDS,
      url: "text",
    },
  },
  "staff.cancellation-requested.email": {
    channel: "email",
    bilingual: true,
    params: { reference: "text", establishmentAr: "text", establishmentEn: "text", url: "text" },
  },
  "staff.grievance-filed.email": {
    channel: "email",
    bilingual: true,
    params: { reference: "text", url: "text" },
  },
  /** Issue 10 §10–11: a reviewer shared chosen evidence files with the worker, or the employer. */
  "worker.evidence-shared.sms": {
    channel: "sms",
    params: { reference: "text", count: "number", url: "text" },
  },
  "worker.evidence-shared.email": {
    channel: "email",
    bilingual: true,
    params: { name: "text", reference: "text", count: "number", url: "text" },
  },
  "employer.evidence-shared.email": {
    channel: "email",
    bilingual: true,
    params: {
      reference: "text",
      establishmentAr: "text",
      establishmentEn: "text",
      count: "number",
      url: "text",
    },
  },
  /** Issue 10 §14: a supervisor reopened a decision on the report; it awaits a decision again. */
  "worker.report-reopened.sms": {
    channel: "sms",
    params: { reference: "text", url: "text" },
  },
  "worker.report-reopened.email": {
    channel: "email",
    bilingual: true,
    params: { ...decisionMail, name: "text", previous: outcome },
  },
  "employer.report-reopened.email": {
    channel: "email",
    bilingual: true,
    params: { ...decisionMail, previous: outcome, refundClosed: "flag" },
  },
});

const REASONS: Record<Locale, Record<string, string>> = {
  ar: ar.adminDecisions.reasons,
  en: en.adminDecisions.reasons,
};

/** A decision's reason in words, in the reader's language (the `reason` parameter kind). */
export function reasonLabel(locale: Locale, code: string): string {
  return REASONS[locale][code] ?? code;
}
