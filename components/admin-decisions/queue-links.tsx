import { getLocale, getTranslations } from "next-intl/server";
import { listQueue, QUEUE_COUNT_CAP, QUEUE_KINDS } from "@/lib/admin/queues";
import type { StaffActor } from "@/lib/auth/actor";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { readDatabase } from "@/lib/read-db";

/** The staff home page's block of reviewer queues, each with how many wait and since when. */
export async function DecisionQueuesLinks({ actor }: { actor: StaffActor }) {
  const t = await getTranslations("adminDecisions");
  const locale = (await getLocale()) as Locale;
  const read = await readDatabase();
  const queues = await Promise.all(
    QUEUE_KINDS.map(async (kind) => ({ kind, page: await listQueue(actor, kind, { limit: 1 }, read) })),
  );
  return (
    <section
      aria-labelledby="decision-queues"
      className="mb-8 border-t-4 border-brand-600 bg-brand-50 p-5"
      data-testid="decision-queues"
    >
      <h2 id="decision-queues" className="mb-1 text-xl font-bold">
        {t("home.title")}
      </h2>
      <p className="mb-3 text-muted">{t("home.lead")}</p>
      <ul className="space-y-2">
        {queues.map(({ kind, page }) => (
          <li key={kind}>
            <Link href={`/admin/queues/${kind}`} className="font-semibold text-brand-800 underline">
              {t(`home.${kind}`)}
            </Link>{" "}
            —{" "}
            {page.countCapped
              ? t("queue.countMore", { n: formatNumber(QUEUE_COUNT_CAP, locale) })
              : t("queue.count", { count: page.count, n: formatNumber(page.count, locale) })}
            {page.oldestAt ? (
              <span className="text-muted"> ({formatDate(page.oldestAt, locale)})</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
