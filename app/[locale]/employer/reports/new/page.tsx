import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { StepCaption } from "@/components/filing/caption";
import { PageTitle } from "@/components/ui/page-title";
import { RefusalPanel } from "@/components/filing/refusal-panel";
import { WorkerCard } from "@/components/filing/worker-card";
import { FindWorkerForm, StartReportForm } from "@/components/filing/worker-forms";
import { Notice } from "@/components/ui/notice";
import { requireEmployerPage } from "@/lib/auth/guards";
import { formatDate } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import {
  establishmentFilingBlock,
  listOwnDrafts,
  lookupWorkerForFiling,
  searchActiveWorkers,
  WORKER_LIST_LIMIT,
} from "@/lib/reports/filing-queries";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ q?: string; worker?: string }>;
};

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("filing");
  return { title: (await searchParams).worker ? t("confirm.title") : t("new.title") };
}

/**
 * Screen 1: which worker, found and confirmed on one page. Drafts to resume first; then a civil ID, or a pick
 * from the establishment's workers. The worker found (`?worker=`) is shown on this same page, with the
 * registry's record and "Yes, start the report", or why this worker cannot be reported.
 */
export default async function NewReportPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  const search = await searchParams;
  const q = String(search.q ?? "").slice(0, 60);
  const t = await getTranslations("filing.new");
  const chosen = search.worker !== undefined;
  const [block, drafts, workers] = await Promise.all([
    establishmentFilingBlock(actor),
    chosen ? [] : listOwnDrafts(actor),
    chosen ? { items: [], more: false } : searchActiveWorkers(actor, q, { locale }),
  ]);
  const nameOf = (w: { nameAr: string; nameEn: string }) => (locale === "ar" ? w.nameAr : w.nameEn);
  const otherNameOf = (w: { nameAr: string; nameEn: string }) => (locale === "ar" ? w.nameEn : w.nameAr);

  if (block) {
    return (
      <>
        <PageTitle>{t("title")}</PageTitle>
        <RefusalPanel refusal={block} locale={locale} title={t("blockedTitle")} />
      </>
    );
  }

  if (chosen) {
    return <ChosenWorker workerId={String(search.worker)} locale={locale} actor={actor} />;
  }

  return (
    <>
      {drafts.length > 0 ? (
        <section
          aria-labelledby="drafts-title"
          className="mb-10 border-s-8 border-brand-600 bg-brand-50 p-4"
          data-testid="drafts"
        >
          <h2 id="drafts-title" className="mb-1 text-xl font-bold">
            {t("draftsTitle")}
          </h2>
          <p className="mb-3">{t("draftsLead")}</p>
          <ul className="space-y-2">
            {drafts.map((d) => (
              <li key={d.id} className="flex flex-wrap items-baseline gap-x-3">
                <Link
                  href={`/employer/reports/${d.id}/edit/check`}
                  className="font-semibold text-brand-800 underline"
                >
                  {nameOf({ nameAr: d.workerNameAr, nameEn: d.workerNameEn })}
                  <span className="sr-only"> — {t("continueDraft")}</span>
                </Link>
                <span dir="ltr" className="text-muted">
                  {d.reference}
                </span>
                <span className="text-sm text-muted">
                  {t("draftChanged", { date: formatDate(d.updatedAt, locale, "medium") })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>

      <h2 className="mb-3 text-xl font-bold">{t("byCivilIdTitle")}</h2>
      <FindWorkerForm />

      <section aria-labelledby="list-title" className="mt-12 border-t-2 border-gray-300 pt-6">
        <h2 id="list-title" className="mb-1 text-xl font-bold">
          {t("listTitle")}
        </h2>
        <p className="mb-4 text-muted">{t("listLead")}</p>
        <form method="get" role="search" className="mb-4">
          <label htmlFor="q" className="mb-1 block font-semibold">
            {t("searchLabel")}
          </label>
          <div className="flex flex-wrap items-center gap-3">
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={q}
              className="block w-72 max-w-full rounded-none border-2 border-ink bg-white px-3 py-2"
            />
            <button
              type="submit"
              className="bg-gray-200 px-4 py-2 font-semibold shadow-[0_2px_0_#929191] hover:bg-gray-300"
            >
              {t("search")}
            </button>
            {q ? (
              <Link href="/employer/reports/new" className="text-brand-800 underline">
                {t("showAll")}
              </Link>
            ) : null}
          </div>
        </form>
        {workers.items.length === 0 ? (
          <p data-testid="no-workers">{q ? t("noMatches", { q }) : t("noWorkers")}</p>
        ) : (
          <ul className="border-t border-gray-300" data-testid="worker-list">
            {workers.items.map((w) => (
              <li
                key={w.id}
                className="flex flex-wrap items-center justify-between gap-x-6 gap-y-1 border-b border-gray-300 py-3"
              >
                <div>
                  <p className="font-semibold">
                    {nameOf(w)} <span className="font-normal text-muted">· {otherNameOf(w)}</span>
                  </p>
                  <p className="text-sm text-muted">
                    {t("colCivilId")} <bdi dir="ltr">{w.civilId}</bdi> · {t("colPermit")}{" "}
                    <bdi dir="ltr">{w.permitNumber}</bdi>
                    {w.hasOpenReport ? (
                      <span className="ms-2 bg-gray-200 px-2 py-0.5 font-semibold text-ink">
                        {t("hasOpenReport")}
                      </span>
                    ) : null}
                    {w.hasDraft ? (
                      <span className="ms-2 bg-brand-100 px-2 py-0.5 font-semibold text-brand-800">
                        {t("hasDraft")}
                      </span>
                    ) : null}
                  </p>
                </div>
                <Link
                  href={`/employer/reports/new?worker=${w.id}`}
                  className="font-semibold text-brand-800 underline"
                >
                  {t("choose")}
                  <span className="sr-only"> {nameOf(w)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {workers.more ? <p className="mt-3 text-muted">{t("more", { count: WORKER_LIST_LIMIT })}</p> : null}
      </section>
    </>
  );
}

/** The worker found or chosen: the registry's record to confirm, or why this worker cannot be reported. */
async function ChosenWorker({
  workerId,
  locale,
  actor,
}: {
  workerId: string;
  locale: Locale;
  actor: Awaited<ReturnType<typeof requireEmployerPage>>;
}) {
  const t = await getTranslations("filing");
  const found = await lookupWorkerForFiling(actor, { workerId });
  return (
    <>
      <StepCaption backHref="/employer/reports/new" backText={t("back")} />
      <section id="worker" aria-labelledby="worker-title" data-testid="chosen-worker">
        <PageTitle id="worker-title">{t("confirm.title")}</PageTitle>
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
        <p className="mt-6">
          <Link href="/employer/reports/new" className="text-brand-800 underline">
            {t("confirm.other")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="find-again-title" className="mt-12 border-t-2 border-gray-300 pt-6">
        <h2 id="find-again-title" className="mb-3 text-xl font-bold">
          {t("new.findAgainTitle")}
        </h2>
        <FindWorkerForm />
      </section>
    </>
  );
}
