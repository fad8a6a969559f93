/**
 * The pages of the filing journey after the worker is chosen, in order; each is
 * `/employer/reports/<id>/edit/<step>`. The whole journey is seven screens (issue 12):
 *   1. /employer/reports/new         find the worker and confirm them (the record is shown on the same page)
 *   2. edit/absence                  the last day at work, the workplace and the contact attempts
 *   3. edit/evidence                 the documents
 *   4. edit/check                    check your answers; the Article 2 declarations are the statement made
 *                                    when sending, at the foot of this page
 *   5. pay                           the ticket deposit
 *   6. the payment page              the local test gateway, or Stripe Checkout
 *   7. confirmation                  the reference number and the receipt
 */
export const FILING_STEPS = ["absence", "evidence", "check"] as const;
export type FilingStep = (typeof FILING_STEPS)[number];

/**
 * Pages of the eleven-screen journey that no longer exist, and where their questions are now (bookmarks and
 * e-mails keep working): the page, and the field to land on. next.config.ts redirects each one (permanently);
 * this file has no imports so that the config can read it.
 */
export const FORMER_STEPS = {
  "last-day": { step: "absence", anchor: "lastDay" },
  workplace: { step: "absence", anchor: "workGovernorateCode" },
  contact: { step: "absence", anchor: "contactAttempts" },
  declarations: { step: "check", anchor: "declarations" },
} as const satisfies Record<string, { step: FilingStep; anchor: string }>;
export type FormerStep = keyof typeof FORMER_STEPS;

/** Where "Save and continue" goes: the next page, or back to "check your answers" when the person came from there. */
export function nextStep(step: FilingStep, returnTo: string | null | undefined): FilingStep {
  if (returnTo === "check") return "check";
  const i = FILING_STEPS.indexOf(step);
  return FILING_STEPS[Math.min(i + 1, FILING_STEPS.length - 1)]!;
}

export function previousStep(step: FilingStep): FilingStep | null {
  const i = FILING_STEPS.indexOf(step);
  return i > 0 ? FILING_STEPS[i - 1]! : null;
}

/** The page's path without the locale (for next-intl's Link); `anchor` lands on one field of the page. */
export function stepPath(reportId: string, step: FilingStep, returnTo?: "check", anchor?: string): string {
  return `/employer/reports/${reportId}/edit/${step}${returnTo ? `?return=${returnTo}` : ""}${anchor ? `#${anchor}` : ""}`;
}

/** The page's full path (for redirects). */
export function stepHref(
  locale: string,
  reportId: string,
  step: FilingStep,
  returnTo?: "check",
  anchor?: string,
): string {
  return `/${locale}${stepPath(reportId, step, returnTo, anchor)}`;
}
