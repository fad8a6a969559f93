import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";
import { workerRenderers, type WorkerTemplateParams } from "@/lib/workers/templates";

/** Every message the service sends, in both languages. Plain text; e-mails get a subject. */
export type TemplateParams = WorkerTemplateParams & {
  "employer.verify-email": { name: string; establishment: string; url: string };
  "employer.password-reset": { name: string; url: string };
  "employer.invitation": { inviter: string; establishment: string; url: string };
  /** Deadline job: the report's legal period ended, so the deposit may now be refunded (dates YYYY-MM-DD). */
  "employer.refund-available": { establishment: string; reference: string; legalPeriodEnds: string; claimUntil: string; url: string };
  /** Deadline job: the worker's grievance window closes in a few days. SMS: short. */
  "worker.grievance-closing.sms": { reference: string; establishment: string; deadline: string; url: string };
  "worker.grievance-closing.email": { name: string; reference: string; establishment: string; deadline: string; url: string };
};
export type TemplateName = keyof TemplateParams;

type Rendered = { subject?: string; body: string };
type Renderers = { [K in TemplateName]: Record<Locale, (p: TemplateParams[K]) => Rendered> };

const renderers: Renderers = {
  ...workerRenderers,
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

export function renderTemplate<T extends TemplateName>(template: T, locale: Locale, params: TemplateParams[T]): Rendered {
  return renderers[template][locale](params);
}
