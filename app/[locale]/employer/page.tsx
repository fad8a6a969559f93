import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { Notice } from "@/components/ui/notice";
import { requireEmployerPage } from "@/lib/auth/guards";
import { getOwnEstablishment } from "@/lib/establishments/queries";
import { signOutEverywhereAction } from "@/lib/auth/actions";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("employer");
  return { title: t("dashboardTitle") };
}

export default async function EmployerDashboard({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  const t = await getTranslations("employer");
  const ts = await getTranslations("shell");
  const own = await getOwnEstablishment(actor);
  const est = own?.establishment;
  const suspended = est?.servicesSuspendedUntil && est.servicesSuspendedUntil > new Date() ? est.servicesSuspendedUntil : null;
  return (
    <>
      <PageTitle lead={t("welcome", { name: actor.name })}>{t("dashboardTitle")}</PageTitle>
      {suspended ? <Notice tone="warning">{t("suspended", { date: formatDate(suspended, locale) })}</Notice> : null}
      {est && own ? (
        <dl className="mb-8 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 border-t border-gray-300 pt-4">
          <dt className="font-semibold">{t("establishment")}</dt>
          <dd>{locale === "ar" ? est.nameAr : est.nameEn}</dd>
          <dt className="font-semibold">{t("crNumber")}</dt>
          <dd dir="ltr" className="text-start">
            {est.crNumber}
          </dd>
          <dt className="font-semibold">{t("governorate")}</dt>
          <dd>{locale === "ar" ? own.governorate.nameAr : own.governorate.nameEn}</dd>
          <dt className="font-semibold">{t("role")}</dt>
          <dd>{t(`roles.${actor.role}`)}</dd>
        </dl>
      ) : null}
      <form action={signOutEverywhereAction}>
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" className="underline">
          {ts("signOutEverywhere")}
        </button>
      </form>
    </>
  );
}
