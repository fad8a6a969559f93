import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";

const CALENDAR_DATES = new Set(["firstDate", "liveFrom", "enteredOmanOn", "date"]);
const INSTANTS = new Set(["until"]);

/** A refusal's raw parameters, ready for its message in this locale (dates in words, names in this script). */
export function formatRefusalParams(
  params: Record<string, string> | undefined,
  locale: Locale,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (CALENDAR_DATES.has(k)) out[k] = formatDate(v, locale);
    else if (INSTANTS.has(k)) out[k] = formatDate(new Date(v), locale);
    else if (k === "governorateAr" || k === "governorateEn") {
      if ((k === "governorateAr") === (locale === "ar")) out.governorate = v;
    } else out[k] = v;
  }
  return out;
}
