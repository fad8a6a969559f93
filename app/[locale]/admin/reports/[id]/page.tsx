import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { DecisionForm } from "@/components/admin-decisions/decision-form";
import { ExitForm } from "@/components/admin-decisions/exit-form";
import { ReopenForm } from "@/components/admin-decisions/reopen-form";
import { ShareEvidenceForm } from "@/components/admin-decisions/share-evidence-form";
import { StartReviewForm } from "@/components/admin-decisions/start-review-form";
import { Tag } from "@/components/ui/tag";
import { StatusTag } from "@/components/reports/status-tag";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { SummaryList } from "@/components/ui/summary-list";
import { loadCase } from "@/lib/admin/case";
import { staffHasRole } from "@/lib/auth/actor";
import { requireStaffPage } from "@/lib/auth/guards";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formatDate, formatDateTime, formatNumber, formatOmr } from "@/lib/i18n/format";
import { exitsForCase } from "@/lib/exits/queries";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { muscatDate } from "@/lib/time";

type Params = { locale: Locale; id: string };
type Lookup = ((key: string) => string) & { has: (key: string) => boolean };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminDecisions.case");
  return { title: t("report") };
}

const DECIDED = [
  "report_approved",
  "report_rejected",
  "cancellation_accepted",
  "cancellation_rejected",
  "grievance_accepted",
  "grievance_rejected",
  "cancellation_review_started",
  "grievance_review_started",
  "shared_with_worker",
  "shared_with_employer",
  "report_reopened",
] as const;

