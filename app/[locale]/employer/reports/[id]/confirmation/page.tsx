import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PrintButton } from "@/components/payments/print-button";
import { PageTitle } from "@/components/ui/page-title";
import { requireEmployerPage } from "@/lib/auth/guards";
import { formatDateTime, formatNumber, formatOmr } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { checkPaymentOnReturn } from "@/lib/payments/check-payment";
import { PAID_DEPOSIT_STATUSES } from "@/lib/deposits/states";
import { RULES } from "@/lib/reports/settings";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("payments.confirmation");
  return { title: t("title") };
}

const primaryLink =
  "inline-block bg-brand-600 px-5 py-2.5 font-semibold text-white no-underline hover:bg-brand-700";

/**
 * Step 7: the confirmation and receipt. Coming back from checkout, the payment may not be settled yet: the
 * page asks the provider first, then shows the receipt, "still confirming", or "it failed, try again".
 */
export default async function ConfirmationPage({
  params,
}: {
  params: Promise<{ locale: Locale; id: string }>;
}) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  const found = await checkPaymentOnReturn(actor, id);
  if (!found) notFound();
  const { report, worker, establishment, deposit, filedBy } = found;
  if (report.status === "draft") redirect(`/${locale}/employer/reports/${id}/edit/check`);
  const t = await getTranslations("payments.confirmation");

  if (report.status === "awaiting_payment") {
    const pending =
      deposit?.status === "pending" || (deposit && PAID_DEPOSIT_STATUSES.includes(deposit.status));
    const failed = deposit?.status === "failed" || deposit?.status === "expired";
    const title = pending ? t("pendingTitle") : failed ? t("failedTitle") : t("unpaidTitle");
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <div
          role={pending ? "status" : "alert"}
          className={`mb-6 max-w-2xl border-s-8 p-4 ${failed ? "border-danger" : "border-ink"}`}
        >
          <p>{pending ? t("pendingText") : failed ? t("failedText") : t("unpaidText")}</p>
        </div>
        <p className="mb-4 font-mono">
          <bdi dir="ltr">{report.reference}</bdi>
        </p>
        <div className="flex flex-wrap items-center gap-4">
          {pending ? (
            <>
              <Link
                href={`/employer/reports/${id}/confirmation`}
                className={primaryLink}
                data-testid="refresh"
              >
                {t("refresh")}
              </Link>
              <Link href={`/employer/reports/${id}/pay`} className="underline">
                {t("backToPay")}
              </Link>
            </>
          ) : (
            <Link href={`/employer/reports/${id}/pay`} className={primaryLink} data-testid="try-again">
              {failed ? t("tryAgain") : t("payNow")}
            </Link>
          )}
        </div>
      </>
    );
  }

  if (report.status === "rejected" && !report.submittedAt) notFound();
  const paid = deposit && PAID_DEPOSIT_STATUSES.includes(deposit.status) ? deposit : null;
  const emails = [...new Set([establishment.email, filedBy.email].map((e) => e.toLowerCase()))];
  return (
    <>
      <div className="mb-8 max-w-2xl bg-brand-600 p-6 text-center text-white print:border-4 print:border-ink print:bg-white print:text-ink">
        <h1 className="mb-4 text-2xl font-bold sm:text-3xl">{t("title")}</h1>
        <p className="text-lg">{t("referenceLabel")}</p>
        <p
          className="mt-1 font-mono text-3xl font-bold tracking-wider break-all sm:text-4xl"
          dir="ltr"
          data-testid="reference"
        >
          {report.reference}
        </p>
      </div>
      <p className="mb-2 max-w-2xl">{t("referenceHint")}</p>
      <p className="mb-8 max-w-2xl text-muted">
        {t.rich("emailSent", {
          emails: () =>
            emails.map((e, i) => (
              <span key={e}>
                {i > 0 ? ` ${t("and")} ` : null}
                <bdi dir="ltr">{e}</bdi>
              </span>
            )),
        })}
      </p>

      <section className="mb-8 max-w-2xl">
        <h2 className="mb-3 text-xl font-bold">{t("receiptTitle")}</h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 border-t border-gray-300 pt-4 sm:grid-cols-[auto_1fr] sm:gap-y-2">
          <dt className="font-semibold">{t("establishment")}</dt>
          <dd className="mb-2 sm:mb-0">
            {locale === "ar" ? establishment.nameAr : establishment.nameEn}{" "}
            <bdi dir="ltr" className="text-muted">
              ({establishment.crNumber})
            </bdi>
          </dd>
          <dt className="font-semibold">{t("worker")}</dt>
          <dd className="mb-2 sm:mb-0">{locale === "ar" ? worker.nameAr : worker.nameEn}</dd>
          <dt className="font-semibold">{t("civilId")}</dt>
          <dd className="mb-2 sm:mb-0">
            <bdi dir="ltr">{worker.civilId}</bdi>
          </dd>
          {paid ? (
            <>
              <dt className="font-semibold">{t("amountPaid")}</dt>
              <dd className="mb-2 font-semibold sm:mb-0" data-testid="amount-paid">
                {formatOmr(paid.amountBaisa, locale)}
              </dd>
              {paid.paidAt ? (
                <>
                  <dt className="font-semibold">{t("paidAt")}</dt>
                  <dd className="mb-2 sm:mb-0">{formatDateTime(paid.paidAt, locale)}</dd>
                </>
              ) : null}
              {paid.providerPaymentId ? (
                <>
                  <dt className="font-semibold">{t("paymentReference")}</dt>
                  <dd className="mb-2 font-mono text-sm break-all sm:mb-0">
                    <bdi dir="ltr">{paid.providerPaymentId}</bdi>
                  </dd>
                </>
              ) : null}
            </>
          ) : null}
          {report.submittedAt ? (
            <>
              <dt className="font-semibold">{t("submittedAt")}</dt>
              <dd className="mb-2 sm:mb-0">{formatDateTime(report.submittedAt, locale)}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="mb-8 max-w-2xl">
        <h2 className="mb-3 text-xl font-bold">{t("nextTitle")}</h2>
        <ul className="list-disc space-y-2 ps-6">
          <li>
            {t("nextWorker")} {worker.email ? t("nextWorkerEmail") : null}
          </li>
          <li>{t("nextReview")}</li>
          <li>{t("nextGrievance", { days: formatNumber(RULES.grievanceWindowDays, locale) })}</li>
          <li>{t("nextTrack")}</li>
        </ul>
      </section>

      <section className="mb-8 max-w-2xl">
        <h2 className="mb-3 text-xl font-bold">{t("helpTitle")}</h2>
        <p>{t("helpText")}</p>
      </section>

      <div className="no-print flex flex-wrap items-center gap-4">
        <PrintButton />
        <Link href="/employer" className="underline">
          {t("dashboard")}
        </Link>
      </div>
    </>
  );
}
