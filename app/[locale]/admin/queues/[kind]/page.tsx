import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { ScrollTable } from "@/components/ui/scroll-table";
import { TextField } from "@/components/ui/text-field";
import {
  listQueue,
  QUEUE_COUNT_CAP,
  queueNationalities,
  QUEUE_KINDS,
  QUEUE_STATUSES,
  type QueueKind,
} from "@/lib/admin/queues";
import { recordStaffSearch } from "@/lib/audit/searches";
import { requireStaffPage } from "@/lib/auth/guards";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { listGovernoratesWithState } from "@/lib/governorates/state";
import { formatDate, formatDateTime, formatNumber } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { BackLink } from "@/components/ui/back-link";
import type { Locale } from "@/lib/i18n/routing";
import { daysBetween, muscatDate } from "@/lib/time";
import { readDatabase } from "@/lib/read-db";

type Params = { locale: Locale; kind: string };
type Search = Record<string, string | string[] | undefined>;

const isKind = (k: string): k is QueueKind => (QUEUE_KINDS as readonly string[]).includes(k);
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim().slice(0, 100) : "");

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { kind } = await params;
  const t = await getTranslations("adminDecisions.queue.titles");
  return { title: isKind(kind) ? t(kind) : undefined };
}

/** A reviewer's queue: oldest first, filters and search in the address (GET), keyset pages. */
export default async function QueuePage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Search>;
}) {
  const { locale, kind } = await params;
  setRequestLocale(locale);
  if (!isKind(kind)) notFound();
  const actor = await requireStaffPage(locale, ["reviewer"]);
  const sp = await searchParams;
  const filters = {
    q: one(sp.q),
    governorate: one(sp.governorate),
    status: one(sp.status),
    from: one(sp.from),
    to: one(sp.to),
    nationality: one(sp.nationality),
  };
  // A search for a person (civil ID, name) is a view of people's data: recorded, once per search (issue 10 §13).
  if (!one(sp.after))
    await recordStaffSearch(actor, { screen: `queue:${kind}`, q: filters.q }, await currentRequestInfo());
  const [page, governorates, nationalities] = await Promise.all([
    listQueue(actor, kind, { ...filters, after: one(sp.after) || null }, await readDatabase()),
    listGovernoratesWithState(),
    queueNationalities(),
  ]);
  const t = await getTranslations("adminDecisions.queue");
  const tsh = await getTranslations("shell");
  const today = muscatDate(new Date());
  const waited = (at: Date) => Math.max(0, daysBetween(muscatDate(at), today));
  const region = new Intl.DisplayNames([locale], { type: "region" });
  const govName = (code: string) => {
    const g = governorates.find((x) => x.code === code);
    return g ? (locale === "ar" ? g.nameAr : g.nameEn) : code;
  };
  const filtered = Object.values(filters).some(Boolean);
  const keep = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const statuses = QUEUE_STATUSES[kind];

  return (
    <>
      <BackLink href="/admin">{t("back")}</BackLink>
      <PageTitle lead={t(`leads.${kind}`)}>{t(`titles.${kind}`)}</PageTitle>

      <div
        className="mb-6 border-s-8 border-brand-600 bg-brand-50 p-4"
        role="status"
        data-testid="queue-summary"
      >
        <p className="text-xl font-bold">
          {page.countCapped
            ? t("countMore", { n: formatNumber(QUEUE_COUNT_CAP, locale) })
            : t("count", { count: page.count, n: formatNumber(page.count, locale) })}
        </p>
        {page.oldestAt ? (
          <p>
            {t("oldest", {
              days: waited(page.oldestAt),
              n: formatNumber(waited(page.oldestAt), locale),
              date: formatDate(page.oldestAt, locale),
            })}
          </p>
        ) : null}
      </div>

      <p className="mb-6">
        {/* The same list, with the same filters, for a spreadsheet (UTF-8 with a BOM, so Excel shows Arabic). */}
        <a
          href={`/api/admin/export/queue/${kind}?${new URLSearchParams(keep as Record<string, string>).toString()}`}
          className="text-brand-800 underline"
          data-testid="queue-csv"
        >
          {t("csv")}
        </a>
      </p>

      <details className="mb-6 border border-gray-300 p-4" open={filtered}>
        <summary className="cursor-pointer text-lg font-semibold">{t("filters")}</summary>
        <form method="get" className="mt-4 grid gap-x-6 sm:grid-cols-2">
          <TextField
            name="q"
            label={t("q")}
            hint={t("qHint")}
            defaultValue={filters.q}
            className="sm:col-span-2"
          />
          <div className="mb-5">
            <label htmlFor="governorate" className="mb-1 block font-semibold">
              {t("governorate")}
            </label>
            <select
              id="governorate"
              name="governorate"
              defaultValue={filters.governorate}
              className="block w-full border-2 border-ink bg-white p-2"
            >
              <option value="">{t("allGovernorates")}</option>
              {governorates.map((g) => (
                <option key={g.code} value={g.code}>
                  {locale === "ar" ? g.nameAr : g.nameEn}
                </option>
              ))}
            </select>
          </div>
          <div className="mb-5">
            <label htmlFor="nationality" className="mb-1 block font-semibold">
              {t("nationality")}
            </label>
            <select
              id="nationality"
              name="nationality"
              defaultValue={filters.nationality}
              className="block w-full border-2 border-ink bg-white p-2"
            >
              <option value="">{t("allNationalities")}</option>
              {nationalities.map((n) => (
                <option key={n} value={n}>
                  {region.of(n) ?? n}
                </option>
              ))}
            </select>
          </div>
          {statuses.length > 1 ? (
            <div className="mb-5">
              <label htmlFor="status" className="mb-1 block font-semibold">
                {t("status")}
              </label>
              <select
                id="status"
                name="status"
                defaultValue={filters.status}
                className="block w-full border-2 border-ink bg-white p-2"
              >
                <option value="">{t("allStatuses")}</option>
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`statuses.${s as "submitted"}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <TextField
            name="from"
            type="date"
            dir="ltr"
            label={t("from")}
            hint={t("dateHint")}
            defaultValue={filters.from}
          />
          <TextField
            name="to"
            type="date"
            dir="ltr"
            label={t("to")}
            hint={t("dateHint")}
            defaultValue={filters.to}
          />
          <div className="flex flex-wrap items-center gap-6 sm:col-span-2">
            <button
              type="submit"
              className="bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700"
            >
              {t("apply")}
            </button>
            {filtered ? (
              <Link href={`/admin/queues/${kind}`} className="text-brand-800 underline">
                {t("clear")}
              </Link>
            ) : null}
          </div>
        </form>
      </details>

      {page.items.length === 0 ? (
        <p className="mb-8">{filtered ? t("emptyFiltered") : t("empty")}</p>
      ) : (
        <ScrollTable label={t(`titles.${kind}`)} hint={tsh("scrollHint")} className="mb-6">
          <table className="w-full border-collapse text-sm sm:text-base" data-testid="queue">
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-2 pe-4 text-start">
                  {t("columns.reference")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start">
                  {t("columns.worker")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start">
                  {t("columns.establishment")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start">
                  {t("columns.governorate")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start">
                  {t("columns.received")}
                </th>
                <th scope="col" className="py-2 text-start">
                  {t("columns.waiting")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((item) => (
                <tr key={item.id} className="border-b border-gray-300 align-top">
                  <th scope="row" className="py-2 pe-4 text-start font-normal">
                    <Link
                      href={`/admin/reports/${item.reportId}`}
                      className="whitespace-nowrap font-semibold text-brand-800 underline"
                    >
                      <bdi dir="ltr">{item.reference}</bdi>
                    </Link>
                    {statuses.length > 1 ? (
                      <span className="block text-sm text-muted">
                        {t(`statuses.${item.status as "submitted"}`)}
                        {item.reviewerName ? (
                          <span className="block" data-testid="queue-reviewer">
                            {t.rich("reviewer", { name: item.reviewerName, who: (c) => <bdi>{c}</bdi> })}
                          </span>
                        ) : null}
                      </span>
                    ) : null}
                  </th>
                  <td className="py-2 pe-4">
                    <span className="block">{locale === "ar" ? item.workerNameAr : item.workerNameEn}</span>
                    <span className="block text-sm text-muted" lang={locale === "ar" ? "en" : "ar"}>
                      {locale === "ar" ? item.workerNameEn : item.workerNameAr}
                    </span>
                    <span className="block text-sm text-muted">
                      {t("civilId", { id: item.civilId })} · {region.of(item.nationality) ?? item.nationality}
                    </span>
                  </td>
                  <td className="py-2 pe-4">
                    <span className="block">
                      {locale === "ar" ? item.establishmentNameAr : item.establishmentNameEn}
                    </span>
                    <span className="block text-sm text-muted">{t("cr", { cr: item.crNumber })}</span>
                  </td>
                  <td className="py-2 pe-4">{govName(item.governorateCode)}</td>
                  <td className="py-2 pe-4">{formatDateTime(item.queuedAt, locale)}</td>
                  <td className="py-2">
                    {t("days", {
                      days: waited(item.queuedAt),
                      n: formatNumber(waited(item.queuedAt), locale),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <nav className="mb-8 flex flex-wrap gap-6" aria-label={t(`titles.${kind}`)}>
        {one(sp.after) ? (
          <Link
            href={{ pathname: `/admin/queues/${kind}`, query: keep }}
            className="text-brand-800 underline"
          >
            {t("first")}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link
            href={{ pathname: `/admin/queues/${kind}`, query: { ...keep, after: page.nextCursor } }}
            className="text-brand-800 underline"
            rel="next"
          >
            {t("next")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
