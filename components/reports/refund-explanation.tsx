import { useLocale, useTranslations } from "next-intl";
import { formatDate, formatOmr } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";
import type { RefundAssessment, RefundGround } from "@/lib/reports/refund-grounds";
import { RULES } from "@/lib/reports/settings";
import type { ReportStatus } from "@/lib/reports/states";

/** One ground, in words, with its dates where it has them. */
export function GroundText({ ground, refund }: { ground: RefundGround; refund: RefundAssessment }) {
  const t = useTranslations("tracking.refund.grounds");
  const locale = useLocale() as Locale;
  if (ground === "legal_period_ended") {
    return (
      <>
        {t("legal_period_ended", {
          years: RULES.legalPeriodYears,
          date: refund.legalPeriodEnds ? formatDate(refund.legalPeriodEnds, locale) : "",
          until: refund.refundClaimUntil ? formatDate(refund.refundClaimUntil, locale) : "",
        })}
      </>
    );
  }
  return <>{t(ground)}</>;
}

/**
 * Whether the deposit can be claimed back, computed by the system (refund-grounds.ts) and said in words: the
 * grounds that hold, what stops a refund, or when a ground will hold.
 */
export function RefundExplanation({
  refund,
  reportStatus,
}: {
  refund: RefundAssessment;
  reportStatus: ReportStatus;
}) {
  const t = useTranslations("tracking.refund");
  const locale = useLocale() as Locale;
  if (refund.blocker && refund.blocker !== "no_paid_deposit") {
    // A rejected report's refund is requested by the reviewer's decision itself: say so, not only "requested".
    return (
      <div data-testid="refund-state">
        {refund.grounds.includes("report_rejected") ? (
          <p className="mb-2">{t("grounds.report_rejected")}</p>
        ) : null}
        <p>{t(`blocked.${refund.blocker}`)}</p>
      </div>
    );
  }
  if (refund.offered) {
    return (
      <div data-testid="refund-state">
        <p className="font-semibold">{t("offered", { amount: formatOmr(refund.amountBaisa, locale) })}</p>
        <p className="mt-2">{t("because")}</p>
        <ul className="list-disc ps-6">
          {refund.grounds.map((g) => (
            <li key={g}>
              <GroundText ground={g} refund={refund} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (refund.blocker === "no_paid_deposit")
    return <p data-testid="refund-state">{t("blocked.no_paid_deposit")}</p>;
  return (
    <div data-testid="refund-state">
      {refund.legalPeriodGroundFrom ? (
        <p>
          {t("notYet", {
            date: formatDate(refund.legalPeriodGroundFrom, locale),
            years: RULES.legalPeriodYears,
            until: refund.refundClaimUntil ? formatDate(refund.refundClaimUntil, locale) : "",
          })}
        </p>
      ) : refund.claimWindowClosed && refund.refundClaimUntil ? (
        <p>
          {t("windowClosed", {
            date: formatDate(refund.refundClaimUntil, locale),
            years: RULES.refundClaimYears,
          })}
        </p>
      ) : reportStatus === "submitted" ? (
        <p>{t("notYetSubmitted", { years: RULES.legalPeriodYears })}</p>
      ) : (
        <p>{t("notYetOther")}</p>
      )}
    </div>
  );
}
