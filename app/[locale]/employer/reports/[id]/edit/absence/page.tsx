import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { StepCaption } from "@/components/filing/caption";
import { AbsenceForm } from "@/components/filing/absence-forms";
import { listGovernoratesWithState } from "@/lib/governorates/state";
import { loadDraft, type StepProps } from "../load-draft";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("filing.absence");
  return { title: t("title") };
}

/** Screen 2: the absence: the last day at work, where the worker worked, and what was done to reach them. */
export default async function AbsencePage({ params, searchParams }: StepProps) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const d = await loadDraft(locale, id, "absence", (await searchParams).return);
  const t = await getTranslations("filing");
  const governorates = (await listGovernoratesWithState()).map((g) => ({
    value: g.code,
    label: locale === "ar" ? g.nameAr : g.nameEn,
  }));
  return (
    <>
      <StepCaption backHref={d.backHref} backText={t("back")} caption={d.caption} discard={d.discard} />
      <AbsenceForm
        reportId={id}
        returnTo={d.returnTo}
        governorates={governorates}
        initial={{
          lastDayAtWork: d.report.lastDayAtWork,
          // Until answered, the establishment's own governorate and address are offered.
          workGovernorateCode: d.report.workGovernorateCode ?? d.establishment.governorateCode,
          workAddress: d.report.workAddress ?? d.establishment.address,
          contactAttempts: d.report.contactAttempts ?? "",
        }}
      />
      <p className="mt-8 max-w-2xl text-sm text-muted">{t("savedNote")}</p>
    </>
  );
}
