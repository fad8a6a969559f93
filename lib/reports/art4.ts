import { RULES } from "./settings";
import { muscatDate } from "@/lib/time";

/**
 * Art. 4 of Ministerial Decision 270/2018: an establishment that files 5 or more reports in a calendar month, or
 * 10 or more in a calendar year, is referred for inspection. Months and years are Muscat's calendar, and a
 * report counts from the moment it was submitted (paid), not when its draft was started.
 */
export type Art4Referral = { period: "month" | "year"; periodKey: string; reportCount: number };

/** "2026-11" and "2026" for an instant, in Muscat. */
export function muscatPeriodKeys(at: Date): { month: string; year: string } {
  const day = muscatDate(at);
  return { month: day.slice(0, 7), year: day.slice(0, 4) };
}

/** The UTC instants at which the Muscat calendar year of `at` starts and the next one starts. */
export function muscatYearBounds(at: Date): { from: Date; to: Date } {
  const year = Number(muscatPeriodKeys(at).year);
  return { from: new Date(`${year}-01-01T00:00:00+04:00`), to: new Date(`${year + 1}-01-01T00:00:00+04:00`) };
}

/**
 * The referrals due when a report is submitted at `at`, given the submission instants of every report the
 * establishment has submitted (the new one included). Pure: the caller reads the instants and writes the rows.
 */
export function art4Referrals(
  at: Date,
  submissions: readonly Date[],
  thresholds: { monthly: number; yearly: number } = {
    monthly: RULES.inspectionMonthlyThreshold,
    yearly: RULES.inspectionYearlyThreshold,
  },
): Art4Referral[] {
  const keys = muscatPeriodKeys(at);
  let inMonth = 0;
  let inYear = 0;
  for (const s of submissions) {
    const k = muscatPeriodKeys(s);
    if (k.year !== keys.year) continue;
    inYear += 1;
    if (k.month === keys.month) inMonth += 1;
  }
  const out: Art4Referral[] = [];
  if (inMonth >= thresholds.monthly)
    out.push({ period: "month", periodKey: keys.month, reportCount: inMonth });
  if (inYear >= thresholds.yearly) out.push({ period: "year", periodKey: keys.year, reportCount: inYear });
  return out;
}
