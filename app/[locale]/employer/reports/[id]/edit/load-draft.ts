import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { requireEmployerPage } from "@/lib/auth/guards";
import type { Locale } from "@/lib/i18n/routing";
import { getFilingReport } from "@/lib/reports/filing-queries";
import { previousStep, stepPath, type FilingStep } from "@/lib/reports/steps";

/**
 * For every page of the journey: the signed-in employer's report (another establishment's is a 404), still
 * being filed (a sent report goes to its own page), with the caption and back link the page shows.
 */
export const loadDraft = cache(
  async (locale: Locale, id: string, step: FilingStep, returnTo: string | undefined) => {
    const actor = await requireEmployerPage(locale);
    const data = await getFilingReport(actor, id);
    if (!data) notFound();
    if (data.report.status !== "draft" && data.report.status !== "awaiting_payment")
      redirect(`/${locale}/employer/reports/${id}`);
    const t = await getTranslations("filing");
    const worker = locale === "ar" ? data.worker.nameAr : data.worker.nameEn;
    const back = returnTo === "check" ? "check" : previousStep(step);
    return {
      actor,
      ...data,
      returnTo: returnTo === "check" ? "check" : null,
      caption: t("caption", { reference: data.report.reference, worker }),
      // Before the first step: the worker, as confirmed on the first screen.
      backHref: back ? stepPath(id, back) : `/employer/reports/new?worker=${data.report.workerId}`,
      discard: { href: `/employer/reports/${id}/discard`, text: t("discardLink") },
    };
  },
);

export type StepProps = {
  params: Promise<{ locale: Locale; id: string }>;
  searchParams: Promise<{ return?: string }>;
};
