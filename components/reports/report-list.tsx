import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";
import type { ReportListRow } from "@/lib/reports/queries";
import { Tag } from "@/components/ui/tag";
import { StatusTag } from "./status-tag";

/** Where "continue" goes for a report not yet filed: a draft to its answers, one awaiting payment to the pay page. */
export function resumeHref(id: string, status: "draft" | "awaiting_payment" | string): string {
  return status === "awaiting_payment" ? `/employer/reports/${id}/pay` : `/employer/reports/${id}/edit/check`;
}

function WorkerName({ row, locale }: { row: ReportListRow; locale: Locale }) {
  const [first, second] =
    locale === "ar" ? [row.workerNameAr, row.workerNameEn] : [row.workerNameEn, row.workerNameAr];
  return (
    <>
      <span className="block font-semibold">{first}</span>
      {/* The other script's spelling, isolated so it reads in its own direction but aligns with the first. */}
      <span className="block text-sm text-muted">
        <bdi lang={locale === "ar" ? "en" : "ar"}>{second}</bdi>
      </span>
    </>
  );
}

function RowAction({ row }: { row: ReportListRow }) {
  const t = useTranslations("tracking.dashboard");
  if (row.status === "draft" || row.status === "awaiting_payment") {
    return (
      <Link
        href={resumeHref(row.id, row.status)}
        className="font-semibold text-brand-800 underline"
        aria-label={t("continueLabel", { reference: row.reference })}
      >
        {row.status === "draft" ? t("continue") : t("pay")}
      </Link>
    );
  }
  return (
    <Link
      href={`/employer/reports/${row.id}`}
      className="text-brand-800 underline"
      aria-label={t("openLabel", { reference: row.reference })}
    >
      {t("open")}
    </Link>
  );
}

function DateCell({ row, locale }: { row: ReportListRow; locale: Locale }) {
  const t = useTranslations("tracking.dashboard");
  return row.submittedAt
    ? t("filedOn", { date: formatDate(row.submittedAt, locale, "medium") })
    : t("startedOn", { date: formatDate(row.createdAt, locale, "medium") });
}

/** The establishment's reports: a table on wide screens, a list of cards on narrow ones. */
export function ReportList({ rows }: { rows: ReportListRow[] }) {
  const t = useTranslations("tracking.dashboard");
  const locale = useLocale() as Locale;
  return (
    <>
      <table className="hidden w-full border-collapse text-start sm:table" data-testid="report-table">
        <thead>
          <tr className="border-b-2 border-ink text-start">
            <th scope="col" className="py-2 pe-3 text-start">
              {t("columns.reference")}
            </th>
            <th scope="col" className="py-2 pe-3 text-start">
              {t("columns.worker")}
            </th>
            <th scope="col" className="py-2 pe-3 text-start">
              {t("columns.date")}
            </th>
            <th scope="col" className="py-2 pe-3 text-start">
              {t("columns.status")}
            </th>
            <th scope="col" className="py-2 text-start">
              {t("columns.action")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-gray-300 align-top" data-reference={r.reference}>
              <td className="py-3 pe-3">
                <Link
                  href={`/employer/reports/${r.id}`}
                  className="font-mono text-brand-800 underline"
                  dir="ltr"
                >
                  {r.reference}
                </Link>
              </td>
              <td className="py-3 pe-3">
                <WorkerName row={r} locale={locale} />
                <span className="block text-sm text-muted">{t("civilIdLabel", { civilId: r.civilId })}</span>
              </td>
              <td className="py-3 pe-3 text-sm">
                <DateCell row={r} locale={locale} />
              </td>
              <td className="py-3 pe-3">
                <StatusTag status={r.status} />
                {r.openCancellation ? (
                  <span className="mt-1 block">
                    <Tag tone="yellow">{t("cancellationOpen")}</Tag>
                  </span>
                ) : null}
              </td>
              <td className="py-3">
                <RowAction row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <ul className="space-y-3 sm:hidden" data-testid="report-cards">
        {rows.map((r) => (
          <li key={r.id} className="border-2 border-gray-300 p-3" data-reference={r.reference}>
            <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
              <Link
                href={`/employer/reports/${r.id}`}
                className="font-mono font-semibold text-brand-800 underline"
                dir="ltr"
              >
                {r.reference}
              </Link>
              <StatusTag status={r.status} />
            </div>
            <WorkerName row={r} locale={locale} />
            <p className="text-sm text-muted">{t("civilIdLabel", { civilId: r.civilId })}</p>
            <p className="text-sm">
              <DateCell row={r} locale={locale} />
            </p>
            {r.openCancellation ? (
              <p className="mt-1">
                <Tag tone="yellow">{t("cancellationOpen")}</Tag>
              </p>
            ) : null}
            <p className="mt-2">
              <RowAction row={r} />
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
