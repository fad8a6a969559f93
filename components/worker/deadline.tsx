import { getTranslations } from "next-intl/server";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";

/** The last day to file a grievance, as a date in big type: the one thing a worker must not miss. */
export async function GrievanceDeadline({ deadline, locale }: { deadline: string | null; locale: Locale }) {
  const t = await getTranslations("worker");
  return (
    <section
      aria-labelledby="deadline-title"
      className="mb-8 max-w-3xl border-4 border-ink bg-yellow-100 p-4 sm:p-5"
    >
      <h2 id="deadline-title" className="text-lg font-bold">
        {t("deadlineTitle")}
      </h2>
      {deadline ? (
        <>
          <p className="my-2 text-3xl font-bold sm:text-4xl" data-testid="grievance-deadline">
            <time dateTime={deadline}>{formatDate(deadline, locale)}</time>
          </p>
          <p>{t("deadlineUntil")}</p>
        </>
      ) : (
        <>
          <p className="my-2 text-2xl font-bold sm:text-3xl" data-testid="grievance-deadline">
            {t("deadlineAfterApproval")}
          </p>
          <p>{t("deadlineOpenNow")}</p>
        </>
      )}
    </section>
  );
}
