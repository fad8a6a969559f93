import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { requireEmployerPage } from "@/lib/auth/guards";
import { formatOmr } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { localGatewayAction } from "@/lib/payments/actions";
import { localGatewayEnabled } from "@/lib/payments/local";
import { getLocalCheckout } from "@/lib/payments/local-gateway";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("payments.gateway");
  return { title: t("title"), robots: { index: false } };
}

/**
 * The local test gateway (no STRIPE_SECRET_KEY): stands in for a card payment page in development and the demo.
 * Absent (404) wherever demo features are off; only the employer whose report it is may open a session.
 */
export default async function LocalGatewayPage({
  params,
}: {
  params: Promise<{ locale: Locale; sessionId: string }>;
}) {
  const { locale, sessionId } = await params;
  if (!localGatewayEnabled()) notFound();
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  const found = await getLocalCheckout(actor, sessionId);
  if (!found) notFound();
  const { deposit, report, establishment, expired } = found;
  const t = await getTranslations("payments.gateway");
  const open = deposit.status === "pending" && !expired;
  const hidden = (
    <>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="sessionId" value={sessionId} />
    </>
  );
  return (
    <div className="max-w-2xl">
      <p
        className="mb-6 border-4 border-dashed border-danger bg-yellow-100 p-4 text-lg font-bold text-ink"
        role="note"
        data-testid="test-payment-banner"
      >
        {t("banner")}
      </p>
      <h1 className="mb-3 text-2xl font-bold sm:text-3xl">{t("title")}</h1>
      <p className="mb-6 text-muted">{t("lead")}</p>
      <dl className="mb-8 grid grid-cols-1 gap-x-6 gap-y-1 border-2 border-gray-300 p-4 sm:grid-cols-[auto_1fr] sm:gap-y-2">
        <dt className="font-semibold">{t("payee")}</dt>
        <dd className="mb-2 sm:mb-0">{t("payeeName")}</dd>
        <dt className="font-semibold">{t("payer")}</dt>
        <dd className="mb-2 sm:mb-0">{locale === "ar" ? establishment.nameAr : establishment.nameEn}</dd>
        <dt className="font-semibold">{t("reference")}</dt>
        <dd className="mb-2 font-mono sm:mb-0">
          <bdi dir="ltr">{report.reference}</bdi>
        </dd>
        <dt className="font-semibold">{t("amount")}</dt>
        <dd className="text-2xl font-bold">{formatOmr(deposit.amountBaisa, locale)}</dd>
      </dl>
      {open ? (
        <>
          <div className="mb-6 flex flex-wrap gap-4">
            <form action={localGatewayAction}>
              {hidden}
              <input type="hidden" name="decision" value="approve" />
              <Button data-testid="gateway-approve">{t("approve")}</Button>
            </form>
            <form action={localGatewayAction}>
              {hidden}
              <input type="hidden" name="decision" value="decline" />
              <Button variant="warning" data-testid="gateway-decline">
                {t("decline")}
              </Button>
            </form>
          </div>
          <Link href={`/employer/reports/${report.id}/pay?cancelled=1`} className="underline">
            {t("back")}
          </Link>
        </>
      ) : (
        <>
          <p className="mb-4 border-s-8 border-ink p-4">
            {expired && deposit.status === "pending" ? t("expired") : t("finished")}
          </p>
          <Link href={`/employer/reports/${report.id}/confirmation`} className="underline">
            {t("toConfirmation")}
          </Link>
        </>
      )}
    </div>
  );
}
