import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { CancellationForm } from "@/components/reports/cancellation-form";
import { StatusTag } from "@/components/reports/status-tag";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { requireEmployerPage } from "@/lib/auth/guards";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { getReportDetailForPage } from "@/lib/reports/queries";

type Params = Promise<{ locale: Locale; id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, id } = await params;
  const actor = await requireEmployerPage(locale);
  const detail = await getReportDetailForPage(actor, id);
  const t = await getTranslations("tracking.cancel");
  return { title: t("pageTitle", { reference: detail?.report.reference ?? "" }) };
}

export default async function CancelReportPage({ params }: { params: Params }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  const detail = await getReportDetailForPage(actor, id);
  if (!detail) notFound();
  const t = await getTranslations("tracking.cancel");
  const { report, worker } = detail;
  const workerName = locale === "ar" ? worker.nameAr : worker.nameEn;
  return (
    <>
      <p className="mb-4">
        <Link href={`/employer/reports/${report.id}`} className="text-brand-800 underline">
          <span aria-hidden="true">{locale === "ar" ? "→ " : "← "}</span>
          {t("back")}
        </Link>
      </p>
      <PageTitle lead={t("pageLead")}>
        {t.rich("pageHeading", {
          reference: report.reference,
          x: (chunks) => (
            <bdi dir="ltr" className="whitespace-nowrap">
              {chunks}
            </bdi>
          ),
        })}
      </PageTitle>
      <p className="mb-6 flex flex-wrap items-center gap-3">
        <span>{t("worker", { worker: workerName })}</span>
        <StatusTag status={report.status} />
      </p>
      {detail.now.requestCancellation.ok ? (
        <CancellationForm reportId={report.id} />
      ) : (
        <Notice tone="warning">
          {detail.now.requestCancellation.why === "cancellation_already_open"
            ? t("alreadyOpen")
            : t("notAllowed")}
        </Notice>
      )}
    </>
  );
}
