import type { Locale } from "@/lib/i18n/routing";
import { formatDate } from "@/lib/i18n/format";
import ar from "@/messages/admin-decisions/ar.json";
import en from "@/messages/admin-decisions/en.json";

/**
 * The messages a reviewer's decisions send, in both languages; merged into the service's template table in
 * lib/notifications/templates.ts. The reason is a code from lib/admin/decision-reasons.ts, worded from the
 * same messages the case page shows; the reviewer's free text (`note`) follows it as written.
 * Worker SMS stay short; e-mails carry both languages, the reader's first.
 */
type Outcome = "approved" | "rejected";
type Verdict = "accepted" | "rejected";

export type AdminTemplateParams = {
  "worker.report-decided.sms": {
    outcome: Outcome;
    reference: string;
    establishmentAr: string;
    establishmentEn: string;
    deadline: string | null;
    url: string;
  };
  "worker.report-decided.email": DecisionMail & { outcome: Outcome; name: string; deadline: string | null };
  "employer.report-decided.email": DecisionMail & {
    outcome: Outcome;
    deadline: string | null;
    refundRequested: boolean;
  };
  "employer.cancellation-decided.email": DecisionMail & { outcome: Verdict };
  "worker.report-cancelled.sms": { reference: string; establishmentAr: string; establishmentEn: string };
  "worker.grievance-decided.sms": { outcome: Verdict; reference: string; url: string };
  "worker.grievance-decided.email": DecisionMail & { outcome: Verdict; name: string };
  "employer.grievance-decided.email": DecisionMail & { outcome: Verdict };
  /** Issue 10: an open request closed because its report was decided or ended otherwise. */
  "employer.cancellation-closed.email": {
    reference: string;
    establishmentAr: string;
    establishmentEn: string;
    cause: ClosedCause;
    url: string;
  };
  "worker.grievance-closed.sms": { reference: string; cause: ClosedCause; url: string };
};

/** Why an open request was closed as no longer needed: what happened to its report. */
export type ClosedCause = "report_rejected" | "report_cancelled" | "report_closed";
const CLOSED_CAUSE: Record<Locale, Record<ClosedCause, string>> = {
  ar: {
    report_rejected: "رفضت الوزارة البلاغ",
    report_cancelled: "أُلغي البلاغ",
    report_closed: "أُغلق البلاغ",
  },
  en: {
    report_rejected: "the Ministry rejected the report",
    report_cancelled: "the report was cancelled",
    report_closed: "the report was closed",
  },
};

type DecisionMail = {
  reference: string;
  establishmentAr: string;
  establishmentEn: string;
  reasonCode: string;
  note: string | null;
  url: string;
};
type Rendered = { subject?: string; body: string };

const REASONS: Record<Locale, Record<string, string>> = {
  ar: ar.adminDecisions.reasons,
  en: en.adminDecisions.reasons,
};

/** The reason in words, then the reviewer's note on its own line. */
export function reasonText(locale: Locale, code: string, note: string | null): string {
  const label = REASONS[locale][code] ?? code;
  return note ? `${label}\n${note}` : label;
}

function bilingual(first: Locale, parts: Record<Locale, { subject: string; body: string }>): Rendered {
  const other: Locale = first === "ar" ? "en" : "ar";
  return {
    subject: `${parts[first].subject} / ${parts[other].subject}`,
    body: `${parts[first].body}\n\n— — —\n\n${parts[other].body}`,
  };
}

const both = <P>(make: (p: P) => Record<Locale, { subject: string; body: string }>) => ({
  ar: (p: P) => bilingual("ar", make(p)),
  en: (p: P) => bilingual("en", make(p)),
});

