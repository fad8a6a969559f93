import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { MarkUtilisedForm } from "@/components/admin-finance/mark-utilised-form";
import { depositStatusTone } from "@/components/admin-finance/tones";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { getDepositForFinance } from "@/lib/admin/refunds/deposit";
import { requireStaffPage } from "@/lib/auth/guards";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formatDateTime, formatOmr } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminFinance.request");
  return { title: t("depositTitle") };
}

/** Finance records that a deposit bought the worker's ticket (from a report's case page or a refund request). */
export default async function DepositPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale; depositId: string }>;
  searchParams: Promise<{ notice?: string }>;
}) {
  const { locale, depositId } = await params;
  const { notice } = await searchParams;
  setRequestLocale(locale);
  const actor = await requireStaffPage(locale, ["finance"]);
  const { ip } = await currentRequestInfo();
  const found = await getDepositForFinance(actor, depositId, { ip });
  if (!found) notFound();
  const { deposit, reference, reportId } = found;
  const t = await getTranslations("adminFinance");
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/refunds" className="text-brand-800 underline">
          {t("backToRefunds")}
        </Link>
      </p>
      {notice === "utilised" ? <Notice tone="success">{t("request.notices.utilised")}</Notice> : null}
      <PageTitle lead={t("deposit.lead")}>{t("deposit.title", { reference })}</PageTitle>
      <p className="mb-6">
        <Link
          href={`/admin/reports/${reportId}`}
          className="text-brand-800 underline"
          data-testid="case-link"
        >
          {t("deposit.caseLink", { reference })}
        </Link>
      </p>
      <SummaryList
        rows={[
          {
            key: "status",
            label: t("request.depositStatus"),
            value: (
              <span data-testid="deposit-status">
                <Tag tone={depositStatusTone[deposit.status]}>{t(`depositStatus.${deposit.status}`)}</Tag>
              </span>
            ),
          },
          { key: "amount", label: t("request.depositAmount"), value: formatOmr(deposit.amountBaisa, locale) },
          ...(deposit.paidAt
            ? [{ key: "paidAt", label: t("request.paidAt"), value: formatDateTime(deposit.paidAt, locale) }]
            : []),
          ...(deposit.ticketReference
            ? [
                {
                  key: "ticket",
                  label: t("request.ticket"),
                  value: <bdi dir="ltr">{deposit.ticketReference}</bdi>,
                },
              ]
            : []),
        ]}
      />
      {deposit.status === "paid" ? <MarkUtilisedForm depositId={deposit.id} /> : null}
    </>
  );
}
