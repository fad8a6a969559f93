import type { Locale } from "@/lib/i18n/routing";

/** The e-mail a supervisor's invitation sends (merged into lib/notifications/templates.ts). */
export type StaffTemplateParams = {
  "staff.invitation": { name: string; inviter: string; roleAr: string; roleEn: string; url: string };
};

type Rendered = { subject?: string; body: string };

export const staffRenderers: {
  [K in keyof StaffTemplateParams]: Record<Locale, (p: StaffTemplateParams[K]) => Rendered>;
} = {
  "staff.invitation": {
    ar: (p) => ({
      subject: "دعوة إلى حساب موظف — بلاغ",
      body: `${p.name}،\n\nدعاك ${p.inviter} إلى خدمة بلاغات ترك العمل في وزارة العمل بدور «${p.roleAr}».\n\nافتح الرابط خلال 7 أيام لاختيار كلمة المرور، ثم سجّل الدخول وأضف تطبيق المصادقة (رمز من ست خانات) عند أول دخول:\n${p.url}\n\nإذا لم تكن تتوقع هذه الدعوة فتجاهل الرسالة.`,
    }),
    en: (p) => ({
      subject: "Your staff account invitation — Balagh",
      body: `${p.name},\n\n${p.inviter} invited you to the Ministry of Labour's work-abandonment reports service as ${p.roleEn}.\n\nOpen this link within 7 days to choose a password, then sign in and add an authenticator app (a six-digit code) at your first sign-in:\n${p.url}\n\nIf you were not expecting this invitation, ignore this message.`,
    }),
  },
};
