import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { StepCaption } from "@/components/filing/caption";
import { RefusalPanel } from "@/components/filing/refusal-panel";
import { WorkerCard } from "@/components/filing/worker-card";
import { StartReportForm } from "@/components/filing/worker-forms";
import { Notice } from "@/components/ui/notice";
import { requireEmployerPage } from "@/lib/auth/guards";
import { formatDate } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { lookupWorkerForFiling } from "@/lib/reports/filing-queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("filing.confirm");
  return { title: t("title") };
}

/** Step 1, confirmation: the registry's record of the chosen worker, or why this worker cannot be reported. */
export default async function ConfirmWorkerPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ worker?: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  const t = await getTranslations("filing");
  const workerId = String((await searchParams).worker ?? "");
  const found = await lookupWorkerForFiling(actor, { workerId });
  const other = (
    <p className="mt-6">
      <Link href="/employer/reports/new" className="text-brand-800 underline">
        {t("confirm.other")}
      </Link>
    </p>
  );
  return (
    <>
      <StepCaption backHref="/employer/reports/new" backText={t("back")} />
      <PageTitle>{t("confirm.title")}</PageTitle>
      {found.refusal ? (
        <RefusalPanel refusal={found.refusal} locale={locale} title={t("confirm.refusedTitle")} />
      ) : null}
      {found.worker ? <WorkerCard worker={found.worker} locale={locale} /> : null}
      {!found.refusal && found.worker ? (
        found.draft ? (
          <>
            <Notice>
              {t("confirm.draftExists", {
                date: formatDate(found.draft.createdAt, locale),
                reference: found.draft.reference,
              })}
            </Notice>
            <StartReportForm workerId={found.worker.id} label={t("confirm.resume")} />
          </>
        ) : (
          <StartReportForm workerId={found.worker.id} label={t("confirm.start")} />
        )
      ) : null}
      {other}
    </>
  );
}
