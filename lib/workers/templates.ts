import { defineTemplates } from "@/lib/notifications/template-spec";

/**
 * The messages a worker's sign-in and grievances send (words: messages/templates-worker and
 * messages/templates-employer). Merged into the service's template table in lib/notifications/templates.ts.
 * SMS bodies stay within one segment where practical: 70 characters for Arabic (UCS-2), 160 for English
 * (GSM-7). The code is written in Latin digits in every language: that is what phone keyboards type first,
 * and the sign-in page accepts Arabic-Indic digits as well (so it is `text`, never `number`).
 */
export const workerTemplates = defineTemplates({
  "worker.sign-in-code-sms": { channel: "sms", params: { code: "text", minutes: "number" } },
  "worker.sign-in-code-email": { channel: "email", params: { code: "text", minutes: "number" } },
  "worker.grievance-received-sms": { channel: "sms", params: { reference: "text" } },
  "employer.grievance-filed": { channel: "email", params: { establishment: "text", reference: "text" } },
});