const reportWorkerMail = (p: AdminTemplateParams["worker.report-decided.email"]) => ({
  ar:
    p.outcome === "approved"
      ? {
          subject: `اعتماد بلاغ ترك العمل ${p.reference}`,
          body: `${p.name}،\n\nاعتمدت وزارة العمل بلاغ ترك العمل ${p.reference} الذي قدّمته «${p.establishmentAr}» بحقك.\nالسبب: ${reasonText("ar", p.reasonCode, p.note)}\n\nيحق لك تقديم تظلم حتى ${p.deadline ? formatDate(p.deadline, "ar") : ""}. للاطلاع على البلاغ أو التظلم سجّل الدخول برقمك المدني:\n${p.url}/ar/sign-in/worker`,
        }
      : {
          subject: `رفض بلاغ ترك العمل ${p.reference}`,
          body: `${p.name}،\n\nرفضت وزارة العمل بلاغ ترك العمل ${p.reference} الذي قدّمته «${p.establishmentAr}» بحقك، فلا أثر له عليك.\nالسبب: ${reasonText("ar", p.reasonCode, p.note)}`,
        },
  en:
    p.outcome === "approved"
      ? {
          subject: `Work-abandonment report ${p.reference} approved`,
          body: `${p.name},\n\nThe Ministry of Labour approved work-abandonment report ${p.reference}, filed against you by "${p.establishmentEn}".\nReason: ${reasonText("en", p.reasonCode, p.note)}\n\nYou may file a grievance until ${p.deadline ? formatDate(p.deadline, "en") : ""}. To see the report or object, sign in with your civil ID:\n${p.url}/en/sign-in/worker`,
        }
      : {
          subject: `Work-abandonment report ${p.reference} rejected`,
          body: `${p.name},\n\nThe Ministry of Labour rejected work-abandonment report ${p.reference}, filed against you by "${p.establishmentEn}". It has no effect on you.\nReason: ${reasonText("en", p.reasonCode, p.note)}`,
        },
});

const reportEmployerMail = (p: AdminTemplateParams["employer.report-decided.email"]) => ({
  ar: {
    subject: p.outcome === "approved" ? `اعتماد البلاغ ${p.reference}` : `رفض البلاغ ${p.reference}`,
    body: `${p.outcome === "approved" ? `اعتمدت وزارة العمل بلاغ ترك العمل ${p.reference} المقدم من «${p.establishmentAr}». أصبحت حالة تصريح عمل العامل «ترك مكان العمل». يحق للعامل التظلم حتى ${p.deadline ? formatDate(p.deadline, "ar") : ""}.` : `رفضت وزارة العمل بلاغ ترك العمل ${p.reference} المقدم من «${p.establishmentAr}».`}\nالسبب: ${reasonText("ar", p.reasonCode, p.note)}${p.refundRequested ? "\n\nسيُعاد إليكم مبلغ الضمان: قدّمنا طلب الاسترداد نيابة عنكم، وستنفذه إدارة المالية." : ""}\n\nلمتابعة البلاغ:\n${p.url}/ar/employer/reports`,
  },
  en: {
    subject: p.outcome === "approved" ? `Report ${p.reference} approved` : `Report ${p.reference} rejected`,
    body: `${p.outcome === "approved" ? `The Ministry of Labour approved work-abandonment report ${p.reference} from "${p.establishmentEn}". The worker's permit now shows "left workplace". The worker may file a grievance until ${p.deadline ? formatDate(p.deadline, "en") : ""}.` : `The Ministry of Labour rejected work-abandonment report ${p.reference} from "${p.establishmentEn}".`}\nReason: ${reasonText("en", p.reasonCode, p.note)}${p.refundRequested ? "\n\nThe ticket deposit will be paid back: we have made the refund request for you, and Ministry finance will execute it." : ""}\n\nTo follow the report:\n${p.url}/en/employer/reports`,
  },
});

