import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { RefundDecisionForm } from "@/components/admin-finance/refund-decision-form";
import { RefundRetryForm } from "@/components/admin-finance/refund-retry-form";
import { depositStatusTone, refundStatusTone } from "@/components/admin-finance/tones";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { getRefundRequest } from "@/lib/admin/refunds/queue";
import { requireStaffPage } from "@/lib/auth/guards";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formatDateTime, formatOmr } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

type Props = { params: Promise<{ locale: Locale; id: string }>; searchParams: Promise<{ notice?: string }> };

const NOTICES = [
  "rejected",
  "approved_refunded",
  "approved_failed",
  "approved_pending",
  "approved_provider_error",
] as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminFinance.refunds");
  return { title: t("title") };
}

/** One refund request: the report, the deposit, the ground, the history, and finance's decision. */
export default async function RefundRequestPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  const { notice: noticeParam } = await searchParams;
  const notice = NOTICES.find((n) => n === noticeParam) ?? null;
  setRequestLocale(locale);
  const actor = await requireStaffPage(locale, ["finance"]);
  const { ip } = await currentRequestInfo();
  const detail = await getRefundRequest(actor, id, { ip });
  if (!detail) notFound();
  const t = await getTranslations("adminFinance");
  const tr = await getTranslations("tracking.status");
  const ta = (await getTranslations("adminFinance")) as unknown as ((k: string) => string) & {
    has: (k: string) => boolean;
  };
  const { request, report, deposit, establishment, worker, history } = detail;
  const amount = formatOmr(request.amountBaisa, locale);
  const reason =
    request.decisionReasonCode && ta.has(`reasons.${request.decisionReasonCode}`)
      ? ta(`reasons.${request.decisionReasonCode}`)
      : request.decisionReasonCode;
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/refunds" className="text-brand-800 underline">
          {t("backToRefunds")}
        </Link>
      </p>
      {notice ? (
        <div data-testid="decision-notice">
          <Notice tone={notice === "approved_refunded" || notice === "rejected" ? "success" : "warning"}>
            {t(`request.notices.${notice}`)}
          </Notice>
        </div>
      ) : null}
      <PageTitle>{t("request.title", { reference: report.reference })}</PageTitle>
      <p className="mb-6">
        <span className="font-semibold">{t("request.status")}:</span>{" "}
        <span data-testid="refund-status">
          <Tag tone={refundStatusTone[request.status]}>{t(`status.${request.status}`)}</Tag>
        </span>
      </p>
      <SummaryList
        rows={[
          {
            key: "report",
            label: t("request.report"),
            value: (
              // Finance's route to the whole case (evidence, timeline, requests).
              <Link
                href={`/admin/reports/${report.id}`}
                className="text-brand-800 underline"
                data-testid="case-link"
              >
                <bdi dir="ltr">{report.reference}</bdi>
              </Link>
            ),
          },
          { key: "reportStatus", label: t("request.reportStatus"), value: tr(report.status) },
          {
            key: "establishment",
            label: t("request.establishment"),
            value: (
              <>
                {locale === "ar" ? establishment.nameAr : establishment.nameEn}{" "}
                <bdi dir="ltr" className="text-muted">
                  CR {establishment.crNumber}
                </bdi>
              </>
            ),
          },
          {
            key: "worker",
            label: t("request.worker"),
            value: locale === "ar" ? worker.nameAr : worker.nameEn,
          },
          { key: "ground", label: t("request.ground"), value: t(`ground.${request.ground}`) },
          { key: "amount", label: t("request.amount"), value: amount },
          { key: "asked", label: t("request.asked"), value: formatDateTime(request.createdAt, locale) },
          ...(request.decidedAt
            ? [
                {
                  key: "decision",
                  label: t("request.decision"),
                  value: (
                    <>
                      <span className="block">{reason}</span>
                      {request.decisionNote ? <span className="block">{request.decisionNote}</span> : null}
                      <span className="block text-sm text-muted">
                        {t("request.decidedOn", { date: formatDateTime(request.decidedAt, locale) })}
                      </span>
                    </>
                  ),
                },
              ]
            : []),
          ...(request.failureReason
            ? [
                {
                  key: "failure",
                  label: t("request.failure"),
                  value: <bdi dir="ltr">{request.failureReason}</bdi>,
                },
              ]
            : []),
        ]}
      />
      <h2 className="mb-3 text-xl font-bold">{t("request.depositTitle")}</h2>
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
          {
            key: "refunded",
            label: t("request.depositRefunded"),
            value: formatOmr(deposit.refundedBaisa, locale),
          },
          {
            key: "provider",
            label: t("request.provider"),
            value: t(`request.providers.${deposit.provider}`),
          },
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
          {
            key: "page",
            label: t("request.depositPage"),
            value: (
              <Link href={`/admin/refunds/deposit/${deposit.id}`} className="text-brand-800 underline">
                {t("request.depositPageLink")}
              </Link>
            ),
          },
        ]}
      />
      {deposit.status === "paid" && (request.status === "rejected" || request.status === "failed") ? (
        <p className="mb-8">
          <Link href={`/admin/refunds/deposit/${deposit.id}`} className="text-brand-800 underline">
            {t("request.utilisedLink")}
          </Link>
        </p>
      ) : null}
      {request.status === "submitted" ? (
        <section aria-labelledby="decide" className="mb-8 border-t-4 border-brand-600 pt-4">
          <h2 id="decide" className="mb-3 text-xl font-bold">
            {t("request.decideTitle")}
          </h2>
          <RefundDecisionForm refundRequestId={request.id} version={request.version} amount={amount} />
        </section>
      ) : null}
      {request.status === "approved" ? (
        <section aria-labelledby="retry" className="mb-8">
          <h2 id="retry" className="mb-2 text-xl font-bold">
            {t("request.retryTitle")}
          </h2>
          <Notice tone="warning">{t("request.retryLead")}</Notice>
          <RefundRetryForm refundRequestId={request.id} />
        </section>
      ) : null}
      <section aria-labelledby="history">
        <h2 id="history" className="mb-3 text-xl font-bold">
          {t("request.historyTitle")}
        </h2>
        {history.length === 0 ? (
          <p>{t("request.historyNone")}</p>
        ) : (
          <ol className="list-none border-s-4 border-gray-300 ps-4" data-testid="refund-history">
            {history.map((h) => (
              <li key={h.id} className="mb-3">
                <span className="block font-semibold">
                  {ta.has(`actions.${h.action.replace(".", "_")}`)
                    ? ta(`actions.${h.action.replace(".", "_")}`)
                    : h.action}
                </span>
                <span className="block text-sm text-muted">
                  {formatDateTime(h.at, locale)} —{" "}
                  {ta.has(`actor.${h.actorKind}`) ? ta(`actor.${h.actorKind}`) : h.actorKind}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
