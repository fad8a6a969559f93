import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { BarChart, type BarDatum } from "@/components/admin-insight/bar-chart";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { ScrollTable } from "@/components/ui/scroll-table";
import { SummaryList } from "@/components/ui/summary-list";
import {
  filterQuery,
  loadStatistics,
  REPORT_STATUSES,
  parseStatisticsPageFilter,
  splitDuration,
} from "@/lib/admin/statistics";
import { requireStaffPage } from "@/lib/auth/guards";
import { listGovernoratesWithState } from "@/lib/governorates/state";
import { formatNumber, formatOmr } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { BackLink } from "@/components/ui/back-link";
import { InvalidFilterNotice } from "@/components/admin-insight/invalid-filter-notice";
import type { Locale } from "@/lib/i18n/routing";
import { readDatabase } from "@/lib/read-db";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminInsight.statistics");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Any member of staff. Filters are a GET form, so a filtered view is a link that can be shared or bookmarked. */
export default async function StatisticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: SearchParams;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaffPage(locale);
  const t = await getTranslations("adminInsight.statistics");
  const tb = await getTranslations("adminInsight");
  const tsh = await getTranslations("shell");
  // With no dates in the address the page counts the last 12 months (all time would read every report in the
  // country on each visit); the form shows that range, and submitting it with both dates empty means all time.
  const parsed = parseStatisticsPageFilter(await searchParams);
  const filter = parsed.filter;
  const [stats, governorates] = await Promise.all([
    loadStatistics(actor, filter, { tx: await readDatabase() }),
    listGovernoratesWithState(),
  ]);
  const n = (v: number) => formatNumber(v, locale);
  const regions = new Intl.DisplayNames([locale], { type: "region" });
  const months = new Intl.DateTimeFormat(locale === "ar" ? "ar-OM-u-nu-arab" : "en-OM", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const monthLabel = (key: string) => months.format(new Date(`${key}-01T00:00:00Z`));
  const percent = new Intl.NumberFormat(locale === "ar" ? "ar-OM-u-nu-arab" : "en-OM", {
    style: "percent",
    maximumFractionDigits: 1,
  });
  const day = new Intl.DateTimeFormat(locale === "ar" ? "ar-OM-u-nu-arab" : "en-OM", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const dayLabel = (date: string) => day.format(new Date(`${date}T00:00:00Z`));
  const period =
    filter.from && filter.to
      ? t("periodRange", { from: dayLabel(filter.from), to: dayLabel(filter.to) })
      : filter.from
        ? t("periodFrom", { from: dayLabel(filter.from) })
        : filter.to
          ? t("periodTo", { to: dayLabel(filter.to) })
          : t("periodAll");
  const allTimeHref = `/admin/statistics?from=&to=${filter.governorate ? `&governorate=${filter.governorate}` : ""}`;
  const errorKey = (code: string) => `errors.${code}` as "errors.date_invalid";

  const median = stats.decisions.medianSeconds === null ? null : splitDuration(stats.decisions.medianSeconds);
  const decidedGrievances = stats.grievances.accepted + stats.grievances.rejected;
  const charts: { id: string; title: string; data: BarDatum[] }[] = [
    {
      id: "by-governorate",
      title: t("byGovernorate"),
      data: stats.byGovernorate.map((g) => ({
        key: g.code,
        label: locale === "ar" ? g.nameAr : g.nameEn,
        value: g.count,
        display: n(g.count),
      })),
    },
    {
      id: "by-month",
      title: t("byMonth"),
      data: stats.byMonth.map((m) => ({
        key: m.key,
        label: monthLabel(m.key),
        value: m.count,
        display: n(m.count),
      })),
    },
    {
      id: "by-nationality",
      title: t("byNationality"),
      data: stats.byNationality.map((c) => ({
        key: c.key,
        label: regions.of(c.key) ?? c.key,
        value: c.count,
        display: n(c.count),
      })),
    },
    {
      id: "by-status",
      title: t("byStatus"),
      data: stats.byStatus.map((s) => ({
        key: s.key,
        label: t(`status.${s.key as (typeof REPORT_STATUSES)[number]}`),
        value: s.count,
        display: n(s.count),
      })),
    },
  ];
  const deposits = [
    { key: "held", label: t("depositsHeld"), ...stats.deposits.held },
    { key: "refunded", label: t("depositsRefunded"), ...stats.deposits.refunded },
    { key: "utilised", label: t("depositsUtilised"), ...stats.deposits.utilised },
  ];

  return (
    <>
      <BackLink href="/admin">{tb("back")}</BackLink>
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>

      {!parsed.ok ? (
        <InvalidFilterNotice
          title={t("invalidFilter")}
          messages={Object.entries(parsed.errors).map(([field, code]) => ({
            key: field,
            text: t(errorKey(code)),
          }))}
        />
      ) : null}

      <p className="mb-4" data-testid="period">
        {period}
        {parsed.defaulted ? <span className="block text-sm text-muted">{t("periodDefault")}</span> : null}
      </p>

      {/* Keyed by the filter: the links below navigate on the client, and the inputs must show the new range. */}
      <form
        key={`${filter.from ?? ""}|${filter.to ?? ""}|${filter.governorate ?? ""}`}
        method="get"
        className="mb-8 border-2 border-gray-300 p-4"
        aria-labelledby="filters"
      >
        <h2 id="filters" className="mb-3 text-lg font-bold">
          {t("filters")}
        </h2>
        <p id="range-hint" className="mb-3 text-sm text-muted">
          {t("rangeHint")}
        </p>
        <div className="grid gap-x-6 sm:grid-cols-3">
          <div className="mb-4">
            <label htmlFor="from" className="mb-1 block font-semibold">
              {t("from")}
            </label>
            <input
              id="from"
              name="from"
              type="date"
              defaultValue={filter.from ?? ""}
              aria-describedby="range-hint"
              className="block w-full border-2 border-ink bg-white px-3 py-2"
            />
          </div>
          <div className="mb-4">
            <label htmlFor="to" className="mb-1 block font-semibold">
              {t("to")}
            </label>
            <input
              id="to"
              name="to"
              type="date"
              defaultValue={filter.to ?? ""}
              aria-describedby="range-hint"
              className="block w-full border-2 border-ink bg-white px-3 py-2"
            />
          </div>
          <div className="mb-4">
            <label htmlFor="governorate" className="mb-1 block font-semibold">
              {t("governorate")}
            </label>
            <select
              id="governorate"
              name="governorate"
              defaultValue={filter.governorate ?? ""}
              className="block w-full border-2 border-ink bg-white px-3 py-2"
            >
              <option value="">{t("allGovernorates")}</option>
              {governorates.map((g) => (
                <option key={g.code} value={g.code}>
                  {locale === "ar" ? g.nameAr : g.nameEn}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button
            type="submit"
            className="bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700"
          >
            {t("apply")}
          </button>
          <Link href="/admin/statistics" className="text-brand-800 underline">
            {t("clear")}
          </Link>
          {filter.from || filter.to ? (
            <Link href={allTimeHref} className="text-brand-800 underline" data-testid="all-time">
              {t("allTime")}
            </Link>
          ) : null}
        </div>
      </form>

      <p className="mb-8">
        <a
          href={`/api/admin/export/reports${filterQuery(filter)}`}
          className="font-semibold text-brand-800 underline"
          download
          data-testid="export-reports"
        >
          {t("export")}
        </a>
        <span className="block text-sm text-muted">{t("exportHint")}</span>
      </p>

      <section aria-labelledby="key-figures">
        <h2 id="key-figures" className="mb-3 text-xl font-bold">
          {t("keyFigures")}
        </h2>
        <SummaryList
          rows={[
            { key: "total", label: t("total"), value: <span data-testid="total">{n(stats.total)}</span> },
            {
              key: "median",
              label: t("medianDecision"),
              value: median ? (
                <>
                  <span data-testid="median">
                    {median.days > 0
                      ? t("medianDaysHours", {
                          days: median.days,
                          daysText: n(median.days),
                          hours: median.hours,
                          hoursText: n(median.hours),
                        })
                      : t("medianHours", { hours: median.hours, hoursText: n(median.hours) })}
                  </span>
                  <span className="block text-sm text-muted">
                    {t("decidedCount", { count: stats.decisions.count, countText: n(stats.decisions.count) })}
                  </span>
                </>
              ) : (
                t("noDecisions")
              ),
            },
            {
              key: "grievances",
              label: t("grievanceRate"),
              value:
                stats.grievances.rate === null ? (
                  t("noGrievances")
                ) : (
                  <span data-testid="grievance-rate">
                    {t("grievanceRateValue", {
                      rate: percent.format(stats.grievances.rate),
                      accepted: n(stats.grievances.accepted),
                      decided: n(decidedGrievances),
                    })}
                  </span>
                ),
            },
          ]}
        />
      </section>

      <section aria-labelledby="deposits" className="mb-10">
        <h2 id="deposits" className="mb-3 text-xl font-bold">
          {t("deposits")}
        </h2>
        <ScrollTable label={t("deposits")} hint={tsh("scrollHint")}>
          <table className="w-full border-collapse text-sm sm:text-base" data-testid="table-deposits">
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-1 pe-4 text-start">
                  {t("depositKind")}
                </th>
                <th scope="col" className="py-1 pe-4 text-end">
                  {t("count")}
                </th>
                <th scope="col" className="py-1 text-end">
                  {t("amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {deposits.map((d) => (
                <tr key={d.key} className="border-b border-gray-300">
                  <th scope="row" className="py-1 pe-4 text-start font-normal">
                    {d.label}
                  </th>
                  <td className="py-1 pe-4 text-end tabular-nums">{n(d.count)}</td>
                  <td className="py-1 text-end tabular-nums" data-baisa={d.baisa}>
                    {formatOmr(d.baisa, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>

      {stats.total === 0 ? <Notice>{t("empty")}</Notice> : null}
      {charts.map((c) => (
        <BarChart
          key={c.id}
          id={c.id}
          title={c.title}
          note={t("chartNote")}
          caption={t("tableCaption", { title: c.title })}
          labelHeader={t("label")}
          valueHeader={t("reports")}
          data={c.data}
        />
      ))}
    </>
  );
}