const cancellationEmployerMail = (p: AdminTemplateParams["employer.cancellation-decided.email"]) => ({
  ar: {
    subject:
      p.outcome === "accepted"
        ? `قبول طلب إلغاء البلاغ ${p.reference}`
        : `رفض طلب إلغاء البلاغ ${p.reference}`,
    body: `${p.outcome === "accepted" ? `قبلت وزارة العمل طلب «${p.establishmentAr}» إلغاء البلاغ ${p.reference}، فأُلغي البلاغ وعاد تصريح عمل العامل ساري المفعول. يمكنكم الآن طلب استرداد مبلغ الضمان من صفحة البلاغ.` : `رفضت وزارة العمل طلب «${p.establishmentAr}» إلغاء البلاغ ${p.reference}، ويبقى البلاغ قائماً.`}\nالسبب: ${reasonText("ar", p.reasonCode, p.note)}\n\n${p.url}/ar/employer/reports`,
  },
  en: {
    subject:
      p.outcome === "accepted"
        ? `Cancellation of report ${p.reference} accepted`
        : `Cancellation of report ${p.reference} refused`,
    body: `${p.outcome === "accepted" ? `The Ministry of Labour accepted the request from "${p.establishmentEn}" to cancel report ${p.reference}. The report is cancelled and the worker's permit is active again. You may now ask for the ticket deposit back on the report's page.` : `The Ministry of Labour refused the request from "${p.establishmentEn}" to cancel report ${p.reference}. The report stands.`}\nReason: ${reasonText("en", p.reasonCode, p.note)}\n\n${p.url}/en/employer/reports`,
  },
});

const grievanceWorkerMail = (p: AdminTemplateParams["worker.grievance-decided.email"]) => ({
  ar: {
    subject:
      p.outcome === "accepted"
        ? `قبول تظلمك على البلاغ ${p.reference}`
        : `رفض تظلمك على البلاغ ${p.reference}`,
    body: `${p.name}،\n\n${p.outcome === "accepted" ? `قبلت وزارة العمل تظلمك على بلاغ ترك العمل ${p.reference} الذي قدّمته «${p.establishmentAr}». أُلغي البلاغ وعاد تصريح عملك ساري المفعول.` : `رفضت وزارة العمل تظلمك على بلاغ ترك العمل ${p.reference} الذي قدّمته «${p.establishmentAr}»، ويبقى البلاغ قائماً.`}\nالسبب: ${reasonText("ar", p.reasonCode, p.note)}\n\n${p.url}/ar/sign-in/worker`,
  },
  en: {
    subject:
      p.outcome === "accepted"
        ? `Your grievance on report ${p.reference} was accepted`
        : `Your grievance on report ${p.reference} was rejected`,
    body: `${p.name},\n\n${p.outcome === "accepted" ? `The Ministry of Labour accepted your grievance against work-abandonment report ${p.reference}, filed by "${p.establishmentEn}". The report is cancelled and your work permit is active again.` : `The Ministry of Labour rejected your grievance against work-abandonment report ${p.reference}, filed by "${p.establishmentEn}". The report stands.`}\nReason: ${reasonText("en", p.reasonCode, p.note)}\n\n${p.url}/en/sign-in/worker`,
  },
});

const grievanceEmployerMail = (p: AdminTemplateParams["employer.grievance-decided.email"]) => ({
  ar: {
    subject:
      p.outcome === "accepted"
        ? `قبول تظلم العامل على البلاغ ${p.reference}`
        : `رفض تظلم العامل على البلاغ ${p.reference}`,
    body: `${p.outcome === "accepted" ? `قبلت وزارة العمل تظلم العامل على البلاغ ${p.reference} المقدم من «${p.establishmentAr}»، فأُلغي البلاغ وعاد تصريح عمل العامل ساري المفعول. يمكنكم طلب استرداد مبلغ الضمان من صفحة البلاغ.` : `رفضت وزارة العمل تظلم العامل على البلاغ ${p.reference} المقدم من «${p.establishmentAr}»، ويبقى البلاغ قائماً.`}\nالسبب: ${reasonText("ar", p.reasonCode, p.note)}\n\n${p.url}/ar/employer/reports`,
  },
  en: {
    subject:
      p.outcome === "accepted"
        ? `Grievance on report ${p.reference} accepted`
        : `Grievance on report ${p.reference} rejected`,
    body: `${p.outcome === "accepted" ? `The Ministry of Labour accepted the worker's grievance against report ${p.reference} from "${p.establishmentEn}". The report is cancelled and the worker's permit is active again. You may ask for the ticket deposit back on the report's page.` : `The Ministry of Labour rejected the worker's grievance against report ${p.reference} from "${p.establishmentEn}". The report stands.`}\nReason: ${reasonText("en", p.reasonCode, p.note)}\n\n${p.url}/en/employer/reports`,
  },
});

