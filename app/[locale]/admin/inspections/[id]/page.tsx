import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { LiftSuspensionForm } from "@/components/admin-finance/lift-suspension-form";
import { InspectionOutcomeForm } from "@/components/admin-finance/inspection-outcome-form";
import { referralStatusTone } from "@/components/admin-finance/tones";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { Tag } from "@/components/ui/tag";
import { getInspectionReferral } from "@/lib/admin/inspections";
import { requireStaffPage } from "@/lib/auth/guards";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminFinance.inspections");
  return { title: t("title") };
}

/** One referral: the reports that triggered it, and the supervisor's outcome. */
export default async function InspectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale; id: string }>;
  searchParams: Promise<{ notice?: string }>;
}) {
  const { locale, id } = await params;
  const { notice } = await searchParams;
  setRequestLocale(locale);
  const actor = await requireStaffPage(locale, ["supervisor"]);
  const { ip } = await currentRequestInfo();
  const item = await getInspectionReferral(actor, id, { ip });
  if (!item) notFound();
  const { referral, establishment, reports } = item;
  const t = await getTranslations("adminFinance");
  const tr = await getTranslations("tracking.status");
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/inspections" className="text-brand-800 underline">
          {t("inspections.title")}
        </Link>
      </p>
      {notice === "compliant" || notice === "non_compliant" || notice === "lifted" ? (
        <Notice tone="success">{t(`inspections.notices.${notice}`)}</Notice>
      ) : null}
      <PageTitle lead={t(`inspections.period.${referral.period}`, { key: referral.periodKey })}>
        {locale === "ar" ? establishment.nameAr : establishment.nameEn}
      </PageTitle>
      <p className="mb-4 flex flex-wrap items-center gap-3">
        <span data-testid="referral-status">
          <Tag tone={referralStatusTone[referral.status]}>{t(`inspections.states.${referral.status}`)}</Tag>
        </span>
        {referral.decidedAt ? (
          <span className="text-muted">
            {t("inspections.decided", { date: formatDateTime(referral.decidedAt, locale) })}
          </span>
        ) : null}
      </p>
      {referral.outcomeNote ? <p className="mb-4">{referral.outcomeNote}</p> : null}
      {item.suspension ? (
        <section
          aria-labelledby="suspension-title"
          className="mb-8 border-s-8 border-danger bg-white p-4"
          data-testid="suspension"
        >
          <h2 id="suspension-title" className="mb-2 text-xl font-bold">
            {t("inspections.suspension.title")}
          </h2>
          <p className="mb-2 font-semibold" data-testid="suspended-until">
            {t("inspections.suspension.until", { date: formatDate(item.suspension.endsAt, locale) })}
          </p>
          <p className="mb-4 max-w-2xl">{t("inspections.suspension.blocks")}</p>
          <h3 className="mb-2 text-lg font-bold">{t("inspections.suspension.liftTitle")}</h3>
          <LiftSuspensionForm
            suspensionId={item.suspension.id}
            referralId={referral.id}
            version={item.suspension.version}
          />
        </section>
      ) : null}
      <h2 className="mb-2 text-xl font-bold">{t("inspections.reports")}</h2>
      <ul className="mb-8 list-disc ps-5">
        {reports.map((r) => (
          <li key={r.id}>
            <bdi dir="ltr">{r.reference}</bdi> — {locale === "ar" ? r.workerAr : r.workerEn} — {tr(r.status)}
            {r.submittedAt ? (
              <span className="text-muted"> ({formatDate(r.submittedAt, locale, "medium")})</span>
            ) : null}
          </li>
        ))}
      </ul>
      {referral.status === "open" ? <InspectionOutcomeForm referralId={referral.id} /> : null}
    </>
  );
}
