import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { desc } from "drizzle-orm";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { PageTitle } from "@/components/ui/page-title";
import { isDemoMode } from "@/lib/config";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("outbox");
  return { title: t("title") };
}

/** Development and demo only: every recorded message, as its recipient would see it. */
export default async function OutboxPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  if (!isDemoMode()) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("outbox");
  const rows = await db.select().from(notifications).orderBy(desc(notifications.createdAt)).limit(100);
  return (
    <>
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>
      {rows.length === 0 ? <p>{t("empty")}</p> : null}
      <ol className="space-y-6">
        {rows.map((n) => (
          <li key={n.id} className="border-2 border-gray-300 p-4" data-testid="outbox-message" data-recipient={n.recipient} data-template={n.template}>
            <p className="mb-2 text-sm text-muted">
              <span className="font-semibold">{t(`channel.${n.channel}`)}</span> · {t("to")}{" "}
              <span dir="ltr" className="font-mono">
                {n.recipient}
              </span>{" "}
              · {t("template")} <code>{n.template}</code> · {t("status")} <code>{n.status}</code> · {t("created")}{" "}
              {formatDateTime(n.createdAt, locale)}
            </p>
            <article lang={n.locale} dir={n.locale === "ar" ? "rtl" : "ltr"} className="bg-gray-50 p-3">
              {n.subject ? <h2 className="mb-2 font-bold">{n.subject}</h2> : null}
              <p className="whitespace-pre-line break-words">{n.body}</p>
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}
