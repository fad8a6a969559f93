import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { ScrollTable } from "@/components/ui/scroll-table";
import { refundStatusTone } from "@/components/admin-finance/tones";
import { Tag } from "@/components/ui/tag";
import { formatAge } from "@/lib/admin/age";
import {
  decodeRefundCursor,
  listRefundQueue,
  parseRefundFilters,
  REFUND_GROUNDS,
  REFUND_STATUSES,
} from "@/lib/admin/refunds/queue";
import { recordStaffSearch } from "@/lib/audit/searches";
import { requireStaffPage } from "@/lib/auth/guards";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formatDate, formatOmr } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { BackLink } from "@/components/ui/back-link";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminFinance.refunds");
  return { title: t("title") };
}

type Search = { status?: string; ground?: string; from?: string; to?: string; q?: string; after?: string };

/** Finance's queue of refund requests (finance and supervisors). */
export default async function RefundQueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Search>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaffPage(locale, ["finance"]);
  const sp = await searchParams;
  const t = await getTranslations("adminFinance");
  const tsh = await getTranslations("shell");
  const { status, ground, from, to, q } = parseRefundFilters(sp);
  // A search for a person (civil ID, name) is a view of people's data: recorded, once per search (issue 10 §13).
  if (!sp.after) await recordStaffSearch(actor, { screen: "refunds", q }, await currentRequestInfo());
  const queue = await listRefundQueue(
    actor,
    { status, ground, from, to, q },
    { after: decodeRefundCursor(sp.after) },
  );
  const keep = new URLSearchParams();
  for (const [k, v] of Object.entries({ status, ground, from, to, q })) if (v) keep.set(k, v);
  const csvHref = `/api/admin/export/refunds?${keep.toString()}`;
  const nextHref = queue.next
    ? `/admin/refunds?${new URLSearchParams([...keep, ["after", queue.next]]).toString()}`
    : null;
  const select = "block w-full border-2 border-ink bg-white px-3 py-2";
  return (
    <>
      <BackLink href="/admin">{t("back")}</BackLink>
      <PageTitle lead={t("refunds.lead")}>{t("refunds.title")}</PageTitle>
      <p className="mb-6 text-lg font-semibold" data-testid="refund-waiting">
        {t("refunds.waiting", {
          count: queue.waiting.count,
          age: queue.waiting.oldest ? formatAge(queue.waiting.oldest, locale) : "",
        })}
      </p>
      <p className="mb-6">
        <a href={csvHref} className="text-brand-800 underline" data-testid="refunds-csv">
          {t("refunds.csv")}
        </a>
      </p>
      <form
        method="get"
        className="mb-6 grid gap-4 border-2 border-gray-300 p-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
      >
        <div className="sm:col-span-2 lg:col-span-5">
          <label htmlFor="q" className="mb-1 block font-semibold">
            {t("refunds.search")}
          </label>
          <p id="q-hint" className="mb-1 text-sm text-muted">
            {t("refunds.searchHint")}
          </p>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q ?? ""}
            aria-describedby="q-hint"
            className={`${select} max-w-xl`}
          />
        </div>
        <div>
          <label htmlFor="status" className="mb-1 block font-semibold">
            {t("refunds.filterStatus")}
          </label>
          <select id="status" name="status" defaultValue={status ?? ""} className={select}>
            <option value="">{t("refunds.any")}</option>
            {REFUND_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ground" className="mb-1 block font-semibold">
            {t("refunds.filterGround")}
          </label>
          <select id="ground" name="ground" defaultValue={ground ?? ""} className={select}>
            <option value="">{t("refunds.any")}</option>
            {REFUND_GROUNDS.map((g) => (
              <option key={g} value={g}>
                {t(`ground.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="mb-1 block font-semibold">
            {t("refunds.from")}
          </label>
          <input id="from" name="from" type="date" dir="ltr" defaultValue={from ?? ""} className={select} />
        </div>
        <div>
          <label htmlFor="to" className="mb-1 block font-semibold">
            {t("refunds.to")}
          </label>
          <input id="to" name="to" type="date" dir="ltr" defaultValue={to ?? ""} className={select} />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button
            type="submit"
            className="bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-800"
          >
            {t("refunds.apply")}
          </button>
          <Link href="/admin/refunds" className="text-brand-800 underline">
            {t("refunds.clear")}
          </Link>
        </div>
      </form>
      {queue.items.length === 0 ? (
        <p>{t("refunds.none")}</p>
      ) : (
        <ScrollTable label={t("refunds.tableCaption")} hint={tsh("scrollHint")}>
          <table
            className="w-full border-collapse text-start text-sm sm:text-base"
            data-testid="refund-queue"
          >
            <caption className="sr-only">{t("refunds.tableCaption")}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-2 pe-4 text-start">
                  {t("refunds.reference")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start">
                  {t("refunds.establishment")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start">
                  {t("refunds.amount")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start">
                  {t("refunds.asked")}
                </th>
                <th scope="col" className="py-2 text-start">
                  {t("refunds.statusCol")}
                </th>
              </tr>
            </thead>
            <tbody>
              {queue.items.map((r) => (
                <tr key={r.id} className="border-b border-gray-300 align-top" data-refund={r.id}>
                  <th scope="row" className="py-2 pe-4 text-start font-normal">
                    <Link href={`/admin/refunds/${r.id}`} className="font-semibold text-brand-800 underline">
                      <bdi dir="ltr">{r.reference}</bdi>
                    </Link>
                    <span className="block text-sm text-muted">{t(`ground.${r.ground}`)}</span>
                  </th>
                  <td className="py-2 pe-4">
                    <span className="block">{locale === "ar" ? r.establishmentAr : r.establishmentEn}</span>
                    <span className="block text-sm text-muted">
                      {locale === "ar" ? r.workerAr : r.workerEn}
                    </span>
                  </td>
                  <td className="py-2 pe-4 whitespace-nowrap">{formatOmr(r.amountBaisa, locale)}</td>
                  <td className="py-2 pe-4 whitespace-nowrap">{formatDate(r.createdAt, locale, "medium")}</td>
                  <td className="py-2">
                    <Tag tone={refundStatusTone[r.status]}>{t(`status.${r.status}`)}</Tag>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <nav className="mt-6 flex gap-6" aria-label={t("refunds.title")}>
        {sp.after ? (
          <Link
            href={`/admin/refunds${keep.size ? `?${keep.toString()}` : ""}`}
            className="text-brand-800 underline"
          >
            {t("refunds.first")}
          </Link>
        ) : null}
        {nextHref ? (
          <Link href={nextHref} className="text-brand-800 underline">
            {t("refunds.next")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
