import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { DiscardForm } from "@/components/reports/discard-form";
import { StatusTag } from "@/components/reports/status-tag";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { requireEmployerPage } from "@/lib/auth/guards";
import { formatNumber } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { getReportDetailForPage } from "@/lib/reports/queries";
import { reportDraftExpiryDays } from "@/lib/reports/settings";

type Params = Promise<{ locale: Locale; id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, id } = await params;
  const actor = await requireEmployerPage(locale);
  const detail = await getReportDetailForPage(actor, id);
  const t = await getTranslations("tracking.discard");
  return { title: t("pageTitle", { reference: detail?.report.reference ?? "" }) };
}

/**
 * Issue 10 §4: the confirmation step before a draft or unpaid report is discarded. Whether it may be is the
 * report table's own rule (the same one the use case enforces), so the page never offers what would be refused.
 */
export default async function DiscardReportPage({ params }: { params: Params }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  const detail = await getReportDetailForPage(actor, id);
  if (!detail) notFound();
  const t = await getTranslations("tracking.discard");
  const { report, worker } = detail;
  const blocker = detail.discardBlocker;
  return (
    <>
      <p className="mb-4">
        <Link href={`/employer/reports/${report.id}`} className="text-brand-800 underline">
          <span aria-hidden="true">{locale === "ar" ? "→ " : "← "}</span>
          {t("keep")}
        </Link>
      </p>
      <PageTitle lead={t("lead")}>
        {t.rich("heading", {
          reference: report.reference,
          x: (chunks) => (
            <bdi dir="ltr" className="whitespace-nowrap">
              {chunks}
            </bdi>
          ),
        })}
      </PageTitle>
      <p className="mb-6 flex flex-wrap items-center gap-3">
        <span>{t("worker", { worker: locale === "ar" ? worker.nameAr : worker.nameEn })}</span>
        <StatusTag status={report.status} />
      </p>
      {blocker ? (
        <Notice tone="warning">
          {t("notAllowed", {
            reason: t(`reasons.${blocker === "payment_started" ? "payment_started" : "not_allowed_now"}`),
          })}
        </Notice>
      ) : (
        <>
          <ul className="mb-8 max-w-2xl list-disc space-y-2 ps-6">
            <li>{t("what1")}</li>
            <li>{t("what2")}</li>
            <li>{t("what3", { days: formatNumber(reportDraftExpiryDays(), locale) })}</li>
          </ul>
          <DiscardForm reportId={report.id} />
        </>
      )}
    </>
  );
}
