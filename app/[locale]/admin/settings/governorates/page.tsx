import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { GovernorateScheduleForm } from "@/components/admin/governorate-schedule-form";
import { PageTitle } from "@/components/ui/page-title";
import { requireStaffPage } from "@/lib/auth/guards";
import { listGovernoratesWithState } from "@/lib/governorates/state";
import { formatDate } from "@/lib/i18n/format";
import { BackLink } from "@/components/ui/back-link";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminSettings.governorates");
  return { title: t("title") };
}

const tag = {
  mandatory: "bg-brand-600 text-white",
  pilot: "bg-yellow-200 text-ink",
  not_live: "bg-gray-200 text-ink",
} as const;

/** The rollout schedule: supervisors only (the layout admits any staff; this page narrows it). */
export default async function GovernorateSchedulePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireStaffPage(locale, ["supervisor"]);
  const t = await getTranslations("adminSettings.governorates");
  const tl = await getTranslations("landing");
  const govs = await listGovernoratesWithState();
  return (
    <>
      <BackLink href="/admin">{t("back")}</BackLink>
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>
      <p className="mb-6 text-muted">{t("audit")}</p>
      <ul className="list-none">
        {govs.map((g) => {
          const name = locale === "ar" ? g.nameAr : g.nameEn;
          const when = g.since
            ? t(g.state === "not_live" ? "startsOn" : "since", { date: formatDate(g.since, locale) })
            : t("notScheduled");
          return (
            <li key={g.code} className="border-t-2 border-gray-300 py-5" data-governorate={g.code}>
              <h2 id={`gov-${g.code}`} className="mb-1 text-xl font-bold">
                {name}
              </h2>
              <p className="mb-4">
                <span className="font-semibold">{t("stateToday")}:</span>{" "}
                <span
                  className={`inline-block px-2 py-0.5 text-sm font-semibold ${tag[g.state]}`}
                  data-testid="state"
                >
                  {tl(`stateNames.${g.state}`)}
                </span>{" "}
                <span className="text-muted">{when}</span>
              </p>
              <GovernorateScheduleForm
                code={g.code}
                name={name}
                pilotFrom={g.pilotFrom}
                mandatoryFrom={g.mandatoryFrom}
              />
            </li>
          );
        })}
      </ul>
    </>
  );
}
