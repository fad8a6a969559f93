/** The pages of the filing journey after the worker is chosen, in order; each is `/employer/reports/<id>/edit/<step>`. */
export const FILING_STEPS = [
  "last-day",
  "workplace",
  "contact",
  "declarations",
  "evidence",
  "check",
] as const;
export type FilingStep = (typeof FILING_STEPS)[number];

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

/** The page's path without the locale (for next-intl's Link). */
export function stepPath(reportId: string, step: FilingStep, returnTo?: "check"): string {
  return `/employer/reports/${reportId}/edit/${step}${returnTo ? `?return=${returnTo}` : ""}`;
}

/** The page's full path (for redirects). */
export function stepHref(locale: string, reportId: string, step: FilingStep, returnTo?: "check"): string {
  return `/${locale}${stepPath(reportId, step, returnTo)}`;
}
