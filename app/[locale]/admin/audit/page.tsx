import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import {
  ACTOR_KINDS,
  auditFilterQuery,
  browseAuditLog,
  decodeAuditCursor,
  parseAuditFilter,
} from "@/lib/admin/audit-log";
import { requireStaffPage } from "@/lib/auth/guards";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { BackLink } from "@/components/ui/back-link";
import { InvalidFilterNotice } from "@/components/admin-insight/invalid-filter-notice";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminInsight.audit");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Pretty JSON for before/after; React escapes it, so a stored script is shown as text. */
function Json({ value }: { value: unknown }) {
  return (
    <pre
      dir="ltr"
      className="max-h-64 overflow-auto bg-gray-100 p-2 text-start text-xs whitespace-pre-wrap break-all"
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

const input = "block w-full border-2 border-ink bg-white px-3 py-2";

/** Supervisors only. Every page view is itself written to the log (browseAuditLog records it). */
export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: SearchParams;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaffPage(locale, ["supervisor"]);
  const t = await getTranslations("adminInsight.audit");
  const tb = await getTranslations("adminInsight");
  const sp = await searchParams;
  const parsed = parseAuditFilter(sp);
  const filter = parsed.filter;
  const cursor = decodeAuditCursor(typeof sp.after === "string" ? sp.after : null);
  const { ip } = await currentRequestInfo();
  const { rows, next } = await browseAuditLog(actor, filter, cursor, { ip });
  const errorKey = (code: string) => `errors.${code}` as "errors.date_invalid";
  const kindKey = (k: string) => `actorKinds.${k}` as "actorKinds.staff";

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

      <form method="get" className="mb-6 border-2 border-gray-300 p-4" aria-labelledby="filters">
        <h2 id="filters" className="mb-3 text-lg font-bold">
          {t("filters")}
        </h2>
        <div className="grid gap-x-6 sm:grid-cols-3">
          <div className="mb-4">
            <label htmlFor="actorKind" className="mb-1 block font-semibold">
              {t("actorKind")}
            </label>
            <select id="actorKind" name="actorKind" defaultValue={filter.actorKind ?? ""} className={input}>
              <option value="">{t("anyActor")}</option>
              {ACTOR_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(kindKey(k))}
                </option>
              ))}
            </select>
          </div>
          <div className="mb-4 sm:col-span-2">
            <label htmlFor="action" className="mb-1 block font-semibold">
              {t("action")}
            </label>
            <p id="action-hint" className="mb-1 text-sm text-muted">
              {t("actionHint")}
            </p>
            <input
              id="action"
              name="action"
              dir="ltr"
              defaultValue={filter.action ?? ""}
              aria-describedby="action-hint"
              className={input}
              spellCheck={false}
            />
          </div>
          <div className="mb-4">
            <label htmlFor="entityType" className="mb-1 block font-semibold">
              {t("entityType")}
            </label>
            <input
              id="entityType"
              name="entityType"
              dir="ltr"
              defaultValue={filter.entityType ?? ""}
              className={input}
              spellCheck={false}
            />
          </div>
          <div className="mb-4 sm:col-span-2">
            <label htmlFor="entityId" className="mb-1 block font-semibold">
              {t("entityId")}
            </label>
            <input
              id="entityId"
              name="entityId"
              dir="ltr"
              defaultValue={filter.entityId ?? ""}
              className={input}
              spellCheck={false}
            />
          </div>
          <div className="mb-4">
            <label htmlFor="from" className="mb-1 block font-semibold">
              {t("from")}
            </label>
            <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} className={input} />
          </div>
          <div className="mb-4">
            <label htmlFor="to" className="mb-1 block font-semibold">
              {t("to")}
            </label>
            <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} className={input} />
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button
            type="submit"
            className="bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700"
          >
            {t("apply")}
          </button>
          <Link href="/admin/audit" className="text-brand-800 underline">
            {t("clear")}
          </Link>
          <a
            href={`/api/admin/export/audit${auditFilterQuery(filter)}`}
            className="text-brand-800 underline"
            download
          >
            {t("export")}
          </a>
        </div>
      </form>

      <p className="mb-3 text-muted" role="status">
        {t("shown", { count: rows.length, countText: formatNumber(rows.length, locale) })}
      </p>
      {rows.length === 0 ? (
        <Notice>{t("none")}</Notice>
      ) : (
        <ol className="list-none p-0" data-testid="audit-events">
          {rows.map((r) => (
            <li key={r.id} className="border-t-2 border-gray-300 py-4" data-action={r.action}>
              <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:gap-4">
                <p className="text-sm text-muted">
                  <time dateTime={r.at.toISOString()}>{formatDateTime(r.at, locale)}</time>
                  <span className="block">#{formatNumber(r.id, locale)}</span>
                </p>
                <div className="min-w-0">
                  <p className="font-semibold">
                    <bdi dir="ltr">{r.action}</bdi>
                  </p>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                    <dt className="text-muted">{t("actor")}</dt>
                    <dd className="min-w-0 break-all">
                      {(ACTOR_KINDS as readonly string[]).includes(r.actorKind)
                        ? t(kindKey(r.actorKind))
                        : r.actorKind}
                      {r.actorName ? ` — ${r.actorName}` : null}
                      {r.actorId ? (
                        <span className="block text-xs text-muted">
                          <bdi dir="ltr">{r.actorId}</bdi>
                        </span>
                      ) : null}
                    </dd>
                    <dt className="text-muted">{t("entity")}</dt>
                    <dd className="min-w-0 break-all">
                      <bdi dir="ltr">
                        {r.entityType}
                        {r.entityId ? ` ${r.entityId}` : ""}
                      </bdi>
                    </dd>
                    {r.ip ? (
                      <>
                        <dt className="text-muted">{t("ip")}</dt>
                        <dd>
                          <bdi dir="ltr">{r.ip}</bdi>
                        </dd>
                      </>
                    ) : null}
                  </dl>
                  {r.before !== null || r.after !== null ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-brand-800 underline">{t("change")}</summary>
                      <div className="mt-2 grid gap-3 md:grid-cols-2">
                        <div>
                          <p className="text-sm font-semibold">{t("before")}</p>
                          <Json value={r.before} />
                        </div>
                        <div>
                          <p className="text-sm font-semibold">{t("after")}</p>
                          <Json value={r.after} />
                        </div>
                      </div>
                    </details>
                  ) : null}
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      <nav className="mt-6 flex flex-wrap gap-6" aria-label={t("title")}>
        {cursor ? (
          <Link href={`/admin/audit${auditFilterQuery(filter)}`} className="text-brand-800 underline">
            {t("first")}
          </Link>
        ) : null}
        {next ? (
          <Link
            href={`/admin/audit${auditFilterQuery(filter, { after: next })}`}
            className="font-semibold text-brand-800 underline"
            rel="next"
          >
            {t("next")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
