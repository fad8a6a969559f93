import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { Notice } from "@/components/ui/notice";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { resumeHref } from "@/components/reports/report-list";
import { RefundExplanation } from "@/components/reports/refund-explanation";
import { ReportTimeline } from "@/components/reports/report-timeline";
import { StatusTag } from "@/components/reports/status-tag";
import { requireEmployerPage } from "@/lib/auth/guards";
import { formatDate, formatDateTime, formatNumber, formatOmr } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { getReportDetailForPage, type ReportDetail } from "@/lib/reports/queries";
import { withdrawCancellationAction } from "@/lib/reports/tracking-actions";

type Params = Promise<{ locale: Locale; id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, id } = await params;
  const actor = await requireEmployerPage(locale);
  const detail = await getReportDetailForPage(actor, id);
  const t = await getTranslations("tracking.report");
  return { title: detail ? t("title", { reference: detail.report.reference }) : t("back") };
}

const NOTICES = [
  "cancellation_requested",
  "cancellation_withdrawn",
  "refund_requested",
  "cancellation_not_open",
  "not_found",
  "report_discarded",
] as const;
type NoticeCode = (typeof NOTICES)[number];
const isNotice = (v: string | undefined): v is NoticeCode => (NOTICES as readonly string[]).includes(v ?? "");

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-10">
      <h2 id={id} className="mb-3 text-xl font-bold sm:text-2xl">
        {title}
      </h2>
      {children}
    </section>
  );
}

