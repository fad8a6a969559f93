import type { Locale } from "@/lib/i18n/routing";

/**
 * Nationalities (ISO 3166-1 alpha-2) whose citizens read Arabic: members of the Arab League. The registry keeps
 * no language preference for a worker, so messages sent without a request (the scheduled jobs) go in Arabic to
 * these and in English to everyone else.
 */
const ARABIC_READING = new Set([
  "AE",
  "BH",
  "DJ",
  "DZ",
  "EG",
  "IQ",
  "JO",
  "KM",
  "KW",
  "LB",
  "LY",
  "MA",
  "MR",
  "OM",
  "PS",
  "QA",
  "SA",
  "SD",
  "SO",
  "SY",
  "TN",
  "YE",
]);

export function workerLocale(nationality: string): Locale {
  return ARABIC_READING.has(nationality.toUpperCase()) ? "ar" : "en";
}