/** The case: everything about one report, and the decisions waiting on it. Viewing it is audited. */
export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<{ decided?: string; exit?: string }>;
}) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireStaffPage(locale, ["reviewer", "finance"]);
  const { ip } = await currentRequestInfo();
  const file = await loadCase(actor, id, { ip });
  if (!file) notFound();
  const { decided, exit } = await searchParams;
  const exits = await exitsForCase(actor, id);
  const tx = await getTranslations("adminDecisions.exit");
  const t = await getTranslations("adminDecisions.case");
  const tr = (await getTranslations("adminDecisions.reasons")) as unknown as Lookup;
  const ts = (await getTranslations("tracking.status")) as unknown as Lookup;
  const tc = (await getTranslations("tracking.cancel.reasons")) as unknown as Lookup;
  const tg = (await getTranslations("tracking.refund.groundNames")) as unknown as Lookup;
  const tReasons = (await getTranslations("tracking.reasons")) as unknown as Lookup;
  const tf = await getTranslations("adminDecisions.form");
  const te = (await getTranslations("adminDecisions.errors")) as unknown as Lookup;
  const region = new Intl.DisplayNames([locale], { type: "region" });
  const canDecide = staffHasRole(actor, ["reviewer"]);
  const isFinance = staffHasRole(actor, ["finance"]);
  const { report, worker, establishment, now } = file;
  const reason = (code: string | null) =>
    code ? (tr.has(code) ? tr(code) : tReasons.has(code) ? tReasons(code) : code) : "";
  // Every option below comes from the lifecycle tables over this case (lib/cases/what-now.ts).
  const openRequests = now.requests.map((r) => ({
    ...r,
    cancellation: r.kind === "cancellation" ? file.cancellations.find((c) => c.id === r.id) : undefined,
    grievance: r.kind === "grievance" ? file.grievances.find((g) => g.id === r.id) : undefined,
  }));
  const fileLabel = (e: (typeof file.evidence)[number]) =>
    `${t(`evidenceKinds.${e.kind}`)}: ${e.originalName} (${kb(e.sizeBytes)})`;
  const decls = [
    report.declDisputeBeforeAbsence,
    report.declWorkerLeftCountryKnown,
    report.declOnLegalLeave,
    report.declResignationAccepted,
  ];
  const kb = (bytes: number) => `${formatNumber(Math.ceil(bytes / 1024), locale)} KB`;
  const date = (d: Date | string | null) =>
    d ? (typeof d === "string" ? formatDate(d, locale) : formatDateTime(d, locale)) : "—";

  return (
    <>
      <p className="mb-4">
        <Link
          href={
            report.status === "submitted"
              ? "/admin/queues/reports"
              : now.requests.some((r) => r.kind === "grievance")
                ? "/admin/queues/grievances"
                : "/admin/queues/cancellations"
          }
          className="text-brand-800 underline"
        >
          {t("back")}
        </Link>
      </p>
      <PageTitle lead={t("viewedNote")}>
        <bdi>{t("title", { reference: report.reference })}</bdi>
      </PageTitle>
      <p className="mb-6">
        <StatusTag status={report.status} />
      </p>
      {decided && (DECIDED as readonly string[]).includes(decided) ? (
        <Notice tone="success">
          <p data-testid="decided-notice">{t(`decided.${decided as (typeof DECIDED)[number]}`)}</p>
        </Notice>
      ) : null}

      {exit === "recorded" || exit === "closed" ? (
        <Notice tone="success">
          <p data-testid="exit-notice">{tx(`notices.${exit}`)}</p>
        </Notice>
      ) : null}

      <section aria-labelledby="decide" className="mb-10 border-t-4 border-brand-600 bg-brand-50 p-5">
        <h2 id="decide" className="mb-4 text-xl font-bold">
          {t("decideTitle")}
        </h2>
        {!now.pending ? (
          <p>{t("nothingToDecide")}</p>
        ) : !canDecide ? (
          <p>{t("readOnly")}</p>
        ) : (
          <div className="space-y-10">
            {now.decideReport ? (
              <div>
                <h3 className="mb-3 text-lg font-bold">{t("decideReport")}</h3>
                <DecisionForm
                  kind="report"
                  targetId={report.id}
                  reportId={report.id}
                  version={report.version}
                  legend={tf("legend.report")}
                />
              </div>
            ) : null}
            {openRequests.map((r) => {
              const date = formatDate(r.createdAt, locale);
              const reviewer = file.reviewers.get(r.id);
              return (
                <div key={r.id} data-testid={`request-${r.kind}`}>
                  {r.cancellation ? (
                    <>
                      <h3 className="mb-2 text-lg font-bold">{t("decideCancellation", { date })}</h3>
                      <p className="mb-1">
                        {t("cancellationReason", {
                          reason: tc.has(r.cancellation.reason)
                            ? tc(r.cancellation.reason)
                            : r.cancellation.reason,
                        })}
                      </p>
                      <p dir="auto" className="mb-4 whitespace-pre-line border-s-4 border-gray-300 ps-3">
                        {r.cancellation.explanation}
                      </p>
                    </>
                  ) : r.grievance ? (
                    <>
                      <h3 className="mb-2 text-lg font-bold">{t("decideGrievance", { date })}</h3>
                      <p className="mb-1">
                        {t("grievanceGrounds", { grounds: t(`grounds.${r.grievance.grounds}`) })}
                      </p>
                      <p dir="auto" className="mb-4 whitespace-pre-line border-s-4 border-gray-300 ps-3">
                        {r.grievance.statement}
                      </p>
                    </>
                  ) : null}
                  <p className="mb-3" data-testid={`reviewing-${r.kind}`}>
                    {r.status === "under_review" && reviewer
                      ? t.rich("reviewing", {
                          name: reviewer.name,
                          date: formatDateTime(reviewer.at, locale),
                          who: (c) => <bdi>{c}</bdi>,
                        })
                      : t("notClaimed")}
                  </p>
                  {r.startReview.ok ? (
                    <StartReviewForm kind={r.kind} targetId={r.id} reportId={report.id} version={r.version} />
                  ) : null}
                  {r.decide.ok ? (
                    <DecisionForm
                      kind={r.kind}
                      targetId={r.id}
                      reportId={report.id}
                      version={r.version}
                      legend={tf(`legend.${r.kind}`, { date })}
                    />
                  ) : (
                    <Notice tone="warning">
                      <p>{te.has(r.decide.why) ? te(r.decide.why) : te("not_allowed_now")}</p>
                    </Notice>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </section>

      {now.reopen ? (
        <section aria-labelledby="reopen" className="mb-10 border-t-4 border-danger bg-red-50 p-5">
          <h2 id="reopen" className="mb-2 text-xl font-bold">
            {t("reopenTitle")}
          </h2>
          {now.reopen.ok ? (
            <>
              <p className="mb-4 max-w-3xl">
                {t("reopenLead", { previous: report.status === "approved" ? "approved" : "rejected" })}
              </p>
              <ReopenForm reportId={report.id} version={report.version} />
            </>
          ) : (
            <p data-testid="reopen-blocked">
              {t("reopenBlocked")} {te.has(now.reopen.why) ? te(now.reopen.why) : null}
            </p>
          )}
        </section>
      ) : null}

      <h2 className="mb-3 text-xl font-bold">{t("report")}</h2>
      <SummaryList
        rows={[
          {
            key: "status",
            label: t("status"),
            value: ts.has(report.status) ? ts(report.status) : report.status,
          },
          { key: "submitted", label: t("submittedAt"), value: date(report.submittedAt) },
          { key: "last", label: t("lastDayAtWork"), value: date(report.lastDayAtWork) },
          { key: "address", label: t("workAddress"), value: report.workAddress ?? "—" },
          {
            key: "contact",
            label: t("contactAttempts"),
            value: <span className="whitespace-pre-line">{report.contactAttempts ?? "—"}</span>,
          },
          {
            key: "decl",
            label: t("declarations"),
            value: decls.every((d) => d === false) ? (
              t("declarationsAllNo")
            ) : (
              <strong className="text-danger">{t("declarationsSomeYes")}</strong>
            ),
          },
          ...(report.grievanceDeadline
            ? [
                { key: "gd", label: t("grievanceDeadline"), value: date(report.grievanceDeadline) },
                { key: "lp", label: t("legalPeriodEnds"), value: date(report.legalPeriodEnds) },
                { key: "rc", label: t("refundClaimUntil"), value: date(report.refundClaimUntil) },
              ]
            : []),
        ]}
      />

      <div className="grid gap-x-10 lg:grid-cols-2">
        <section aria-labelledby="worker">
          <h2 id="worker" className="mb-3 text-xl font-bold">
            {t("worker")}
          </h2>
          <SummaryList
            rows={[
              {
                key: "name",
                label: t("name"),
                value: (
                  <>
                    <span lang="ar" className="block">
                      {worker.nameAr}
                    </span>
                    <span lang="en" className="block">
                      {worker.nameEn}
                    </span>
                  </>
                ),
              },
              { key: "civil", label: t("civilId"), value: <bdi dir="ltr">{worker.civilId}</bdi> },
              {
                key: "nat",
                label: t("nationality"),
                value: region.of(worker.nationality) ?? worker.nationality,
              },
              { key: "passport", label: t("passport"), value: <bdi dir="ltr">{worker.passportNumber}</bdi> },
              {
                key: "permit",
                label: t("permit"),
                value: (
                  <>
                    <bdi dir="ltr">{worker.permitNumber}</bdi> —{" "}
                    <span data-testid="permit-status">{t(`permitStatus.${worker.permitStatus}`)}</span>
                  </>
                ),
              },
              { key: "occupation", label: t("occupation"), value: worker.occupation },
              { key: "mobile", label: t("mobile"), value: <bdi dir="ltr">{worker.mobile}</bdi> },
              {
                key: "email",
                label: t("email"),
                value: worker.email ? <bdi dir="ltr">{worker.email}</bdi> : "—",
              },
            ]}
          />
        </section>
        <section aria-labelledby="establishment">
          <h2 id="establishment" className="mb-3 text-xl font-bold">
            {t("establishment")}
          </h2>
          <SummaryList
            rows={[
              {
                key: "name",
                label: t("name"),
                value: (
                  <>
                    <span lang="ar" className="block">
                      {establishment.nameAr}
                    </span>
                    <span lang="en" className="block">
                      {establishment.nameEn}
                    </span>
                  </>
                ),
              },
              { key: "cr", label: t("crNumber"), value: <bdi dir="ltr">{establishment.crNumber}</bdi> },
              { key: "address", label: t("workAddress"), value: establishment.address },
              {
                key: "filer",
                label: t("filedBy"),
                value: (
                  <>
                    {file.filer.name} (<bdi dir="ltr">{file.filer.email}</bdi>)
                  </>
                ),
              },
            ]}
          />
        </section>
      </div>

      <section aria-labelledby="worker-exit" className="mb-8" data-testid="worker-exit">
        <h2 id="worker-exit" className="mb-3 text-xl font-bold">
          {tx("title")}
        </h2>
        {exits.exits.length === 0 ? (
          <p className="mb-3">{tx("none")}</p>
        ) : (
          <ul className="mb-4 space-y-2">
            {exits.exits.map(({ exit: e, recordedBy }) => (
              <li key={e.id}>
                <p className="font-semibold">
                  {tx("line", {
                    kind: tx(`kinds.${e.kind}`),
                    date: formatDate(e.exitDate, locale),
                    name: recordedBy,
                  })}
                </p>
                {e.note ? <p className="whitespace-pre-line text-muted">{e.note}</p> : null}
              </li>
            ))}
          </ul>
        )}
        {exits.kinds.length > 0 ? (
          <>
            <p className="mb-4 max-w-2xl text-muted">
              {tx("lead")} {actor.role === "finance" ? tx("financeOnly") : null}
            </p>
            <ExitForm reportId={report.id} kinds={exits.kinds} today={muscatDate()} />
          </>
        ) : null}
      </section>

      <section aria-labelledby="evidence" className="mb-8">
        <h2 id="evidence" className="mb-3 text-xl font-bold">
          {t("evidence")}
        </h2>
        {file.evidence.length === 0 ? (
          <p>{t("evidenceNone")}</p>
        ) : (
          <ul className="space-y-2" data-testid="case-evidence">
            {file.evidence.map((e) => (
              <li key={e.id}>
                <span className="font-semibold">{t(`evidenceKinds.${e.kind}`)}: </span>
                <a
                  href={`/api/evidence/${e.id}`}
                  target="_blank"
                  rel="noopener"
                  className="text-brand-800 underline"
                >
                  {t("open", { name: e.originalName, size: kb(e.sizeBytes) })}
                </a>{" "}
                {e.kind === "grievance_attachment" ? (
                  <Tag tone={e.sharedWithEmployer ? "green" : "grey"}>
                    {e.sharedWithEmployer ? t("sharedWithEmployer") : t("staffOnly")}
                  </Tag>
                ) : e.sharedWithWorker ? (
                  <Tag tone="green">{t("sharedWithWorker")}</Tag>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {now.shareWithWorker.ok || now.shareWithEmployer.ok ? (
          <div className="mt-6 border-s-4 border-brand-600 ps-4">
            <h3 className="mb-3 text-lg font-bold">{t("sharing")}</h3>
            {(["worker", "employer"] as const).map((audience) =>
              (audience === "worker" ? now.shareWithWorker : now.shareWithEmployer).ok ? (
                <ShareEvidenceForm
                  key={audience}
                  reportId={report.id}
                  audience={audience}
                  files={file.evidence
                    .filter((e) => now.shareable[audience].includes(e.id))
                    .map((e) => ({ id: e.id, label: fileLabel(e) }))}
                />
              ) : null,
            )}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="deposit" className="mb-8">
        <h2 id="deposit" className="mb-3 text-xl font-bold">
          {t("deposit")}
        </h2>
        {file.deposits.length === 0 ? (
          <p>{t("depositNone")}</p>
        ) : (
          <ul className="space-y-1">
            {file.deposits.map((d) => (
              <li key={d.id}>
                {t("depositLine", {
                  amount: formatOmr(d.amountBaisa, locale),
                  status: t(`depositStatus.${d.status}`),
                })}
                {d.refundedBaisa > 0 ? (
                  <> — {t("refunded", { amount: formatOmr(d.refundedBaisa, locale) })}</>
                ) : null}
                {isFinance && d.status !== "failed" && d.status !== "expired" ? (
                  <>
                    {" "}
                    —{" "}
                    <Link href={`/admin/refunds/deposit/${d.id}`} className="text-brand-800 underline">
                      {t("depositPage")}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="requests" className="mb-8 grid gap-x-10 gap-y-6 lg:grid-cols-3">
        <div>
          <h2 id="requests" className="mb-3 text-xl font-bold">
            {t("cancellations")}
          </h2>
          {file.cancellations.length === 0 ? <p>{t("none")}</p> : null}
          <ul className="space-y-3">
            {file.cancellations.map((c) => (
              <li key={c.id}>
                <p className="font-semibold">
                  {t("requestLine", {
                    date: formatDate(c.createdAt, locale),
                    status: t(`requestStatus.${c.status}`),
                  })}
                </p>
                <p>{t("cancellationReason", { reason: tc.has(c.reason) ? tc(c.reason) : c.reason })}</p>
                {c.decisionReasonCode ? (
                  <p>{t("decision", { reason: reason(c.decisionReasonCode) })}</p>
                ) : null}
                {c.decisionNote ? <p className="text-muted">{c.decisionNote}</p> : null}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2 className="mb-3 text-xl font-bold">{t("grievances")}</h2>
          {file.grievances.length === 0 ? <p>{t("none")}</p> : null}
          <ul className="space-y-3">
            {file.grievances.map((g) => (
              <li key={g.id}>
                <p className="font-semibold">
                  {t("requestLine", {
                    date: formatDate(g.createdAt, locale),
                    status: t(`requestStatus.${g.status}`),
                  })}
                </p>
                <p>{t("grievanceGrounds", { grounds: t(`grounds.${g.grounds}`) })}</p>
                <p>
                  {t("contactPhone")} <bdi dir="ltr">{g.contactPhone}</bdi>
                </p>
                {g.decisionReasonCode ? (
                  <p>{t("decision", { reason: reason(g.decisionReasonCode) })}</p>
                ) : null}
                {g.decisionNote ? <p className="text-muted">{g.decisionNote}</p> : null}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2 className="mb-3 text-xl font-bold">{t("refunds")}</h2>
          {file.refunds.length === 0 ? <p>{t("none")}</p> : null}
          <ul className="space-y-3">
            {file.refunds.map((r) => (
              <li key={r.id}>
                <p className="font-semibold">{formatDate(r.createdAt, locale)}</p>
                <p>
                  {t("refundLine", {
                    amount: formatOmr(r.amountBaisa, locale),
                    ground: tg.has(r.ground) ? tg(r.ground) : r.ground,
                    status: t(`requestStatus.${r.status}`),
                  })}
                </p>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section aria-labelledby="timeline" className="mb-8">
        <h2 id="timeline" className="mb-3 text-xl font-bold">
          {t("timeline")}
        </h2>
        <ol className="border-s-4 border-gray-300" data-testid="case-timeline">
          {file.events.map((e) => (
            <li key={e.id} className="mb-4 ps-5">
              <p className="font-semibold">
                {e.fromStatus
                  ? t("timelineEntry", { from: ts(e.fromStatus), to: ts(e.toStatus) })
                  : t("created", { to: ts(e.toStatus) })}
              </p>
              <p className="text-sm text-muted">
                {formatDateTime(e.at, locale)} ·{" "}
                {t(
                  `by.${(["staff", "employer", "worker", "system"].includes(e.actorKind) ? e.actorKind : "system") as "staff"}`,
                )}
              </p>
              {e.reasonCode ? <p>{reason(e.reasonCode)}</p> : null}
              {e.note ? <p className="whitespace-pre-line">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
