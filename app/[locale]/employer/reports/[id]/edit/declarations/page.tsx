import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { StepCaption } from "@/components/filing/caption";
import { DeclarationsForm } from "@/components/filing/declarations-form";
import { checkDeclarations, DECLARATION_KEYS, type DeclarationKey } from "@/lib/reports/rules";
import { loadDraft, type StepProps } from "../load-draft";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("filing.declarations");
  return { title: t("title") };
}

export default async function DeclarationsPage({ params, searchParams }: StepProps) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const d = await loadDraft(locale, id, "declarations", (await searchParams).return);
  const t = await getTranslations("filing");
  const initial = Object.fromEntries(DECLARATION_KEYS.map((k) => [k, d.report[k]])) as Record<
    DeclarationKey,
    boolean | null
  >;
  return (
    <>
      <StepCaption backHref={d.backHref} backText={t("back")} caption={d.caption} discard={d.discard} />
      <DeclarationsForm
        reportId={id}
        returnTo={d.returnTo}
        initial={initial}
        savedReasons={checkDeclarations(initial).reasons}
      />
      <p className="mt-8 max-w-2xl text-sm text-muted">{t("savedNote")}</p>
    </>
  );
}
