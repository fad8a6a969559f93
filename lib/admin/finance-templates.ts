import type { Locale } from "@/lib/i18n/routing";
import { formatDate, formatOmr } from "@/lib/i18n/format";

/**
 * The messages finance and the supervisor's inspections send to employers, in both languages (each e-mail
 * carries both, the recipient's first). Merged into the service's template table in
 * lib/notifications/templates.ts.
 */
export type FinanceTemplateParams = {
  /** Finance approved or rejected a refund request; `reason` is the decision's text shown to the employer. */
  "employer.refund-decided": {
    establishmentAr: string;
    establishmentEn: string;
    reference: string;
    amountBaisa: number;
    decision: "approved" | "rejected";
    reasonAr: string;
    reasonEn: string;
    note: string | null;
    url: string;
  };
  /** The provider's outcome of an approved refund. */
  "employer.refund-outcome": {
    establishmentAr: string;
    establishmentEn: string;
    reference: string;
    amountBaisa: number;
    outcome: "refunded" | "failed";
    failureReason: string | null;
    url: string;
  };
  /** Art. 4: the inspection found the establishment non-compliant; services are suspended until a date. */
  "employer.services-suspended": {
    establishmentAr: string;
    establishmentEn: string;
    until: string;
    note: string;
  };
};

type Rendered = { subject?: string; body: string };
type Part = { subject: string; body: string };

function bilingual(locale: Locale, parts: Record<Locale, Part>): Rendered {
  const other: Locale = locale === "ar" ? "en" : "ar";
  return {
    subject: `${parts[locale].subject} / ${parts[other].subject}`,
    body: `${parts[locale].body}\n\n— — —\n\n${parts[other].body}`,
  };
}

const refundDecided = (p: FinanceTemplateParams["employer.refund-decided"]): Record<Locale, Part> => ({
  ar: {
    subject: `${p.decision === "approved" ? "الموافقة على" : "رفض"} طلب استرداد قيمة التذكرة للبلاغ ${p.reference}`,
    body:
      `إلى منشأة «${p.establishmentAr}»،\n\n` +
      (p.decision === "approved"
        ? `وافقت الوزارة على طلب استرداد قيمة التذكرة المودعة للبلاغ ${p.reference} بمبلغ ${formatOmr(p.amountBaisa, "ar")}. يُعاد المبلغ إلى وسيلة الدفع التي استُخدمت، وسنبلغكم عند إتمامه.`
        : `رفضت الوزارة طلب استرداد قيمة التذكرة المودعة للبلاغ ${p.reference}.`) +
      `\n\nالسبب: ${p.reasonAr}${p.note ? `\n${p.note}` : ""}\n\nصفحة البلاغ:\n${p.url}`,
  },
  en: {
    subject: `Deposit refund for report ${p.reference} ${p.decision === "approved" ? "approved" : "rejected"}`,
    body:
      `To ${p.establishmentEn},\n\n` +
      (p.decision === "approved"
        ? `The ministry approved your request to refund the ticket deposit of report ${p.reference}, ${formatOmr(p.amountBaisa, "en")}. The money goes back to the payment method you used; we will tell you when it has.`
        : `The ministry rejected your request to refund the ticket deposit of report ${p.reference}.`) +
      `\n\nReason: ${p.reasonEn}${p.note ? `\n${p.note}` : ""}\n\nThe report's page:\n${p.url}`,
  },
});

const refundOutcome = (p: FinanceTemplateParams["employer.refund-outcome"]): Record<Locale, Part> => ({
  ar: {
    subject:
      p.outcome === "refunded"
        ? `أُعيدت قيمة التذكرة للبلاغ ${p.reference}`
        : `تعذّر استرداد قيمة التذكرة للبلاغ ${p.reference}`,
    body:
      `إلى منشأة «${p.establishmentAr}»،\n\n` +
      (p.outcome === "refunded"
        ? `أُعيد مبلغ ${formatOmr(p.amountBaisa, "ar")} إلى وسيلة الدفع التي استُخدمت لإيداع قيمة التذكرة للبلاغ ${p.reference}. قد يستغرق ظهوره في حسابكم بضعة أيام عمل حسب البنك.`
        : `لم تتمكن جهة الدفع من إعادة مبلغ ${formatOmr(p.amountBaisa, "ar")} للبلاغ ${p.reference}${p.failureReason ? ` (${p.failureReason})` : ""}. يمكنكم تقديم طلب استرداد جديد من صفحة البلاغ، أو التواصل مع الوزارة.`) +
      `\n\nصفحة البلاغ:\n${p.url}`,
  },
  en: {
    subject:
      p.outcome === "refunded"
        ? `Deposit for report ${p.reference} refunded`
        : `Deposit refund for report ${p.reference} failed`,
    body:
      `To ${p.establishmentEn},\n\n` +
      (p.outcome === "refunded"
        ? `${formatOmr(p.amountBaisa, "en")} went back to the payment method used for the ticket deposit of report ${p.reference}. Your bank may take a few working days to show it.`
        : `The payment provider could not refund ${formatOmr(p.amountBaisa, "en")} for report ${p.reference}${p.failureReason ? ` (${p.failureReason})` : ""}. You may ask for the refund again from the report's page, or contact the ministry.`) +
      `\n\nThe report's page:\n${p.url}`,
  },
});

const suspended = (p: FinanceTemplateParams["employer.services-suspended"]): Record<Locale, Part> => ({
  ar: {
    subject: `إيقاف خدمات الوزارة عن منشأة ${p.establishmentAr}`,
    body: `إلى منشأة «${p.establishmentAr}»،\n\nبعد التفتيش الذي أحيلت إليه المنشأة بموجب المادة 4 لكثرة بلاغات ترك العمل، تبيّن عدم التزامها. لذلك أوقفت خدمات الوزارة عن المنشأة، ومنها تسجيل بلاغات ترك العمل، حتى ${formatDate(p.until, "ar")}.\n\nملاحظة المفتش: ${p.note}`,
  },
  en: {
    subject: `Ministry services suspended for ${p.establishmentEn}`,
    body: `To ${p.establishmentEn},\n\nThe inspection to which the establishment was referred under Art. 4, for its number of work-abandonment reports, found it non-compliant. The ministry's services to the establishment, filing work-abandonment reports among them, are suspended until ${formatDate(p.until, "en")}.\n\nThe inspector's note: ${p.note}`,
  },
});

export const financeRenderers: {
  [K in keyof FinanceTemplateParams]: Record<Locale, (p: FinanceTemplateParams[K]) => Rendered>;
} = {
  "employer.refund-decided": {
    ar: (p) => bilingual("ar", refundDecided(p)),
    en: (p) => bilingual("en", refundDecided(p)),
  },
  "employer.refund-outcome": {
    ar: (p) => bilingual("ar", refundOutcome(p)),
    en: (p) => bilingual("en", refundOutcome(p)),
  },
  "employer.services-suspended": {
    ar: (p) => bilingual("ar", suspended(p)),
    en: (p) => bilingual("en", suspended(p)),
  },
};
