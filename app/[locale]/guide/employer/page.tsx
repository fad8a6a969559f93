import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { StatusTag } from "@/components/reports/status-tag";
import { PageTitle } from "@/components/ui/page-title";
import type { Locale } from "@/lib/i18n/routing";
import { REPORT_STATUSES } from "@/lib/reports/queries";
import { REFUND_GROUNDS } from "@/lib/reports/refund-grounds";
import { RULES } from "@/lib/reports/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("guide");
  return { title: t("title") };
}

const SECTIONS = [
  "start",
  "filing",
  "paying",
  "tracking",
  "cancelling",
  "refunds",
  "worker",
  "inspection",
  "team",
  "help",
] as const;
const FILING_STEPS = ["worker", "absence", "evidence", "check", "pay", "confirmation"] as const;

/** The numbers the guide quotes, from the one place they are kept. */
const NUMBERS = {
  days: RULES.minDaysAfterLastDay,
  years: RULES.legalPeriodYears,
  claimYears: RULES.refundClaimYears,
  grievanceDays: RULES.grievanceWindowDays,
  monthly: RULES.inspectionMonthlyThreshold,
  yearly: RULES.inspectionYearlyThreshold,
};

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="mb-10 max-w-3xl scroll-mt-4">
      <h2 id={`${id}-title`} className="mb-3 text-xl font-bold sm:text-2xl">
        {title}
      </h2>
      <div className="space-y-3">{children}</div>
    </section>
  );
}

/** The employer's user guide, public (it helps before signing up too), written from the real screens. */
export default async function EmployerGuidePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("guide");
  const s = await getTranslations("guide.sections");
  const tm = await getTranslations("tracking.statusMeaning");
  return (
    <>
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>

      <nav aria-labelledby="contents-title" className="mb-10 border-s-4 border-brand-600 ps-4">
        <h2 id="contents-title" className="mb-2 font-bold">
          {t("contents")}
        </h2>
        <ol className="list-decimal space-y-1 ps-6">
          {SECTIONS.map((id) => (
            <li key={id}>
              <a href={`#${id}`} className="text-brand-800 underline">
                {s(`${id}.title`)}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <Section id="start" title={s("start.title")}>
        <p>{s("start.p1")}</p>
        <p>{s("start.p2")}</p>
        <p>{s("start.p3")}</p>
      </Section>

      <Section id="filing" title={s("filing.title")}>
        <p>{s("filing.lead")}</p>
        <ol className="list-decimal space-y-2 ps-6">
          {FILING_STEPS.map((step) => (
            <li key={step}>{s(`filing.steps.${step}`, NUMBERS)}</li>
          ))}
        </ol>
      </Section>

      <Section id="paying" title={s("paying.title")}>
        <p>{s("paying.p1")}</p>
        <p>{s("paying.p2")}</p>
        <p>{s("paying.p3")}</p>
      </Section>

      <Section id="tracking" title={s("tracking.title")}>
        <p>{s("tracking.p1")}</p>
        <p>{s("tracking.p2")}</p>
        <h3 className="pt-2 text-lg font-bold">{s("tracking.statusesTitle")}</h3>
        <dl className="border-t border-gray-300">
          {REPORT_STATUSES.map((status) => (
            <div
              key={status}
              className="grid gap-1 border-b border-gray-300 py-3 sm:grid-cols-[11rem_1fr] sm:gap-6"
            >
              <dt>
                <StatusTag status={status} />
              </dt>
              <dd>{status === "approved" ? tm("approvedNoDate") : tm(status)}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section id="cancelling" title={s("cancelling.title")}>
        <p>{s("cancelling.p1")}</p>
        <p>{s("cancelling.p2")}</p>
      </Section>

      <Section id="refunds" title={s("refunds.title")}>
        <p>{s("refunds.p1")}</p>
        <ol className="list-decimal space-y-1 ps-6">
          {REFUND_GROUNDS.map((g) => (
            <li key={g}>{s(`refunds.grounds.${g}`, NUMBERS)}</li>
          ))}
        </ol>
        <p>{s("refunds.p2")}</p>
      </Section>

      <Section id="worker" title={s("worker.title")}>
        <p>{s("worker.p1", NUMBERS)}</p>
      </Section>

      <Section id="inspection" title={s("inspection.title")}>
        <p>{s("inspection.p1", NUMBERS)}</p>
      </Section>

      <Section id="team" title={s("team.title")}>
        <p>{s("team.p1")}</p>
        <p>{s("team.p2")}</p>
      </Section>

      <Section id="help" title={s("help.title")}>
        <p>{s("help.p1")}</p>
      </Section>
    </>
  );
}
