import type { Locale } from "@/lib/i18n/routing";

/** "3 days ago" / "قبل 3 أيام": how long something has waited, in the reader's language. */
export function formatAge(since: Date, locale: Locale, now: Date = new Date()): string {
  const minutes = Math.round((since.getTime() - now.getTime()) / 60_000);
  const rtf = new Intl.RelativeTimeFormat(locale === "ar" ? "ar-OM-u-nu-arab" : "en-OM", { numeric: "auto" });
  if (Math.abs(minutes) < 60) return rtf.format(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return rtf.format(hours, "hour");
  return rtf.format(Math.round(hours / 24), "day");
}
