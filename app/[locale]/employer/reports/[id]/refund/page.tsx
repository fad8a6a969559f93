import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { RefundExplanation } from "@/components/reports/refund-explanation";
import { RefundForm } from "@/components/reports/refund-form";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { SummaryList } from "@/components/ui/summary-list";
import { requireEmployerPage } from "@/lib/auth/guards";
import { formatDate, formatOmr } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { getReportDetailForPage } from "@/lib/reports/queries";
import { RULES } from "@/lib/reports/settings";

type Params = Promise<{ locale: Locale; id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tracking.refund");
  return { title: t("pageTitle") };
}

export default async function RefundRequestPage({ params }: { params: Params }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  const detail = await getReportDetailForPage(actor, id);
  if (!detail) notFound();
  const t = await getTranslations("tracking.refund");
  const tg = await getTranslations("tracking.refund.grounds");
  const { report, worker, refund } = detail;
  const groundText = (g: (typeof refund.grounds)[number]) =>
    g === "legal_period_ended"
      ? tg("legal_period_ended", {
          years: RULES.legalPeriodYears,
          date: refund.legalPeriodEnds ? formatDate(refund.legalPeriodEnds, locale) : "",
          until: refund.refundClaimUntil ? formatDate(refund.refundClaimUntil, locale) : "",
        })
      : tg(g);
  return (
    <>
      <p className="mb-4">
        <Link href={`/employer/reports/${report.id}`} className="text-brand-800 underline">
          <span aria-hidden="true">{locale === "ar" ? "→ " : "← "}</span>
          {t("cancel")}
        </Link>
      </p>
      <PageTitle
        lead={t("pageLead", {
          reference: report.reference,
          worker: locale === "ar" ? worker.nameAr : worker.nameEn,
        })}
      >
        {t("pageTitle")}
      </PageTitle>
      {refund.offered ? (
        <>
          <SummaryList
            rows={[
              {
                key: "amount",
                label: t("amount"),
                value: <span className="text-lg font-bold">{formatOmr(refund.amountBaisa, locale)}</span>,
              },
            ]}
          />
          {refund.grounds.length === 1 ? (
            <div className="mb-6">
              <RefundExplanation refund={refund} reportStatus={report.status} />
            </div>
          ) : null}
          <RefundForm
            reportId={report.id}
            grounds={refund.grounds.map((g) => ({ ground: g, text: groundText(g) }))}
          />
        </>
      ) : (
        <>
          <Notice tone="warning">{t("notOffered")}</Notice>
          <RefundExplanation refund={refund} reportStatus={report.status} />
        </>
      )}
    </>
  );
}
