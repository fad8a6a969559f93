/** The numbers of the law (DOMAIN.md §3–§4), in one place. */
export const RULES = {
  /** A report may be filed only this many full days after the worker's last day at work (Muscat calendar). */
  minDaysAfterLastDay: 7,
  /** Art. 11: the worker may object within this many days of the report's approval. */
  grievanceWindowDays: 60,
  /** Refund ground 1: the report's legal period, in years from approval… */
  legalPeriodYears: 4,
  /** …and the claim must be made within this many years of approval. */
  refundClaimYears: 9,
  /** Art. 4: reports in one calendar month / year that refer the establishment for inspection. */
  inspectionMonthlyThreshold: 5,
  inspectionYearlyThreshold: 10,
  /** Art. 4: a non-compliant establishment loses ministry services for this long. */
  suspensionYears: 1,
  /** Evidence: the bank statement is not needed when the worker had been in Oman less than this. */
  bankStatementExemptMonths: 1,
  maxUploadBytes: 5 * 1024 * 1024,
} as const;

/** Default of REPORT_DRAFT_EXPIRY_DAYS. */
export const DEFAULT_REPORT_DRAFT_EXPIRY_DAYS = 30;

/**
 * Issue 10 §4: a draft or unpaid report left this many days after its last change expires (daily job).
 * `REPORT_DRAFT_EXPIRY_DAYS` (a whole number of days, at least 1) changes it; anything else falls back to the
 * default rather than expiring reports by mistake.
 */
export function reportDraftExpiryDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.REPORT_DRAFT_EXPIRY_DAYS?.trim();
  if (!raw || !/^\d{1,4}$/.test(raw) || Number(raw) < 1) return DEFAULT_REPORT_DRAFT_EXPIRY_DAYS;
  return Number(raw);
}
