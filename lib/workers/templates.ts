import type { Locale } from "@/lib/i18n/routing";

/**
 * The messages a worker's sign-in and grievances send, in both languages. Merged into the service's template
 * table in lib/notifications/templates.ts. SMS bodies stay within one segment where practical: 70 characters
 * for Arabic (UCS-2), 160 for English (GSM-7). The code is written in Latin digits in both languages: that is
 * what phone keyboards type first, and the sign-in page accepts Arabic-Indic digits as well.
 */
export type WorkerTemplateParams = {
  "worker.sign-in-code-sms": { code: string; minutes: number };
  "worker.sign-in-code-email": { code: string; minutes: number };
  "worker.grievance-received-sms": { reference: string };
  "employer.grievance-filed": { establishment: string; reference: string };
};

type Rendered = { subject?: string; body: string };

export const workerRenderers: {
  [K in keyof WorkerTemplateParams]: Record<Locale, (p: WorkerTemplateParams[K]) => Rendered>;
} = {
  "worker.sign-in-code-sms": {
    ar: (p) => ({ body: `رمز الدخول إلى بلاغ: ${p.code}\nصالح ${p.minutes} دقائق. لا تعطه لأحد.` }),
    en: (p) => ({
      body: `Your Balagh sign-in code is ${p.code}. It works for ${p.minutes} minutes. Never share it.`,
    }),
  },
  "worker.sign-in-code-email": {
    ar: (p) => ({
      subject: "رمز الدخول — بلاغ",
      body: `رمز الدخول إلى خدمة بلاغات ترك العمل هو:\n\n${p.code}\n\nاكتبه في صفحة الدخول خلال ${p.minutes} دقائق. يعمل الرمز مرة واحدة فقط.\n\nلا تعطِ هذا الرمز لأي شخص، ولا لصاحب العمل، ولا لموظف في الوزارة.\n\nإذا لم تطلب الرمز فتجاهل هذه الرسالة.`,
    }),
    en: (p) => ({
      subject: "Your sign-in code — Balagh",
      body: `Your code to sign in to the work-abandonment reports service is:\n\n${p.code}\n\nType it on the sign-in page within ${p.minutes} minutes. The code works once.\n\nNever give this code to anyone: not to your employer, not to Ministry staff.\n\nIf you did not ask for a code, ignore this message.`,
    }),
  },
  "worker.grievance-received-sms": {
    ar: (p) => ({ body: `استلمنا تظلمك على البلاغ ${p.reference}. سنرسل لك القرار.` }),
    en: (p) => ({
      body: `We received your grievance about report ${p.reference}. We will send you the decision by SMS.`,
    }),
  },
  "employer.grievance-filed": {
    ar: (p) => ({
      subject: `تظلم على البلاغ ${p.reference} — بلاغ`,
      body: `قدّم العامل تظلماً على بلاغ ترك العمل ${p.reference} الذي سجلته منشأة «${p.establishment}».\n\nستدرس الوزارة التظلم وتبلغكم بالقرار. يمكنكم متابعة حالة البلاغ من حسابكم في الخدمة.\n\nلا يلزمكم أي إجراء الآن.`,
    }),
    en: (p) => ({
      subject: `Grievance filed against report ${p.reference} — Balagh`,
      body: `The worker has filed a grievance against work-abandonment report ${p.reference}, filed by "${p.establishment}".\n\nThe Ministry will review the grievance and tell you its decision. You can follow the report's status in your account on the service.\n\nYou do not need to do anything now.`,
    }),
  },
};
