import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { Notice } from "@/components/ui/notice";
import { ReportStatusTag } from "@/components/worker/status-tag";
import { GrievanceDeadline } from "@/components/worker/deadline";
import { requireWorkerPage } from "@/lib/auth/guards";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";
import { getReportForWorker } from "@/lib/workers/queries";

type Props = {
  params: Promise<{ locale: Locale; id: string }>;
  searchParams: Promise<{ grievance?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  const actor = await requireWorkerPage(locale);
  const data = await getReportForWorker(actor, id);
  const t = await getTranslations("worker");
  return {
    title: data ? t.markup("reportTitle", { reference: data.report.reference, ref: (c) => c }) : t("title"),
  };
}

const CONSEQUENCES = ["status", "gratuity", "work", "reentry"] as const;
const RIGHTS = ["object", "review", "employer", "accepted", "help"] as const;
const DECLARATIONS = [
  ["declDisputeBeforeAbsence", "dispute"],
  ["declWorkerLeftCountryKnown", "leftCountry"],
  ["declOnLegalLeave", "leave"],
  ["declResignationAccepted", "resignation"],
] as const;

function formatKilobytes(bytes: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "ar" ? "ar-OM-u-nu-arab" : "en-OM", {
    style: "unit",
    unit: "kilobyte",
    maximumFractionDigits: 0,
  }).format(Math.ceil(bytes / 1024));
}

