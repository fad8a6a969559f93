import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { PageTitle } from "@/components/ui/page-title";
import { ReportStatusTag } from "@/components/worker/status-tag";
import { requireWorkerPage } from "@/lib/auth/guards";
import { grievanceWindow } from "@/lib/grievances/window";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";
import { listReportsForWorker } from "@/lib/workers/queries";
import { readDatabase } from "@/lib/read-db";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("worker");
  return { title: t("title") };
}

/** My reports: every report filed against the signed-in worker, with the last day to object. */
export default async function WorkerReportsPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireWorkerPage(locale);
  const t = await getTranslations("worker");
  // The session's check already read the worker's names: one query for the page itself.
  const rows = await listReportsForWorker(actor, await readDatabase());
  const name = locale === "ar" ? actor.nameAr : actor.name;
  const now = new Date();
  return (
    <>
      <PageTitle lead={`${t("welcome", { name })} ${t("lead")}`}>{t("title")}</PageTitle>
      {rows.length === 0 ? <p className="mb-6 max-w-2xl text-lg">{t("none")}</p> : null}
      <ul className="mb-8 grid max-w-3xl gap-5">
        {rows.map((r) => {
          const window = grievanceWindow(r, now);
          const deadline = window.open
            ? window.deadline
              ? formatDate(window.deadline, locale)
              : t("deadlineAfterApproval")
            : window.reason === "deadline_passed"
              ? t("deadlinePassed", { date: formatDate(window.deadline, locale) })
              : t("deadlineNotNeeded");
          return (
            <li
              key={r.id}
              className="border-2 border-ink p-4"
              data-testid="worker-report"
              data-reference={r.reference}
            >
              <h2 className="mb-2 text-xl font-bold">
                <Link href={`/worker/reports/${r.id}`} className="text-brand-800 underline">
                  {t.rich("open", {
                    reference: r.reference,
                    ref: (c) => (
                      <bdi dir="ltr" className="whitespace-nowrap">
                        {c}
                      </bdi>
                    ),
                  })}
                </Link>
              </h2>
              <p className="mb-3">
                <ReportStatusTag status={r.status} />
              </p>
              <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
                <dt className="font-semibold">{t("establishment")}</dt>
                <dd>{locale === "ar" ? r.establishmentNameAr : r.establishmentNameEn}</dd>
                <dt className="font-semibold">{t("lastDay")}</dt>
                <dd>{r.lastDayAtWork ? formatDate(r.lastDayAtWork, locale) : "—"}</dd>
                <dt className="font-semibold">{t("filedOn")}</dt>
                <dd>{r.submittedAt ? formatDate(r.submittedAt, locale) : "—"}</dd>
                <dt className="font-semibold">{t("deadline")}</dt>
                <dd className={window.open && window.deadline ? "text-xl font-bold" : "font-semibold"}>
                  {deadline}
                </dd>
              </dl>
            </li>
          );
        })}
      </ul>
      <p>
        <Link href="/guide/worker" className="text-brand-800 underline">
          {t("guideLink")}
        </Link>
      </p>
    </>
  );
}
