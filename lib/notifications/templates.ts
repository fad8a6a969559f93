import type { Locale } from "@/lib/i18n/routing";
import { formatDate, formatOmr } from "@/lib/i18n/format";

/** Every message the service sends, in both languages. Plain text; e-mails get a subject. */
export type TemplateParams = {
  "employer.verify-email": { name: string; establishment: string; url: string };
  "employer.password-reset": { name: string; url: string };
  "employer.invitation": { inviter: string; establishment: string; url: string };
  /** To the worker's mobile the moment a report against them is submitted (short: one or two SMS parts). */
  "worker.report-filed.sms": {
    establishmentAr: string;
    establishmentEn: string;
    reference: string;
    appUrl: string;
    grievanceDays: number;
  };
  /** To the worker's e-mail, when the registry has one: both languages, the worker's first. */
  "worker.report-filed.email": {
    workerNameAr: string;
    workerNameEn: string;
    establishmentAr: string;
    establishmentEn: string;
    reference: string;
    lastDayAtWork: string | null;
    appUrl: string;
    grievanceDays: number;
  };
  /** To the establishment's address and the user who filed: the receipt of a submitted report. */
  "employer.report-submitted.email": {
    establishmentAr: string;
    establishmentEn: string;
    workerNameAr: string;
    workerNameEn: string;
    reference: string;
    amountBaisa: number;
    appUrl: string;
    reportId: string;
  };
};
export type TemplateName = keyof TemplateParams;

type Rendered = { subject?: string; body: string };
type Renderers = { [K in TemplateName]: Record<Locale, (p: TemplateParams[K]) => Rendered> };

/** Both languages in one message, the reader's first; the subject carries both. */
function bilingual(locale: Locale, parts: Record<Locale, { subject: string; body: string }>): Rendered {
  const other: Locale = locale === "ar" ? "en" : "ar";
  return {
    subject: `${parts[locale].subject} / ${parts[other].subject}`,
    body: `${parts[locale].body}\n\n— — —\n\n${parts[other].body}`,
  };
}

const workerFiledEmail = (p: TemplateParams["worker.report-filed.email"]) => ({
  ar: {
    subject: `بلاغ ترك عمل مقدم ضدك ${p.reference}`,
    body: `${p.workerNameAr}،\n\nقدّمت منشأة «${p.establishmentAr}» بلاغ ترك عمل ضدك إلى وزارة العمل، ورقمه ${p.reference}.${p.lastDayAtWork ? `\nيذكر البلاغ أن آخر يوم عمل لك كان ${formatDate(p.lastDayAtWork, "ar")}.` : ""}\n\nسيراجع موظفو الوزارة البلاغ قبل اعتماده. للاطلاع عليه أو تقديم تظلم سجّل الدخول برقمك المدني:\n${p.appUrl}/ar/sign-in/worker\n\nيحق لك التظلم حتى ${p.grievanceDays} يوماً من اعتماد البلاغ. للمساعدة اتصل بمركز اتصال الوزارة على 80077000 أو زر أي مركز سند.`,
  },
  en: {
    subject: `Work-abandonment report ${p.reference} filed against you`,
    body: `${p.workerNameEn},\n\n"${p.establishmentEn}" has filed a work-abandonment report against you with the Ministry of Labour. Its reference is ${p.reference}.${p.lastDayAtWork ? `\nThe report says your last day at work was ${formatDate(p.lastDayAtWork, "en")}.` : ""}\n\nMinistry staff will review the report before approving it. To see it or file a grievance (objection), sign in with your civil ID:\n${p.appUrl}/en/sign-in/worker\n\nYou may object until ${p.grievanceDays} days after the report is approved. For help call the Ministry's contact centre on 80077000 or visit any Sanad service centre.`,
  },
});

