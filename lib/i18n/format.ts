import type { Locale } from "./routing";

/**
 * Formatting at the edge, by Intl, in the reader's locale. Arabic uses Arabic-Indic digits
 * (`ar-OM` numbering system "arab"); English uses Latin digits. Money is integer baisa: 1 OMR = 1000 baisa.
 */
const intlLocale = (locale: Locale) => (locale === "ar" ? "ar-OM-u-nu-arab" : "en-OM");

/**
 * One Intl formatter per locale and style for the whole process (issue 12): building one costs tens of
 * microseconds, and a dashboard formats a hundred dates per request. Intl formatters are immutable and safe
 * to share.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

export function formatOmr(baisa: number, locale: Locale): string {
  if (!Number.isInteger(baisa)) throw new Error("baisa must be an integer");
  return cached(
    `omr:${locale}`,
    () =>
      new Intl.NumberFormat(intlLocale(locale), {
        style: "currency",
        currency: "OMR",
        minimumFractionDigits: 3,
        maximumFractionDigits: 3,
      }),
  ).format(baisa / 1000);
}

export function formatNumber(n: number, locale: Locale): string {
  return cached(`number:${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(n);
}

/** A calendar date (YYYY-MM-DD, or a Date) shown in the reader's language, in Muscat time. */
export function formatDate(value: string | Date, locale: Locale, style: "long" | "medium" = "long"): string {
  const d = typeof value === "string" ? new Date(`${value}T00:00:00+04:00`) : value;
  return cached(
    `date:${style}:${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: style, timeZone: "Asia/Muscat" }),
  ).format(d);
}

export function formatDateTime(value: Date, locale: Locale): string {
  return cached(
    `datetime:${locale}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: "Asia/Muscat",
      }),
  ).format(value);
}
