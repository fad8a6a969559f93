import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { desc } from "drizzle-orm";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { PageTitle } from "@/components/ui/page-title";
import { isDemoMode } from "@/lib/config";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { providersFromEnv } from "@/lib/notifications/providers";
import { smsSegments } from "@/lib/notifications/sms-segments";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("outbox");
  return { title: t("title") };
}

type Row = typeof notifications.$inferSelect;

const statusTone: Record<Row["status"], string> = {
  created: "border-gray-400 bg-gray-100",
  sending: "border-ink bg-white",
  delivered: "border-brand-600 bg-brand-50",
  temporary_failure: "border-yellow-600 bg-yellow-50",
  permanent_failure: "border-danger bg-red-50",
};

/** Development and demo only: every recorded message, as its recipient would see it, and how sending went. */
export default async function OutboxPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  if (!isDemoMode()) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("outbox");
  const tn = await getTranslations("notify.outbox");
  const providers = providersFromEnv();
  const rows = await db.select().from(notifications).orderBy(desc(notifications.createdAt)).limit(100);
  return (
    <>
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>
      <p className="mb-6 text-sm text-muted">
        {tn("providers", {
          sms: tn(`provider.${providers.sms.name}` as "provider.outbox"),
          email: tn(`provider.${providers.email.name}` as "provider.outbox"),
        })}
      </p>
      {rows.length === 0 ? <p>{t("empty")}</p> : null}
      <ol className="space-y-6">
        {rows.map((n) => {
          const messageLocale: Locale = isLocale(n.locale) ? n.locale : "ar";
          const dir = messageLocale === "ar" ? "rtl" : "ltr";
          const segments = n.channel === "sms" ? smsSegments(n.body) : null;
          return (
            <li
              key={n.id}
              className="border-2 border-gray-300 p-4"
              data-testid="outbox-message"
              data-recipient={n.recipient}
              data-template={n.template}
              data-status={n.status}
            >
              <p className="mb-2 text-sm text-muted">
                <span className="font-semibold">{t(`channel.${n.channel}`)}</span> · {t("to")}{" "}
                <span dir="ltr" className="font-mono">
                  {n.recipient}
                </span>{" "}
                · {t("template")} <code>{n.template}</code> · {t("created")}{" "}
                {formatDateTime(n.createdAt, locale)}
              </p>
              <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                <span className={`border-s-4 px-2 py-0.5 font-semibold ${statusTone[n.status]}`}>
                  <span className="sr-only">{t("status")}: </span>
                  {tn(`statusName.${n.status}`)}
                </span>
                <span>{tn("attempts", { count: n.attempts })}</span>
                {n.sentAt ? (
                  <span>
                    {tn("sentAt")} {formatDateTime(n.sentAt, locale)}
                  </span>
                ) : null}
                {n.deliveredAt ? (
                  <span>
                    {tn("deliveredAt")} {formatDateTime(n.deliveredAt, locale)}
                  </span>
                ) : null}
                {n.status === "temporary_failure" && n.nextAttemptAt ? (
                  <span>
                    {tn("nextAttempt")} {formatDateTime(n.nextAttemptAt, locale)}
                  </span>
                ) : null}
                {n.providerId ? (
                  <span>
                    {tn("providerId")}{" "}
                    <code dir="ltr" className="break-all">
                      {n.providerId}
                    </code>
                  </span>
                ) : null}
              </div>
              {n.lastError ? (
                <p className="mb-3 text-sm">
                  <span className="font-semibold">{tn("lastError")}:</span>{" "}
                  <code dir="ltr" className="break-all">
                    {n.lastError}
                  </code>
                </p>
              ) : null}
              {segments ? (
                <>
                  <article lang={n.locale} dir={dir} className="max-w-md rounded-lg bg-gray-100 p-3">
                    <p className="whitespace-pre-line break-words">{n.body}</p>
                  </article>
                  <p
                    className="mt-2 text-sm text-muted"
                    data-testid="sms-segments"
                    data-segments={segments.segments}
                  >
                    {tn("segments", {
                      count: segments.segments,
                      encoding: tn(`encoding.${segments.encoding}`),
                      units: formatNumber(segments.units, locale),
                    })}
                  </p>
                </>
              ) : (
                <>
                  <iframe
                    title={tn("emailFrame", { subject: n.subject ?? "" })}
                    src={`/api/dev/outbox/${n.id}`}
                    sandbox=""
                    className="h-[36rem] w-full border border-gray-300 bg-white"
                    data-testid="email-preview"
                  />
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm">{tn("plainText")}</summary>
                    <article lang={n.locale} dir={dir} className="mt-2 bg-gray-50 p-3">
                      {n.subject ? <h2 className="mb-2 font-bold">{n.subject}</h2> : null}
                      <p className="whitespace-pre-line break-words">{n.body}</p>
                    </article>
                  </details>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