const employerSubmittedEmail = (p: TemplateParams["employer.report-submitted.email"]) => ({
  ar: {
    subject: `تم تقديم البلاغ ${p.reference}`,
    body: `تم استلام بلاغ ترك العمل ${p.reference} المقدم من «${p.establishmentAr}» بحق ${p.workerNameAr}، واستلمنا مبلغ ضمان قيمة التذكرة ${formatOmr(p.amountBaisa, "ar")}.\n\nأُبلغ العامل الآن برسالة نصية وبالبريد الإلكتروني إن وُجد. سيراجع موظفو الوزارة البلاغ ونعلمكم بالقرار. لمتابعة البلاغ:\n${p.appUrl}/ar/employer/reports/${p.reportId}\n\nاحتفظوا برقم البلاغ للرجوع إليه.`,
  },
  en: {
    subject: `Report ${p.reference} submitted`,
    body: `We have received work-abandonment report ${p.reference} from "${p.establishmentEn}" about ${p.workerNameEn}, and the ticket deposit of ${formatOmr(p.amountBaisa, "en")}.\n\nThe worker has now been told by SMS, and by e-mail where we have one. Ministry staff will review the report and we will tell you the decision. To follow the report:\n${p.appUrl}/en/employer/reports/${p.reportId}\n\nKeep the reference number for your records.`,
  },
});

const renderers: Renderers = {
  "worker.report-filed.sms": {
    ar: (p) => ({
      body: `بلاغ: قدّمت «${p.establishmentAr}» بلاغ ترك عمل ضدك رقم ${p.reference}. للاطلاع عليه أو التظلم سجّل الدخول برقمك المدني في ${p.appUrl}/ar/sign-in/worker ويحق لك التظلم حتى ${p.grievanceDays} يوماً من اعتماد البلاغ.`,
    }),
    en: (p) => ({
      body: `Balagh: "${p.establishmentEn}" filed work-abandonment report ${p.reference} against you. To see it or object, sign in at ${p.appUrl}/en/sign-in/worker with your civil ID. You may object until ${p.grievanceDays} days after approval.`,
    }),
  },
  "worker.report-filed.email": {
    ar: (p) => bilingual("ar", workerFiledEmail(p)),
    en: (p) => bilingual("en", workerFiledEmail(p)),
  },
  "employer.report-submitted.email": {
    ar: (p) => bilingual("ar", employerSubmittedEmail(p)),
    en: (p) => bilingual("en", employerSubmittedEmail(p)),
  },
  "employer.verify-email": {
    ar: (p) => ({
      subject: "تأكيد حساب صاحب العمل — بلاغ",
      body: `طلب ${p.name} إنشاء حساب مالك لمنشأة «${p.establishment}» في خدمة بلاغات ترك العمل.\n\nلتأكيد الحساب افتح الرابط التالي خلال 24 ساعة:\n${p.url}\n\nإذا لم تطلبوا ذلك فتجاهلوا هذه الرسالة ولن يُفعَّل الحساب.`,
    }),
    en: (p) => ({
      subject: "Confirm the employer account — Balagh",
      body: `${p.name} asked to open an owner account for "${p.establishment}" on the work-abandonment reports service.\n\nTo confirm the account, open this link within 24 hours:\n${p.url}\n\nIf you did not ask for this, ignore this message and the account stays inactive.`,
    }),
  },
  "employer.password-reset": {
    ar: (p) => ({
      subject: "إعادة تعيين كلمة المرور — بلاغ",
      body: `مرحباً ${p.name}،\n\nلتعيين كلمة مرور جديدة افتح الرابط التالي خلال ساعة واحدة:\n${p.url}\n\nإذا لم تطلب ذلك فتجاهل هذه الرسالة؛ كلمة مرورك الحالية لم تتغير.`,
    }),
    en: (p) => ({
      subject: "Reset your password — Balagh",
      body: `Hello ${p.name},\n\nTo choose a new password, open this link within one hour:\n${p.url}\n\nIf you did not ask for this, ignore this message; your password has not changed.`,
    }),
  },
  "employer.invitation": {
    ar: (p) => ({
      subject: `دعوة للانضمام إلى فريق ${p.establishment} — بلاغ`,
      body: `دعاك ${p.inviter} للانضمام بصفة مسؤول موارد بشرية إلى منشأة «${p.establishment}» في خدمة بلاغات ترك العمل.\n\nلقبول الدعوة واختيار كلمة المرور افتح الرابط خلال 7 أيام:\n${p.url}`,
    }),
    en: (p) => ({
      subject: `Invitation to join ${p.establishment} — Balagh`,
      body: `${p.inviter} invited you to join "${p.establishment}" as an HR officer on the work-abandonment reports service.\n\nTo accept and choose a password, open this link within 7 days:\n${p.url}`,
    }),
  },
};

export function renderTemplate<T extends TemplateName>(
  template: T,
  locale: Locale,
  params: TemplateParams[T],
): Rendered {
  return renderers[template][locale](params);
}