/** One report, as the worker needs it to answer: the claims, the employer, the consequences, the deadline. */
export default async function WorkerReportPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  const { grievance } = await searchParams;
  setRequestLocale(locale);
  const actor = await requireWorkerPage(locale);
  const data = await getReportForWorker(actor, id);
  if (!data) notFound();
  const t = await getTranslations("worker");
  const { report, establishment, workGovernorate } = data;
  // What the worker can do now and what the page says about it: one function of the case (issue 10).
  const { now } = data;
  const inForce = report.status === "submitted" || report.status === "approved";
  const ref = (c: ReactNode) => (
    <bdi dir="ltr" className="whitespace-nowrap">
      {c}
    </bdi>
  );
  const place = [
    report.workAddress,
    workGovernorate ? (locale === "ar" ? workGovernorate.nameAr : workGovernorate.nameEn) : null,
  ]
    .filter(Boolean)
    .join(locale === "ar" ? "، " : ", ");
  const declared = DECLARATIONS.filter(([col]) => report[col] === false);

  return (
    <>
      <p className="mb-4">
        <Link href="/worker" className="text-brand-800 underline">
          {t("backToList")}
        </Link>
      </p>
      <h1 className="mb-3 text-2xl font-bold sm:text-3xl">
        {t.rich("reportTitle", { reference: report.reference, ref })}
      </h1>
      <p className="mb-2">
        <ReportStatusTag status={report.status} />
      </p>
      <p className="mb-6 max-w-2xl text-lg" data-testid="worker-story">
        {t(`statusHelp.${now.story}`)}
      </p>

      {grievance === "filed" && now.openGrievance ? (
        <Notice tone="success">{t("grievanceFiled")}</Notice>
      ) : null}

      {now.object.ok ? (
        <>
          <GrievanceDeadline deadline={now.object.deadline} locale={locale} />
          <p className="mb-8">
            <Link
              href={`/worker/reports/${report.id}/grievance`}
              className="inline-block bg-brand-600 px-5 py-3 text-lg font-semibold text-white no-underline shadow-[0_2px_0_#032a1e] hover:bg-brand-700"
            >
              {t("objectButton")}
            </Link>
          </p>
        </>
      ) : now.object.why === "already_open" ? (
        grievance === "filed" ? null : (
          <Notice>{t("alreadyOpen")}</Notice>
        )
      ) : now.object.why === "deadline_passed" && now.object.deadline ? (
        <Notice tone="warning">
          {t("windowClosedDeadline", { date: formatDate(now.object.deadline, locale) })}
        </Notice>
      ) : (
        <Notice>{t("windowClosedNotInForce")}</Notice>
      )}

      {data.grievances.length > 0 ? (
        <section aria-labelledby="grievances" className="mb-8 max-w-3xl">
          <h2 id="grievances" className="mb-3 text-xl font-bold">
            {t("grievancesTitle")}
          </h2>
          <ul className="space-y-4">
            {data.grievances.map((g) => (
              <li
                key={g.id}
                className="border-s-8 border-brand-600 bg-brand-50 p-4"
                data-testid="worker-grievance"
              >
                <p className="mb-2 text-lg font-bold" data-testid="grievance-status">
                  {t(`grievanceStatuses.${g.status}`)}
                </p>
                <p>{t("grievanceSent", { date: formatDate(g.createdAt, locale) })}</p>
                {g.decidedAt ? (
                  <p>{t("grievanceDecided", { date: formatDate(g.decidedAt, locale) })}</p>
                ) : null}
                <dl className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
                  <dt className="font-semibold">{t("grievanceGrounds")}</dt>
                  <dd>{t(`groundNames.${g.grounds}`)}</dd>
                  <dt className="font-semibold">{t("grievanceStatement")}</dt>
                  <dd dir="auto" className="whitespace-pre-line break-words text-start">
                    {g.statement}
                  </dd>
                  <dt className="font-semibold">{t("grievancePhone")}</dt>
                  <dd>
                    <bdi dir="ltr">{g.contactPhone}</bdi>
                  </dd>
                  {g.attachments.length > 0 ? (
                    <>
                      <dt className="font-semibold">{t("grievanceFiles")}</dt>
                      <dd>
                        <ul>
                          {g.attachments.map((a) => (
                            <li key={a.id} className="break-all">
                              <a href={`/api/evidence/${a.id}?download=1`} className="underline">
                                {t("download", { name: a.originalName })}
                              </a>
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="claims" className="mb-8 max-w-3xl">
        <h2 id="claims" className="mb-3 text-xl font-bold">
          {t("claimsTitle")}
        </h2>
        {report.lastDayAtWork ? (
          <p className="mb-2 text-lg">
            {t("claimLastDay", { date: formatDate(report.lastDayAtWork, locale) })}
          </p>
        ) : null}
        {place ? <p className="mb-2">{t("claimPlace", { place })}</p> : null}
        {report.contactAttempts ? (
          <>
            <p className="mt-3 font-semibold">{t("claimContact")}</p>
            <blockquote
              dir="auto"
              className="mb-2 whitespace-pre-line break-words border-s-4 border-gray-300 ps-3"
            >
              {report.contactAttempts}
            </blockquote>
          </>
        ) : null}
        {declared.length > 0 ? (
          <>
            <p className="mt-3 font-semibold">{t("claimDeclarations")}</p>
            <ul className="list-disc space-y-1 ps-6">
              {declared.map(([, key]) => (
                <li key={key}>{t(`declarations.${key}`)}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="meaning" className="mb-8 max-w-3xl">
        <h2 id="meaning" className="mb-3 text-xl font-bold">
          {t("meaningTitle")}
        </h2>
        {inForce ? (
          <>
            <p className="mb-2">
              {report.status === "approved" ? t("meaningApproved") : t("meaningIfApproved")}
            </p>
            <ul className="list-disc space-y-1 ps-6">
              {CONSEQUENCES.map((c) => (
                <li key={c}>{t(`consequences.${c}`)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t("meaningNone")}</p>
        )}
      </section>

      {now.object.ok ? (
        <section aria-labelledby="rights" className="mb-8 max-w-3xl">
          <h2 id="rights" className="mb-3 text-xl font-bold">
            {t("rightsTitle")}
          </h2>
          <ul className="list-disc space-y-1 ps-6">
            {RIGHTS.map((r) => (
              <li key={r}>{t(`rights.${r}`)}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="employer" className="mb-8 max-w-3xl">
        <h2 id="employer" className="mb-3 text-xl font-bold">
          {t("employerTitle")}
        </h2>
        <p className="mb-2 text-lg font-semibold">
          {locale === "ar" ? establishment.nameAr : establishment.nameEn}
        </p>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">{t("crNumber")}</dt>
          <dd>
            <bdi dir="ltr">{establishment.crNumber}</bdi>
          </dd>
          <dt className="font-semibold">{t("phone")}</dt>
          <dd>
            <a href={`tel:${establishment.phone}`} dir="ltr" className="underline">
              {establishment.phone}
            </a>
          </dd>
          <dt className="font-semibold">{t("email")}</dt>
          <dd className="break-all">
            <bdi dir="ltr">{establishment.email}</bdi>
          </dd>
          <dt className="font-semibold">{t("address")}</dt>
          <dd dir="auto" className="text-start">
            {establishment.address}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="dates" className="mb-8 max-w-3xl">
        <h2 id="dates" className="mb-3 text-xl font-bold">
          {t("dates")}
        </h2>
        <ul className="space-y-1">
          {report.submittedAt ? (
            <li>{t("submittedOn", { date: formatDate(report.submittedAt, locale) })}</li>
          ) : null}
          {report.approvedAt ? (
            <li>{t("approvedOn", { date: formatDate(report.approvedAt, locale) })}</li>
          ) : null}
          {report.decidedAt && !report.approvedAt ? (
            <li>{t("decidedOn", { date: formatDate(report.decidedAt, locale) })}</li>
          ) : null}
        </ul>
      </section>

      {data.sharedEvidence.length > 0 ? (
        <section aria-labelledby="shared" className="mb-8 max-w-3xl">
          <h2 id="shared" className="mb-3 text-xl font-bold">
            {t("sharedTitle")}
          </h2>
          <p className="mb-2">{t("sharedLead")}</p>
          <ul className="list-disc space-y-1 ps-6" data-testid="shared-evidence">
            {data.sharedEvidence.map((f) => (
              <li key={f.id}>
                {t(`evidenceKinds.${f.kind}`)}:{" "}
                <a href={`/api/evidence/${f.id}?download=1`} className="break-all underline">
                  {t("download", { name: f.originalName })}
                </a>{" "}
                ({formatKilobytes(f.sizeBytes, locale)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
