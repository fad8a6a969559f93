/**
 * The words of every SMS and e-mail the service sends, one folder per audience (`templates-<audience>`), one
 * file per locale, ICU messages like the pages' (lib/notifications/templates.ts formats them). Inside a file,
 * a template's name without its audience is the path: `worker.report-filed.sms` is `report-filed.sms` in
 * templates-worker, an object with `body` (SMS) or `subject` and `body` (e-mail). `email-frame` holds the
 * words around every e-mail's text (lib/notifications/email-html.ts), in the reader's language.
 */
import type { MessageTree } from "@/lib/i18n/pick-messages";
import frameAr from "./email-frame/ar.json";
import frameEn from "./email-frame/en.json";
import employerAr from "./templates-employer/ar.json";
import employerEn from "./templates-employer/en.json";
import staffAr from "./templates-staff/ar.json";
import staffEn from "./templates-staff/en.json";
import workerAr from "./templates-worker/ar.json";
import workerEn from "./templates-worker/en.json";

export const templateAudiences = ["worker", "employer", "staff"] as const;
export type TemplateAudience = (typeof templateAudiences)[number];

export const templateCatalogues: Record<TemplateAudience, Record<"ar" | "en", MessageTree>> = {
  worker: { ar: workerAr, en: workerEn },
  employer: { ar: employerAr, en: employerEn },
  staff: { ar: staffAr, en: staffEn },
};

export type EmailFrame = { service: string; ministry: string; footer: string };
export const emailFrames: Record<"ar" | "en", EmailFrame> = { ar: frameAr, en: frameEn };

/** The catalogue areas of messages sent (not merged into the pages' messages). */
export const sentMessageAreas = [...templateAudiences.map((a) => `templates-${a}`), "email-frame"];