function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<{ notice?: string }>;
}) {
  const { locale, id } = await params;
  const { notice } = await searchParams;
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  const detail = await getReportDetailForPage(actor, id);
  // Another establishment's report is "not found", exactly like one that does not exist.
  if (!detail) notFound();
  const t = await getTranslations("tracking.report");
  const tm = await getTranslations("tracking.statusMeaning");
  const tn = await getTranslations("tracking.notices");
  const tp = await getTranslations("tracking.permitStatus");
  const tc = await getTranslations("tracking.cancel.reasons");
  const tg = await getTranslations("tracking.refund.groundNames");
  const { report, worker } = detail;
  const yesNo = (v: boolean | null) => (v === null ? t("notAnswered") : v ? t("answerYes") : t("answerNo"));
  const date = (v: string | Date | null) => (v ? formatDate(v, locale) : t("notGiven"));
  const inForce = report.status === "approved" || report.status === "closed";
  const noticeTone = notice === "cancellation_not_open" || notice === "not_found" ? "warning" : "success";
  // The sentence under the status is the employer's story of the case (lib/cases/what-now.ts).
  const { story } = detail.now;
  const meaning =
    story === "approved"
      ? report.grievanceDeadline
        ? tm("approved", { date: formatDate(report.grievanceDeadline, locale) })
        : tm("approvedNoDate")
      : story === "submitted_grievance" || story === "approved_grievance"
        ? tm(story, { date: formatDate(detail.now.grievance!.filedAt, locale) })
        : tm(story);

  return (
    <>
      <p className="mb-4">
        <Link href="/employer" className="text-brand-800 underline">
          <span aria-hidden="true">{locale === "ar" ? "→ " : "← "}</span>
          {t("back")}
        </Link>
      </p>
      {isNotice(notice) ? <Notice tone={noticeTone}>{tn(notice)}</Notice> : null}

      <div className="mb-6">
        <h1 className="text-2xl font-bold sm:text-3xl">
          {t.rich("heading", {
            reference: report.reference,
            ref: (chunks) => (
              <span dir="ltr" className="font-mono">
                {chunks}
              </span>
            ),
          })}
        </h1>
        <p className="mt-3 flex flex-wrap items-center gap-3 text-lg">
          <StatusTag status={report.status} />
          <span className="text-muted" data-testid="employer-story">
            {meaning}
          </span>
        </p>
      </div>

      <section
        aria-labelledby="actions-title"
        className="mb-10 border-s-8 border-brand-600 bg-brand-50 p-4"
        data-testid="report-actions"
      >
        <h2 id="actions-title" className="mb-3 text-xl font-bold">
          {t("actionsTitle")}
        </h2>
        <Actions detail={detail} locale={locale} />
      </section>

      <Section id="worker-title" title={t("workerTitle")}>
        <SummaryList
          rows={[
            {
              key: "name",
              label: t("workerName"),
              value: (
                <>
                  <span className="block">
                    <bdi lang="ar">{worker.nameAr}</bdi>
                  </span>
                  <span className="block">
                    <bdi lang="en">{worker.nameEn}</bdi>
                  </span>
                </>
              ),
            },
            { key: "civil", label: t("civilId"), value: <span dir="ltr">{worker.civilId}</span> },
            { key: "nationality", label: t("nationality"), value: countryName(worker.nationality, locale) },
            { key: "passport", label: t("passport"), value: <span dir="ltr">{worker.passportNumber}</span> },
            { key: "permit", label: t("permit"), value: <span dir="ltr">{worker.permitNumber}</span> },
            { key: "permitStatus", label: t("permitStatus"), value: tp(worker.permitStatus) },
            { key: "occupation", label: t("occupation"), value: <span dir="auto">{worker.occupation}</span> },
          ]}
        />
      </Section>

      <Section id="absence-title" title={t("absenceTitle")}>
        <SummaryList
          rows={[
            { key: "lastDay", label: t("lastDay"), value: date(report.lastDayAtWork) },
            {
              key: "place",
              label: t("workPlace"),
              value: report.workAddress ? (
                <>
                  {detail.governorate ? (
                    <span className="block">
                      {locale === "ar" ? detail.governorate.nameAr : detail.governorate.nameEn}
                    </span>
                  ) : null}
                  <span className="block">
                    <bdi>{report.workAddress}</bdi>
                  </span>
                </>
              ) : (
                t("notGiven")
              ),
            },
            {
              key: "contact",
              label: t("contactAttempts"),
              value: report.contactAttempts ? (
                <span dir="auto" className="whitespace-pre-line">
                  {report.contactAttempts}
                </span>
              ) : (
                t("notGiven")
              ),
            },
          ]}
        />
      </Section>

      <Section id="declarations-title" title={t("declarationsTitle")}>
        <SummaryList
          rows={(
            [
              "declDisputeBeforeAbsence",
              "declWorkerLeftCountryKnown",
              "declOnLegalLeave",
              "declResignationAccepted",
            ] as const
          ).map((k) => ({
            key: k,
            label: t(`declarations.${k}`),
            value: yesNo(report[k]),
          }))}
        />
      </Section>

      <Section id="filing-title" title={t("filingTitle")}>
        <SummaryList
          rows={[
            { key: "by", label: t("createdBy"), value: detail.createdByName ?? t("notGiven") },
            { key: "created", label: t("createdAt"), value: formatDateTime(report.createdAt, locale) },
            ...(report.submittedAt
              ? [
                  {
                    key: "submitted",
                    label: t("submittedAt"),
                    value: formatDateTime(report.submittedAt, locale),
                  },
                ]
              : []),
            ...(report.approvedAt
              ? [{ key: "approved", label: t("approvedAt"), value: formatDate(report.approvedAt, locale) }]
              : []),
            // The dates an approval sets matter only while the report stands (approved) or after it ran its course.
            ...(report.grievanceDeadline && inForce
              ? [
                  {
                    key: "grievance",
                    label: t("grievanceDeadline"),
                    value: formatDate(report.grievanceDeadline, locale),
                  },
                ]
              : []),
            ...(report.legalPeriodEnds && inForce
              ? [
                  {
                    key: "legal",
                    label: t("legalPeriodEnds"),
                    value: formatDate(report.legalPeriodEnds, locale),
                  },
                ]
              : []),
          ]}
        />
      </Section>

      <Section id="evidence-title" title={t("evidenceTitle")}>
        {detail.evidence.length === 0 ? (
          <p>{t("evidenceEmpty")}</p>
        ) : (
          <ul className="space-y-3">
            {detail.evidence.map((f) => (
              <li key={f.id}>
                <span className="block font-semibold">{t(`evidenceKind.${f.kind}`)}</span>
                {/* The download route checks again that the reader may see this report. */}
                <a
                  href={`/api/evidence/${f.id}`}
                  className="text-brand-800 underline"
                  aria-label={t("download", { name: f.originalName })}
                >
                  <span dir="auto">
                    {t("evidenceFile", {
                      name: f.originalName,
                      size: formatNumber(Math.max(1, Math.round(f.sizeBytes / 1024)), locale),
                      date: formatDate(f.createdAt, locale, "medium"),
                    })}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="deposit-title" title={t("depositTitle")}>
        <Deposit detail={detail} locale={locale} />
      </Section>

      {detail.cancellations.length > 0 ? (
        <Section id="cancellations-title" title={t("cancellationsTitle")}>
          <ul className="space-y-4" data-testid="cancellation-requests">
            {detail.cancellations.map((c) => (
              <li key={c.id} className="border-s-4 border-gray-400 ps-4">
                <p className="flex flex-wrap items-center gap-2">
                  <Tag
                    tone={
                      c.status === "accepted"
                        ? "green"
                        : c.status === "rejected"
                          ? "red"
                          : c.status === "withdrawn" || c.status === "closed"
                            ? "grey"
                            : "yellow"
                    }
                  >
                    {t(`requestStatus.${c.status}`)}
                  </Tag>
                  <span className="text-sm text-muted">
                    {t("requestedOn", { date: formatDateTime(c.createdAt, locale) })}
                  </span>
                </p>
                <p className="mt-1">
                  <span className="font-semibold">{t("reasonLabel")}:</span> {tc(c.reason)}
                </p>
                <p className="whitespace-pre-line">
                  <span className="font-semibold">{t("explanationLabel")}:</span> <bdi>{c.explanation}</bdi>
                </p>
                {c.decidedAt ? (
                  <p className="text-sm text-muted">
                    {c.status === "withdrawn"
                      ? t("withdrawnOn", { date: formatDateTime(c.decidedAt, locale) })
                      : t("decidedOn", { date: formatDateTime(c.decidedAt, locale) })}
                  </p>
                ) : null}
                {c.decisionNote ? (
                  <p>
                    <span className="font-semibold">{t("ministryNote")}:</span> <bdi>{c.decisionNote}</bdi>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="refund-title" title={t("refundTitle")}>
        <RefundExplanation refund={detail.refund} reportStatus={report.status} />
        {detail.refunds.length > 0 ? (
          <>
            <h3 className="mb-2 mt-4 text-lg font-bold">{t("refundsTitle")}</h3>
            <ul className="space-y-3">
              {detail.refunds.map((r) => (
                <li key={r.id} className="border-s-4 border-gray-400 ps-4">
                  <p className="flex flex-wrap items-center gap-2">
                    <Tag
                      tone={
                        r.status === "refunded"
                          ? "green"
                          : r.status === "rejected" || r.status === "failed"
                            ? "red"
                            : "yellow"
                      }
                    >
                      {t(`refundStatus.${r.status}`)}
                    </Tag>
                    <span className="text-sm text-muted">
                      {t("requestedOn", { date: formatDateTime(r.createdAt, locale) })}
                    </span>
                  </p>
                  <p>
                    <span className="font-semibold">{t("groundLabel")}:</span> {tg(r.ground)} ·{" "}
                    <span className="font-semibold">{t("amountLabel")}:</span>{" "}
                    {formatOmr(r.amountBaisa, locale)}
                  </p>
                  {r.decisionReasonCode === "report_reopened" ? <p>{t("refundClosedReopened")}</p> : null}
                  {r.decisionNote ? (
                    <p>
                      <span className="font-semibold">{t("ministryNote")}:</span> <bdi>{r.decisionNote}</bdi>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      {detail.grievance ? (
        <Section id="grievance-title" title={t("grievanceTitle")}>
          <p>{t("grievanceFiled", { date: formatDate(detail.grievance.filedAt, locale) })}</p>
          <p className="mt-2">
            <Tag
              tone={
                detail.grievance.status === "accepted"
                  ? "green"
                  : detail.grievance.status === "rejected"
                    ? "red"
                    : detail.grievance.status === "closed" || detail.grievance.status === "withdrawn"
                      ? "grey"
                      : "yellow"
              }
            >
              {t(`grievanceStatus.${detail.grievance.status}`)}
            </Tag>
          </p>
        </Section>
      ) : null}

      <Section id="timeline-title" title={t("timelineTitle")}>
        <p className="mb-4 text-muted">{t("timelineLead")}</p>
        <ReportTimeline entries={detail.timeline} />
      </Section>
    </>
  );
}

async function Actions({ detail, locale }: { detail: ReportDetail; locale: Locale }) {
  const t = await getTranslations("tracking.report");
  const { report, now } = detail;
  const any =
    now.resume !== null ||
    now.requestCancellation.ok ||
    now.withdrawCancellation !== null ||
    now.requestRefund ||
    now.discard;
  if (!any) return <p>{t("noActions")}</p>;
  const button = "inline-block px-5 py-2.5 font-semibold no-underline";
  return (
    <div className="flex flex-col items-start gap-4">
      {now.resume ? (
        <Link
          href={resumeHref(report.id, report.status)}
          className={`${button} bg-brand-600 text-white shadow-[0_2px_0_#032a1e]`}
        >
          {now.resume === "continue" ? t("continue") : t("pay")}
        </Link>
      ) : null}
      {now.discard ? (
        <Link href={`/employer/reports/${report.id}/discard`} className="text-brand-800 underline">
          {t("discard")}
        </Link>
      ) : null}
      {now.requestRefund ? (
        <Link
          href={`/employer/reports/${report.id}/refund`}
          className={`${button} bg-brand-600 text-white shadow-[0_2px_0_#032a1e]`}
        >
          {t("requestRefund")}
        </Link>
      ) : null}
      {now.requestCancellation.ok ? (
        <Link
          href={`/employer/reports/${report.id}/cancel`}
          className={`${button} bg-gray-200 text-ink shadow-[0_2px_0_#929191]`}
        >
          {t("requestCancellation")}
        </Link>
      ) : null}
      {now.withdrawCancellation ? (
        <form action={withdrawCancellationAction}>
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="reportId" value={report.id} />
          <input type="hidden" name="requestId" value={now.withdrawCancellation.id} />
          <p className="mb-2">
            {t("withdrawHint", { date: formatDate(now.withdrawCancellation.createdAt, locale) })}
          </p>
          <button type="submit" className={`${button} bg-gray-200 text-ink shadow-[0_2px_0_#929191]`}>
            {t("withdrawCancellation")}
          </button>
        </form>
      ) : null}
    </div>
  );
}

async function Deposit({ detail, locale }: { detail: ReportDetail; locale: Locale }) {
  const t = await getTranslations("tracking.report");
  const d = detail.deposit;
  const failed = detail.depositHistory.filter((x) => x.status === "failed" || x.status === "expired").length;
  if (!d) {
    return (
      <>
        <p>
          {detail.report.feeBaisa
            ? `${t("depositAmount")}: ${formatOmr(detail.report.feeBaisa, locale)}`
            : t("depositNone")}
        </p>
        {failed > 0 ? <p className="mt-2">{t("failedAttempts", { count: failed })}</p> : null}
      </>
    );
  }
  return (
    <>
      <SummaryList
        rows={[
          {
            key: "amount",
            label: t("depositAmount"),
            value: <span className="font-semibold">{formatOmr(d.amountBaisa, locale)}</span>,
          },
          { key: "status", label: t("depositStatusLabel"), value: t(`depositStatus.${d.status}`) },
          ...(d.paidAt ? [{ key: "paid", label: t("paidAt"), value: formatDateTime(d.paidAt, locale) }] : []),
          ...(d.utilisedAt
            ? [{ key: "utilised", label: t("utilisedAt"), value: formatDate(d.utilisedAt, locale) }]
            : []),
          ...(d.ticketReference
            ? [
                {
                  key: "ticket",
                  label: t("ticketReference"),
                  value: <span dir="ltr">{d.ticketReference}</span>,
                },
              ]
            : []),
          ...(d.refundedAt
            ? [{ key: "refunded", label: t("refundedAt"), value: formatDate(d.refundedAt, locale) }]
            : []),
          ...(d.refundedBaisa > 0
            ? [
                {
                  key: "refundedAmount",
                  label: t("refundedAmount"),
                  value: formatOmr(d.refundedBaisa, locale),
                },
              ]
            : []),
        ]}
      />
      {failed > 0 ? <p>{t("failedAttempts", { count: failed })}</p> : null}
    </>
  );
}
