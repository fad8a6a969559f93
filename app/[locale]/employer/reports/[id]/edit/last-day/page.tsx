import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { StepCaption } from "@/components/filing/caption";
import { LastDayForm } from "@/components/filing/absence-forms";
import { loadDraft, type StepProps } from "../load-draft";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("filing.lastDay");
  return { title: t("title") };
}

export default async function LastDayPage({ params, searchParams }: StepProps) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const d = await loadDraft(locale, id, "last-day", (await searchParams).return);
  const t = await getTranslations("filing");
  return (
    <>
      <StepCaption backHref={d.backHref} backText={t("back")} caption={d.caption} discard={d.discard} />
      <LastDayForm reportId={id} returnTo={d.returnTo} initial={d.report.lastDayAtWork} />
      <p className="mt-8 max-w-2xl text-sm text-muted">{t("savedNote")}</p>
    </>
  );
}
