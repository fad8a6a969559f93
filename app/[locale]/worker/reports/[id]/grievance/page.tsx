import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { Notice } from "@/components/ui/notice";
import { GrievanceForm } from "@/components/worker/grievance-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { GrievanceDeadline } from "@/components/worker/deadline";
import { requireWorkerPage } from "@/lib/auth/guards";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";
import { getReportForWorker, getWorkerProfile } from "@/lib/workers/queries";

type Props = { params: Promise<{ locale: Locale; id: string }> };

const GRIEVANCE_FORM_MESSAGES = [
  "worker.grounds",
  "worker.groundNames",
  "worker.groundHints",
  "worker.statement",
  "worker.statementHint",
  "worker.contactPhone",
  "worker.contactPhoneHint",
  "worker.attachments",
  "worker.attachmentsHint",
  "worker.filesAgain",
  "worker.submit",
  "workerErrors",
];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  const actor = await requireWorkerPage(locale);
  const data = await getReportForWorker(actor, id);
  const t = await getTranslations("worker");
  return {
    title: data
      ? t.markup("grievanceTitle", { reference: data.report.reference, ref: (c) => c })
      : t("title"),
  };
}

/** The grievance (تظلم) form, when the window is open and no other grievance on this report is open. */
export default async function GrievancePage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireWorkerPage(locale);
  const data = await getReportForWorker(actor, id);
  if (!data) notFound();
  const profile = await getWorkerProfile(actor);
  const t = await getTranslations("worker");
  const { report } = data;
  // The grievance lifecycle's creation rule, as the use case applies it (lib/cases/what-now.ts).
  const { object } = data.now;
  const ref = (c: ReactNode) => (
    <bdi dir="ltr" className="whitespace-nowrap">
      {c}
    </bdi>
  );
  const heading = (
    <h1 className="mb-3 text-2xl font-bold sm:text-3xl">
      {t.rich("grievanceTitle", { reference: report.reference, ref })}
    </h1>
  );
  return (
    <>
      <p className="mb-4">
        <Link href={`/worker/reports/${report.id}`} className="text-brand-800 underline">
          {t("cancel")}
        </Link>
      </p>
      {!object.ok ? heading : null}
      {object.ok ? null : object.why === "already_open" ? (
        <Notice>{t("alreadyOpen")}</Notice>
      ) : (
        <Notice tone="warning">
          {object.why === "deadline_passed" && object.deadline
            ? t("windowClosedDeadline", { date: formatDate(object.deadline, locale) })
            : t("windowClosedNotInForce")}
        </Notice>
      )}
      {!object.ok ? null : (
        // Only the form's own labels and errors go to the browser, not every worker page's text.
        <ClientMessages namespaces={GRIEVANCE_FORM_MESSAGES}>
          <GrievanceForm reportId={report.id} defaultPhone={profile?.mobile ?? ""} heading={heading}>
            <p className="mb-6 max-w-2xl text-lg">{t("grievanceLead")}</p>
            <GrievanceDeadline deadline={object.deadline} locale={locale} />
          </GrievanceForm>
        </ClientMessages>
      )}
    </>
  );
}
