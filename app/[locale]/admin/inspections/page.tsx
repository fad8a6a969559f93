import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { referralStatusTone } from "@/components/admin-finance/tones";
import { PageTitle } from "@/components/ui/page-title";
import { Tag } from "@/components/ui/tag";
import { formatAge } from "@/lib/admin/age";
import { listInspectionReferrals } from "@/lib/admin/inspections";
import { requireStaffPage } from "@/lib/auth/guards";
import { formatDate } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { BackLink } from "@/components/ui/back-link";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminFinance.inspections");
  return { title: t("title") };
}

/** Art. 4 referrals, open first and oldest first, each with the reports that triggered it (supervisors). */
export default async function InspectionsPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaffPage(locale, ["supervisor"]);
  const t = await getTranslations("adminFinance");
  const { items, open } = await listInspectionReferrals(actor);
  return (
    <>
      <BackLink href="/admin">{t("back")}</BackLink>
      <PageTitle lead={t("inspections.lead")}>{t("inspections.title")}</PageTitle>
      <p className="mb-6 text-lg font-semibold">
        {t("inspections.open", { count: open.count, age: open.oldest ? formatAge(open.oldest, locale) : "" })}
      </p>
      {items.length === 0 ? <p>{t("inspections.none")}</p> : null}
      <ul className="list-none">
        {items.map(({ referral, establishment, reports }) => (
          <li key={referral.id} className="border-t-2 border-gray-300 py-5" data-referral={referral.id}>
            <h2 className="mb-1 text-xl font-bold">
              <Link href={`/admin/inspections/${referral.id}`} className="text-brand-800 underline">
                {locale === "ar" ? establishment.nameAr : establishment.nameEn}
              </Link>
            </h2>
            <p className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1">
              <Tag tone={referralStatusTone[referral.status]}>
                {t(`inspections.states.${referral.status}`)}
              </Tag>
              <span>{t(`inspections.period.${referral.period}`, { key: referral.periodKey })}</span>
              <span className="text-muted">{t("inspections.reportCount", { count: reports.length })}</span>
              <bdi dir="ltr" className="text-muted">
                CR {establishment.crNumber}
              </bdi>
            </p>
            {establishment.servicesSuspendedUntil && establishment.servicesSuspendedUntil > new Date() ? (
              <p className="font-semibold text-danger">
                {t("inspections.suspendedUntil", {
                  date: formatDate(establishment.servicesSuspendedUntil, locale),
                })}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
