import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { RefusalPanel } from "@/components/filing/refusal-panel";
import { PayForm } from "@/components/payments/pay-form";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { requireEmployerPage } from "@/lib/auth/guards";
import { formatNumber, formatOmr } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { returnToDraftAction } from "@/lib/reports/filing-actions";
import type { Locale } from "@/lib/i18n/routing";
import { getReportPayment } from "@/lib/payments/queries";
import { stripeConfigured } from "@/lib/payments/stripe";
import { RULES } from "@/lib/reports/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("payments.pay");
  return { title: t("title") };
}

const REFUND_GROUNDS = ["legalPeriod", "cancellation", "grievance", "leftCountry"] as const;

/** Step 6 of the filing journey: the ticket deposit, what it is for, and the Pay button. */
export default async function PayPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale; id: string }>;
  searchParams: Promise<{ cancelled?: string }>;
}) {
  const { locale, id } = await params;
  const { cancelled } = await searchParams;
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  const found = await getReportPayment(actor, id);
  if (!found) notFound();
  const { report, worker, establishment, deposit } = found;
  if (report.status === "draft") redirect(`/${locale}/employer/reports/${id}/edit/check`);
  if (report.status !== "awaiting_payment" || !report.feeBaisa)
    redirect(`/${locale}/employer/reports/${id}/confirmation`);

  const t = await getTranslations("payments.pay");
  const amount = formatOmr(report.feeBaisa, locale);
  const notice =
    deposit?.status === "failed"
      ? t("failed")
      : deposit?.status === "expired"
        ? t("expired")
        : cancelled
          ? t("cancelled")
          : deposit?.status === "pending"
            ? t("started")
            : null;
  return (
    <>
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>
      {notice ? <Notice tone={deposit?.status === "failed" ? "warning" : "info"}>{notice}</Notice> : null}

      <dl className="mb-8 grid max-w-2xl grid-cols-1 gap-x-6 gap-y-1 border-t border-gray-300 pt-4 sm:grid-cols-[auto_1fr] sm:gap-y-2">
        <dt className="font-semibold">{t("reference")}</dt>
        <dd className="mb-2 font-mono sm:mb-0">
          <bdi dir="ltr">{report.reference}</bdi>
        </dd>
        <dt className="font-semibold">{t("establishment")}</dt>
        <dd className="mb-2 sm:mb-0">{locale === "ar" ? establishment.nameAr : establishment.nameEn}</dd>
        <dt className="font-semibold">{t("worker")}</dt>
        <dd className="mb-2 sm:mb-0">{locale === "ar" ? worker.nameAr : worker.nameEn}</dd>
        <dt className="font-semibold">{t("civilId")}</dt>
        <dd className="mb-2 sm:mb-0">
          <bdi dir="ltr">{worker.civilId}</bdi>
        </dd>
      </dl>

      <div className="mb-8 max-w-2xl border-s-8 border-brand-600 bg-brand-50 p-4">
        <p className="font-semibold">{t("amount")}</p>
        <p className="text-3xl font-bold" data-testid="deposit-amount">
          {amount}
        </p>
        <p className="text-sm text-muted">{t("amountHint")}</p>
      </div>

      <section className="mb-6 max-w-2xl">
        <h2 className="mb-2 text-xl font-bold">{t("whatForTitle")}</h2>
        <p>{t("whatForText")}</p>
      </section>
      <section className="mb-6 max-w-2xl">
        <h2 className="mb-2 text-xl font-bold">{t("refundTitle")}</h2>
        <p className="mb-2">{t("refundLead")}</p>
        <ul className="list-disc space-y-1 ps-6">
          {REFUND_GROUNDS.map((g) => (
            <li key={g}>
              {t(`refundGrounds.${g}`, {
                years: formatNumber(RULES.legalPeriodYears, locale),
                claimYears: formatNumber(RULES.refundClaimYears, locale),
              })}
            </li>
          ))}
        </ul>
      </section>
      <section className="mb-8 max-w-2xl">
        <h2 className="mb-2 text-xl font-bold">{t("howTitle")}</h2>
        <p id="pay-how">{stripeConfigured() ? t("howStripe") : t("howLocal")}</p>
      </section>

      {found.blocked ? (
        // A filing rule stopped holding since the answers were checked: paying now would only be refunded.
        <RefusalPanel refusal={found.blocked} locale={locale} title={t("blockedTitle")} />
      ) : (
        <PayForm reportId={report.id} amount={amount} />
      )}
      {deposit?.status === "pending" ? null : (
        // Back to the answers: the report returns to draft (refused while a payment is under way).
        <form action={returnToDraftAction} className="mt-6 no-print">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="reportId" value={report.id} />
          <button type="submit" className="text-brand-800 underline">
            {t("change")}
          </button>
        </form>
      )}
      {deposit?.status === "pending" ? null : (
        <p className="mt-4 no-print">
          <Link href={`/employer/reports/${report.id}/discard`} className="text-brand-800 underline">
            {t("discard")}
          </Link>
        </p>
      )}
    </>
  );
}
