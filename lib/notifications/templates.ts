import type { Locale } from "@/lib/i18n/routing";
import { staffRenderers, type StaffTemplateParams } from "@/lib/admin/staff-templates";
import { workerRenderers, type WorkerTemplateParams } from "@/lib/workers/templates";
import { adminRenderers, type AdminTemplateParams } from "@/lib/admin/templates";
import { financeRenderers, type FinanceTemplateParams } from "@/lib/admin/finance-templates";
import { formatDate, formatOmr } from "@/lib/i18n/format";

/** Every message the service sends, in both languages. Plain text; e-mails get a subject. */
export type TemplateParams = WorkerTemplateParams &
  StaffTemplateParams &
  AdminTemplateParams &
  FinanceTemplateParams & {
    "employer.verify-email": { name: string; establishment: string; url: string };
    "employer.password-reset": { name: string; url: string };
    "employer.invitation": { inviter: string; establishment: string; url: string };
    /** Deadline job: the report's legal period ended, so the deposit may now be refunded (dates YYYY-MM-DD). */
    "employer.refund-available": {
      establishment: string;
      reference: string;
      legalPeriodEnds: string;
      claimUntil: string;
      url: string;
    };
    /** Deadline job: the worker's grievance window closes in a few days. SMS: short. */
    "worker.grievance-closing.sms": {
      reference: string;
      establishment: string;
      deadline: string;
      url: string;
    };
    "worker.grievance-closing.email": {
      name: string;
      reference: string;
      establishment: string;
      deadline: string;
      url: string;
    };
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
  ...workerRenderers,
  ...staffRenderers,
  ...adminRenderers,
  ...financeRenderers,
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
  "employer.refund-available": {
    ar: (p) => ({
      subject: `أصبح استرداد قيمة التذكرة متاحاً للبلاغ ${p.reference} — بلاغ`,
      body: `إلى منشأة «${p.establishment}»،\n\nانتهت المدة القانونية لبلاغ ترك العمل رقم ${p.reference} في ${formatDate(p.legalPeriodEnds, "ar")}. يمكنكم الآن طلب استرداد قيمة التذكرة المودعة، ما دامت لم تُستخدم لشراء تذكرة العامل.\n\nقدّموا الطلب قبل ${formatDate(p.claimUntil, "ar")} من صفحة البلاغ:\n${p.url}`,
    }),
    en: (p) => ({
      subject: `Deposit refund now available for report ${p.reference} — Balagh`,
      body: `To ${p.establishment},\n\nThe legal period of work-abandonment report ${p.reference} ended on ${formatDate(p.legalPeriodEnds, "en")}. You may now request a refund of the ticket deposit, as long as it has not been used to buy the worker's ticket.\n\nRequest it before ${formatDate(p.claimUntil, "en")} from the report's page:\n${p.url}`,
    }),
  },
  "worker.grievance-closing.sms": {
    ar: (p) => ({
      body: `بلاغ ترك العمل ${p.reference} من ${p.establishment}: آخر يوم للتظلم ${formatDate(p.deadline, "ar")}. ${p.url}`,
    }),
    en: (p) => ({
      body: `Work-abandonment report ${p.reference} by ${p.establishment}: last day to object is ${formatDate(p.deadline, "en")}. ${p.url}`,
    }),
  },
  "worker.grievance-closing.email": {
    ar: (p) => ({
      subject: `تذكير: آخر يوم للتظلم من البلاغ ${p.reference} هو ${formatDate(p.deadline, "ar")}`,
      body: `مرحباً ${p.name}،\n\nسجّلت منشأة «${p.establishment}» بلاغ ترك عمل ضدك برقم ${p.reference}، ووافقت عليه الوزارة. يحق لك التظلم منه حتى ${formatDate(p.deadline, "ar")}، وبعد هذا التاريخ لا يُقبل التظلم.\n\nللاطلاع على البلاغ وتقديم تظلم ادخل برقمك المدني:\n${p.url}\n\nإذا سبق أن قدّمت تظلماً فلا حاجة لفعل شيء.`,
    }),
    en: (p) => ({
      subject: `Reminder: the last day to object to report ${p.reference} is ${formatDate(p.deadline, "en")}`,
      body: `Hello ${p.name},\n\n"${p.establishment}" filed work-abandonment report ${p.reference} against you, and the ministry approved it. You may file a grievance against it until ${formatDate(p.deadline, "en")}; after that date a grievance is not accepted.\n\nTo see the report and file a grievance, sign in with your civil ID number:\n${p.url}\n\nIf you have already filed a grievance, you need do nothing.`,
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

/** Every template's name (tests render each one). */
export function templateNames(): TemplateName[] {
  return Object.keys(renderers) as TemplateName[];
}
