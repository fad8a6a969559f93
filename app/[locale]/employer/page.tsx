import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { Notice } from "@/components/ui/notice";
import { ReportList } from "@/components/reports/report-list";
import { requireEmployerPage } from "@/lib/auth/guards";
import { getOwnEstablishment } from "@/lib/establishments/queries";
import { signOutEverywhereAction } from "@/lib/auth/actions";
import { formatDate } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import {
  countReportsByStatus,
  isReportStatus,
  listEstablishmentReports,
  REPORT_STATUSES,
} from "@/lib/reports/queries";
import { RULES } from "@/lib/reports/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tracking.dashboard");
  return { title: t("title") };
}

type Search = { q?: string; status?: string; after?: string; before?: string };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function EmployerDashboard({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  const raw = await searchParams;
  const search: Search = {
    q: one(raw.q),
    status: one(raw.status),
    after: one(raw.after),
    before: one(raw.before),
  };
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  const [t, te, ts, ttStatus] = await Promise.all([
    getTranslations("tracking.dashboard"),
    getTranslations("employer"),
    getTranslations("shell"),
    getTranslations("tracking.status"),
  ]);
  const q = (search.q ?? "").trim().slice(0, 100);
  const status = isReportStatus(search.status) ? search.status : null;
  const [own, counts, page] = await Promise.all([
    getOwnEstablishment(actor),
    countReportsByStatus(actor),
    listEstablishmentReports(actor, { q, status, after: search.after, before: search.before }),
  ]);
  const est = own?.establishment;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const filtered = Boolean(q || status);
  const suspended =
    est?.servicesSuspendedUntil && est.servicesSuspendedUntil > new Date()
      ? est.servicesSuspendedUntil
      : null;

  const pageHref = (cursor: { after?: string; before?: string }) => {
    const p = new URLSearchParams();
    if (q) p.set("q", q);
    if (status) p.set("status", status);
    if (cursor.after) p.set("after", cursor.after);
    if (cursor.before) p.set("before", cursor.before);
    return `/employer?${p.toString()}`;
  };

  return (
    <>
      <PageTitle
        lead={t.rich("lead", {
          name: actor.name,
          establishment: est ? (locale === "ar" ? est.nameAr : est.nameEn) : "",
          x: (chunks) => <bdi>{chunks}</bdi>,
        })}
      >
        {t("title")}
      </PageTitle>
      {suspended ? (
        <Notice tone="warning">{te("suspended", { date: formatDate(suspended, locale) })}</Notice>
      ) : null}

      <div className="mb-8 flex flex-wrap items-center gap-x-6 gap-y-3">
        <Link
          href="/employer/reports/new"
          className="inline-block bg-brand-600 px-6 py-3 text-lg font-bold text-white no-underline shadow-[0_2px_0_#032a1e] hover:bg-brand-700"
        >
          {t("fileNew")}
        </Link>
        <p className="max-w-md text-muted">{t("fileNewHint", { days: RULES.minDaysAfterLastDay })}</p>
      </div>
      <ul className="mb-8 flex flex-wrap gap-x-6 gap-y-2">
        {actor.role === "owner" ? (
          <li>
            <Link href="/employer/team" className="text-brand-800 underline">
              {t("team")}
            </Link>
          </li>
        ) : null}
        <li>
          <Link href="/guide/employer" className="text-brand-800 underline">
            {t("guide")}
          </Link>
        </li>
      </ul>

      <section aria-labelledby="find-title" className="mb-8 bg-gray-100 p-4">
        <h2 id="find-title" className="mb-3 text-xl font-bold">
          {t("filterTitle")}
        </h2>
        <form
          method="get"
          action={`/${locale}/employer`}
          role="search"
          className="flex flex-wrap items-end gap-x-4 gap-y-3"
        >
          <div className="min-w-0 flex-1 basis-64">
            <label htmlFor="q" className="mb-1 block font-semibold">
              {t("search")}
            </label>
            <p id="q-hint" className="mb-1 text-sm text-muted">
              {t.rich("searchHint", { x: (chunks) => <bdi className="whitespace-nowrap">{chunks}</bdi> })}
            </p>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={q}
              aria-describedby="q-hint"
              className="block w-full border-2 border-ink bg-white px-3 py-2"
              autoComplete="off"
              dir="auto"
            />
          </div>
          <div>
            <label htmlFor="status" className="mb-1 block font-semibold">
              {t("status")}
            </label>
            <select
              id="status"
              name="status"
              defaultValue={status ?? ""}
              className="block border-2 border-ink bg-white px-3 py-2"
            >
              <option value="">{t("allStatuses", { count: total })}</option>
              {REPORT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t("statusOption", { status: ttStatus(s), count: counts[s] })}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="bg-brand-600 px-5 py-2.5 font-semibold text-white shadow-[0_2px_0_#032a1e] hover:bg-brand-700"
          >
            {t("apply")}
          </button>
          {filtered ? (
            <Link href="/employer" className="py-2.5 text-brand-800 underline">
              {t("clear")}
            </Link>
          ) : null}
        </form>
      </section>

      <section aria-labelledby="results-title" className="mb-10">
        <h2 id="results-title" className="mb-3 text-xl font-bold">
          {filtered ? t("resultsFiltered") : t("resultsTitle")}
        </h2>
        {page.rows.length === 0 ? (
          <p className="border-s-8 border-gray-400 p-4">{filtered ? t("emptyFiltered") : t("empty")}</p>
        ) : (
          <ReportList rows={page.rows} />
        )}
        {page.newerCursor || page.olderCursor ? (
          <nav aria-label={t("pagination")} className="mt-4 flex flex-wrap justify-between gap-4">
            {page.newerCursor ? (
              <Link
                href={pageHref({ before: page.newerCursor })}
                className="text-brand-800 underline"
                rel="prev"
              >
                <span aria-hidden="true">{locale === "ar" ? "→ " : "← "}</span>
                {t("newer")}
              </Link>
            ) : (
              <span />
            )}
            {page.olderCursor ? (
              <Link
                href={pageHref({ after: page.olderCursor })}
                className="text-brand-800 underline"
                rel="next"
              >
                {t("older")}
                <span aria-hidden="true">{locale === "ar" ? " ←" : " →"}</span>
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      <section aria-labelledby="account-title" className="border-t border-gray-300 pt-6">
        <h2 id="account-title" className="mb-3 text-xl font-bold">
          {t("accountTitle")}
        </h2>
        {est && own ? (
          <dl className="mb-4 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
            <dt className="font-semibold">{te("establishment")}</dt>
            <dd>{locale === "ar" ? est.nameAr : est.nameEn}</dd>
            <dt className="font-semibold">{te("crNumber")}</dt>
            <dd>
              <bdi dir="ltr">{est.crNumber}</bdi>
            </dd>
            <dt className="font-semibold">{te("governorate")}</dt>
            <dd>{locale === "ar" ? own.governorate.nameAr : own.governorate.nameEn}</dd>
            <dt className="font-semibold">{te("role")}</dt>
            <dd>{te(`roles.${actor.role}`)}</dd>
          </dl>
        ) : null}
        <form action={signOutEverywhereAction}>
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="underline">
            {ts("signOutEverywhere")}
          </button>
        </form>
      </section>
    </>
  );
}