export const adminRenderers: {
  [K in keyof AdminTemplateParams]: Record<Locale, (p: AdminTemplateParams[K]) => Rendered>;
} = {
  "worker.report-decided.sms": {
    ar: (p) => ({
      body:
        p.outcome === "approved"
          ? `بلاغ: اعتُمد البلاغ ${p.reference} ضدك. يحق لك التظلم حتى ${p.deadline ? formatDate(p.deadline, "ar") : ""}: ${p.url}/ar/sign-in/worker`
          : `بلاغ: رُفض البلاغ ${p.reference} المقدم ضدك من «${p.establishmentAr}»، فلا أثر له عليك.`,
    }),
    en: (p) => ({
      body:
        p.outcome === "approved"
          ? `Balagh: report ${p.reference} against you was approved. You may object until ${p.deadline ? formatDate(p.deadline, "en") : ""}: ${p.url}/en/sign-in/worker`
          : `Balagh: report ${p.reference} filed against you by "${p.establishmentEn}" was rejected. It has no effect on you.`,
    }),
  },
  "worker.report-decided.email": both(reportWorkerMail),
  "employer.report-decided.email": both(reportEmployerMail),
  "employer.cancellation-decided.email": both(cancellationEmployerMail),
  "employer.cancellation-closed.email": both(
    (p: AdminTemplateParams["employer.cancellation-closed.email"]) => ({
      ar: {
        subject: `إغلاق طلب إلغاء البلاغ ${p.reference}`,
        body: `أُغلق طلب «${p.establishmentAr}» إلغاء البلاغ ${p.reference} دون قرار فيه، لعدم الحاجة إليه: ${CLOSED_CAUSE.ar[p.cause]}.\n\nلمتابعة البلاغ:\n${p.url}/ar/employer/reports`,
      },
      en: {
        subject: `Cancellation request on report ${p.reference} closed`,
        body: `The request from "${p.establishmentEn}" to cancel report ${p.reference} was closed without a decision, because it is no longer needed: ${CLOSED_CAUSE.en[p.cause]}.\n\nTo follow the report:\n${p.url}/en/employer/reports`,
      },
    }),
  ),
  "worker.grievance-closed.sms": {
    ar: (p) => ({
      body: `بلاغ: أُغلق تظلمك على البلاغ ${p.reference} لعدم الحاجة إليه، لأن ${CLOSED_CAUSE.ar[p.cause]}. التفاصيل: ${p.url}/ar/sign-in/worker`,
    }),
    en: (p) => ({
      body: `Balagh: your grievance on report ${p.reference} is closed, no longer needed: ${CLOSED_CAUSE.en[p.cause]}. Details: ${p.url}/en/sign-in/worker`,
    }),
  },
  "worker.report-cancelled.sms": {
    ar: (p) => ({
      body: `بلاغ: أُلغي البلاغ ${p.reference} المقدم ضدك من «${p.establishmentAr}»، وعاد تصريح عملك ساري المفعول.`,
    }),
    en: (p) => ({
      body: `Balagh: report ${p.reference} filed against you by "${p.establishmentEn}" was cancelled. Your work permit is active again.`,
    }),
  },
  "worker.grievance-decided.sms": {
    ar: (p) => ({
      body:
        p.outcome === "accepted"
          ? `بلاغ: قُبل تظلمك على البلاغ ${p.reference}، وأُلغي البلاغ.`
          : `بلاغ: رُفض تظلمك على البلاغ ${p.reference}. التفاصيل: ${p.url}/ar/sign-in/worker`,
    }),
    en: (p) => ({
      body:
        p.outcome === "accepted"
          ? `Balagh: your grievance on report ${p.reference} was accepted and the report is cancelled.`
          : `Balagh: your grievance on report ${p.reference} was rejected. Details: ${p.url}/en/sign-in/worker`,
    }),
  },
  "worker.grievance-decided.email": both(grievanceWorkerMail),
  "employer.grievance-decided.email": both(grievanceEmployerMail),
};
