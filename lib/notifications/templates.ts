import type { Locale } from "@/lib/i18n/routing";
import { workerRenderers, type WorkerTemplateParams } from "@/lib/workers/templates";

/** Every message the service sends, in both languages. Plain text; e-mails get a subject. */
export type TemplateParams = WorkerTemplateParams & {
  "employer.verify-email": { name: string; establishment: string; url: string };
  "employer.password-reset": { name: string; url: string };
  "employer.invitation": { inviter: string; establishment: string; url: string };
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
};

export function renderTemplate<T extends TemplateName>(template: T, locale: Locale, params: TemplateParams[T]): Rendered {
  return renderers[template][locale](params);
}
