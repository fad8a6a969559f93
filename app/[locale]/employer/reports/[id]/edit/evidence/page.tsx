import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { StepCaption } from "@/components/filing/caption";
import { EvidenceForm, type EvidenceSlot } from "@/components/filing/evidence-form";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";
import { EMPLOYER_EVIDENCE_KINDS, requiredEvidence } from "@/lib/reports/review";
import { absenceStart } from "@/lib/reports/rules";
import { loadDraft, type StepProps } from "../load-draft";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("filing.evidence");
  return { title: t("title") };
}

function formatSize(bytes: number, locale: Locale): string {
  const mb = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(locale === "ar" ? "ar-OM-u-nu-arab" : "en-OM", {
    style: "unit",
    unit: mb ? "megabyte" : "kilobyte",
    maximumFractionDigits: 1,
  }).format(mb ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024)));
}

export default async function EvidencePage({ params, searchParams }: StepProps) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const d = await loadDraft(locale, id, "evidence", (await searchParams).return);
  const t = await getTranslations("filing");
  const required = requiredEvidence(d.worker.enteredOmanOn, d.report.lastDayAtWork);
  const slots: EvidenceSlot[] = EMPLOYER_EVIDENCE_KINDS.map((kind) => {
    const file = d.evidence.find((e) => e.kind === kind);
    return {
      kind,
      file: file
        ? {
            id: file.id,
            name: file.originalName,
            size: formatSize(file.sizeBytes, locale),
            href: `/api/evidence/${file.id}`,
          }
        : null,
      notNeeded:
        !required.includes(kind) && d.report.lastDayAtWork
          ? t("evidence.exempt", {
              entered: formatDate(d.worker.enteredOmanOn, locale),
              absence: formatDate(absenceStart(d.report.lastDayAtWork), locale),
            })
          : null,
      hint: t(`evidence.kinds.${kind}.hint`, { licence: d.establishment.municipalityLicenceNumber }),
    };
  });
  return (
    <>
      <StepCaption backHref={d.backHref} backText={t("back")} caption={d.caption} discard={d.discard} />
      <EvidenceForm reportId={id} returnTo={d.returnTo} slots={slots} />
      <p className="mt-8 max-w-2xl text-sm text-muted">{t("savedNote")}</p>
    </>
  );
}
