import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { StepCaption } from "@/components/filing/caption";
import { CheckForm } from "@/components/filing/check-form";
import { SummaryList, type SummaryRow } from "@/components/filing/summary-list";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { listGovernoratesWithState } from "@/lib/governorates/state";
import { formatDate, formatOmr } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { formatRefusalParams } from "@/lib/reports/refusal-format";
import { EMPLOYER_EVIDENCE_KINDS, requiredEvidence } from "@/lib/reports/review";
import { DECLARATION_KEYS, type DeclarationKey } from "@/lib/reports/declarations";
import { earliestFilingDate } from "@/lib/reports/rules";
import { stepPath, type FilingStep } from "@/lib/reports/steps";
import { loadDraft, type StepProps } from "../load-draft";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("filing.check");
  return { title: t("title") };
}

/**
 * Screen 4: every answer with a Change link that comes back here, what still blocks the report, the deposit,
 * and at the foot the Art. 2 declarations as the statement that sends the report to payment.
 */
export default async function CheckAnswersPage({ params }: StepProps) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const d = await loadDraft(locale, id, "check", undefined);
  const t = await getTranslations("filing");
  const te = (await getTranslations("filing.errors")) as unknown as (
    key: string,
    params?: Record<string, string>,
  ) => string;
  const r = d.report;
  const w = d.worker;
  const notAnswered = <span className="text-muted">{t("check.notAnswered")}</span>;
  const change = (step: FilingStep, what: string, anchor?: string) => ({
    href: stepPath(id, step, "check", anchor),
    text: t("check.change"),
    hidden: what,
  });
  const governorates = await listGovernoratesWithState();
  const gov = governorates.find((g) => g.code === r.workGovernorateCode);
  const nationality = t.has(`nationalities.${w.nationality}` as "nationalities.IN")
    ? t(`nationalities.${w.nationality}` as "nationalities.IN")
    : w.nationality;
  const required = requiredEvidence(w.enteredOmanOn, r.lastDayAtWork);

  const workerRows: SummaryRow[] = [
    {
      key: "name",
      label: t("check.name"),
      value: (
        <>
          {locale === "ar" ? w.nameAr : w.nameEn}
          <br />
          <span className="text-muted">{locale === "ar" ? w.nameEn : w.nameAr}</span>
        </>
      ),
    },
    { key: "civilId", label: t("check.civilId"), value: <bdi dir="ltr">{w.civilId}</bdi> },
    { key: "nationality", label: t("check.nationality"), value: nationality },
    { key: "permit", label: t("check.permit"), value: <bdi dir="ltr">{w.permitNumber}</bdi> },
  ];
  const absenceRows: SummaryRow[] = [
    {
      key: "lastDay",
      label: t("check.lastDay"),
      value: r.lastDayAtWork ? formatDate(r.lastDayAtWork, locale) : notAnswered,
      change: change("absence", t("check.lastDay"), "lastDay"),
    },
    ...(r.lastDayAtWork
      ? [
          {
            key: "firstDate",
            label: t("check.firstDate"),
            value: formatDate(earliestFilingDate(r.lastDayAtWork), locale),
          },
        ]
      : []),
    {
      key: "workplace",
      label: t("check.workplace"),
      value:
        r.workAddress && gov ? (
          <>
            {locale === "ar" ? gov.nameAr : gov.nameEn}
            <br />
            {r.workAddress}
          </>
        ) : (
          notAnswered
        ),
      change: change("absence", t("check.workplace"), "workGovernorateCode"),
    },
    {
      key: "contact",
      label: t("check.contact"),
      value: r.contactAttempts ?? notAnswered,
      change: change("absence", t("check.contact"), "contactAttempts"),
    },
  ];
  const evidenceRows: SummaryRow[] = EMPLOYER_EVIDENCE_KINDS.map((kind) => {
    const file = d.evidence.find((e) => e.kind === kind);
    const label = t(`evidence.kinds.${kind}.label`);
    return {
      key: kind,
      label,
      value: file ? (
        <a
          href={`/api/evidence/${file.id}`}
          target="_blank"
          rel="noopener"
          className="text-brand-800 underline"
        >
          <bdi>{file.originalName}</bdi>
        </a>
      ) : required.includes(kind) ? (
        <span className="font-semibold text-danger">{t("check.missing")}</span>
      ) : (
        t("check.notNeeded")
      ),
      change: change("evidence", label),
    };
  });

  // The declarations are made in the form at the foot of this page: the form itself asks for them.
  const problems = d.problems.filter((p) => p.step !== "check");
  const confirmed = Object.fromEntries(DECLARATION_KEYS.map((k) => [k, r[k] === false])) as Record<
    DeclarationKey,
    boolean
  >;
  return (
    <>
      <StepCaption
        backHref={stepPath(id, "evidence")}
        backText={t("back")}
        caption={d.caption}
        discard={d.discard}
      />
      <CheckForm reportId={id} confirmed={confirmed} canSend={problems.length === 0}>
        {problems.length > 0 ? (
          <div role="alert" className="mb-8 border-4 border-danger p-4" data-testid="problems">
            <h2 className="mb-2 text-xl font-bold">{t("check.problemsTitle")}</h2>
            <ul className="list-disc space-y-2 ps-6">
              {problems.map((p) => (
                <li key={`${p.step}-${p.code}`}>
                  {p.step === "worker" || p.step === "check" ? (
                    te(p.code, formatRefusalParams(p.params, locale))
                  ) : (
                    <Link
                      href={stepPath(id, p.step, "check", p.field)}
                      className="font-semibold text-danger underline"
                    >
                      {te(p.code, formatRefusalParams(p.params, locale))}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <PageTitle>{t("check.title")}</PageTitle>
        {r.status === "awaiting_payment" ? <Notice>{t("check.awaitingPayment")}</Notice> : null}

        <h2 className="mb-2 text-xl font-bold">{t("check.worker")}</h2>
        <SummaryList rows={workerRows} />
        <h2 className="mb-2 text-xl font-bold">{t("check.absence")}</h2>
        <SummaryList rows={absenceRows} />
        <h2 className="mb-2 text-xl font-bold">{t("check.evidence")}</h2>
        <SummaryList rows={evidenceRows} />

        <h2 className="mb-2 text-xl font-bold">{t("check.deposit")}</h2>
        <SummaryList
          rows={[
            {
              key: "amount",
              label: t("check.amount"),
              value: d.feeBaisa ? (
                <strong className="text-xl" data-testid="deposit-amount">
                  {formatOmr(d.feeBaisa, locale)}
                </strong>
              ) : (
                t("check.noFee")
              ),
            },
          ]}
        />
        <p className="-mt-6 mb-8 max-w-2xl text-muted">{t("check.amountHint")}</p>
      </CheckForm>
    </>
  );
}
