"use server";

import { refresh } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import type { EmployerActor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { employerAction, localeOf } from "@/lib/actions/action";
import { formValues, isNoFileChosen, type FormState } from "@/lib/forms";
import type { Locale } from "@/lib/i18n/routing";
import { addEvidence } from "./add-evidence";
import type { Refused } from "./filing-context";
import { getFilingReport, lookupWorkerForFiling } from "./filing-queries";
import { prepareForPayment } from "./prepare-for-payment";
import { formatRefusalParams } from "./refusal-format";
import { removeEvidence } from "./remove-evidence";
import { returnToDraft } from "./return-to-draft";
import { EMPLOYER_EVIDENCE_KINDS } from "./review";
import { saveAbsence } from "./save-absence";
import { saveDeclarations } from "./save-declarations";
import { absenceSchema, civilIdSchema, confirmationsSchema, workerChoiceSchema } from "./schemas";
import { startReport } from "./start-report";
import { FILING_STEPS, nextStep, stepHref, type FilingStep } from "./steps";

/**
 * Server actions of the filing journey (seven screens: see steps.ts). Each goes through employerAction
 * (the form's locale, the signed-in employer, zod), calls one use case, then redirects to the next page or
 * returns what the form needs to show the problem, with everything typed kept.
 */

/** The report a form is about (its hidden field); the use case finds nothing for anything but a uuid. */
const onReport = z.object({ reportId: z.string().max(64).catch("") });

/**
 * A use case's returned refusal as form state: on its field when it has one, else above the form, with its
 * parameters formatted for the locale. A report that is not the actor's is a 404; one already sent goes to its
 * own page.
 */
function refusedState(
  formData: FormData,
  r: Refused,
  locale: Locale,
  reportId?: string,
  fieldErrors: Record<string, string> = {},
): FormState {
  if (r.code === "not_found") notFound();
  if (r.code === "not_editable" && reportId) redirect(`/${locale}/employer/reports/${reportId}`);
  const params = formatRefusalParams(r.params, locale);
  const values = formValues(formData);
  if (r.field)
    return {
      status: "error",
      fieldErrors: { ...fieldErrors, [r.field]: r.code },
      formErrorParams: params,
      values,
    };
  return { status: "error", formError: r.code, formErrorParams: params, values };
}

const returnOf = (formData: FormData) => String(formData.get("return") ?? "");

// ---------------------------------------------------------------------------------------------------------
// Screen 1: find the worker and confirm them, on one page
// ---------------------------------------------------------------------------------------------------------

/** The civil ID typed: the worker's record is then shown on the same page, with "Yes, start the report". */
export const findWorkerAction = employerAction(civilIdSchema, async (data, { actor, locale, formData }) => {
  const found = await lookupWorkerForFiling(actor, { civilId: data.civilId });
  if (found.refusal) return refusedState(formData, found.refusal, locale);
  // No fragment: without JavaScript the browser would carry it on through the later redirects.
  redirect(`/${locale}/employer/reports/new?worker=${found.worker!.id}`);
});

export const startReportAction = employerAction(
  workerChoiceSchema,
  async (data, { actor, locale, ip, formData }) => {
    const result = await startReport(actor, { workerId: data.workerId }, { ip });
    if (!result.ok) return refusedState(formData, result, locale);
    let step: FilingStep = FILING_STEPS[0];
    if (result.resumed) {
      // Back where the employer left off: the first page with something missing, else "check your answers".
      const report = await getFilingReport(actor, result.reportId);
      const first = report?.problems.find((p) => p.step !== "worker")?.step;
      step = first && first !== "worker" ? first : "check";
    }
    redirect(stepHref(locale, result.reportId, step));
  },
);

// ---------------------------------------------------------------------------------------------------------
// Screen 2: the absence (last day at work, workplace, contact attempts)
// ---------------------------------------------------------------------------------------------------------

export const saveAbsenceAction = employerAction(
  onReport.and(absenceSchema),
  async (data, { actor, locale, ip, formData }) => {
    const { reportId, ...answers } = data;
    const result = await saveAbsence(actor, reportId, answers, { ip });
    if (!result.ok) return refusedState(formData, result, locale, reportId);
    redirect(stepHref(locale, result.reportId, nextStep("absence", returnOf(formData))));
  },
);

// ---------------------------------------------------------------------------------------------------------
// Screen 3: the evidence
// ---------------------------------------------------------------------------------------------------------

/**
 * One form for the three documents: each chosen file is checked and stored; a "Remove" button removes one.
 * Files that passed are kept even when another failed, so nothing good is lost; the page is refreshed to
 * show them. With nothing missing, "Save and continue" goes on.
 */
export const evidenceAction = employerAction(onReport, async ({ reportId }, c) => {
  const { actor, locale, formData } = c;
  const removeId = formData.get("remove");
  if (typeof removeId === "string" && removeId) {
    const removed = await removeEvidence(actor, removeId, { ip: c.ip });
    if (!removed.ok) return refusedState(formData, removed, locale, reportId);
    refresh();
    return { status: "success", notice: "removed", data: { attempt: String(Date.now()) } };
  }

  const fieldErrors: Record<string, string> = {};
  for (const kind of EMPLOYER_EVIDENCE_KINDS) {
    const file = formData.get(kind);
    if (!(file instanceof File) || isNoFileChosen(file)) continue;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const added = await addEvidence(actor, reportId, { kind, name: file.name, bytes }, { ip: c.ip });
    if (!added.ok) {
      if (added.code === "not_found" || added.code === "not_editable" || !added.field)
        return refusedState(formData, added, locale, reportId);
      fieldErrors[added.field] = added.code;
    }
  }
  // What is still missing is said at the same time as what was refused, each on its own field.
  const report = await getFilingReport(actor, reportId);
  if (!report) notFound();
  for (const p of report.problems) {
    if (p.step === "evidence") fieldErrors[p.code.replace("evidence_missing_", "")] ??= p.code;
  }
  if (Object.keys(fieldErrors).length > 0) {
    refresh();
    // `attempt` empties the file inputs: what was stored is listed, and nothing is sent twice.
    return { status: "error", fieldErrors, data: { attempt: String(Date.now()) } };
  }
  redirect(stepHref(locale, reportId, nextStep("evidence", returnOf(formData))));
});

// ---------------------------------------------------------------------------------------------------------
// Screen 4: check your answers, with the declarations as the statement that sends the report to payment
// ---------------------------------------------------------------------------------------------------------

/**
 * "Confirm and continue to payment": the four Art. 2 statements must each be ticked (an unticked one is an
 * error on its box, and the page says why the law then does not allow the report); they are saved as the
 * employer's answers, then prepareForPayment checks everything again and fixes the deposit.
 */
export const continueToPaymentAction = employerAction(
  onReport.and(confirmationsSchema),
  async (data, { actor, locale, ip, formData }) => {
    const { reportId, ...declarations } = data;
    const saved = await saveDeclarations(actor, reportId, declarations, { ip });
    if (!saved.ok) {
      // Only "no" answers reach here, so "impermissible" cannot come back; any other refusal is shown.
      if (saved.code === "impermissible") return { status: "error", formError: "incomplete" };
      return refusedState(formData, saved as Refused, locale, reportId);
    }
    const result = await prepareForPayment(actor, reportId, { ip });
    if (!result.ok) {
      if (result.code === "incomplete") {
        // The page lists each problem with a link to the page (and field) that fixes it.
        refresh();
        return { status: "error", formError: "incomplete", values: formValues(formData) };
      }
      return refusedState(formData, result as Refused, locale, reportId);
    }
    redirect(`/${locale}/employer/reports/${result.reportId}/pay`);
  },
);

// ---------------------------------------------------------------------------------------------------------
// Screen 5: the pay page's way back
// ---------------------------------------------------------------------------------------------------------

/** For the pay page's "Change your answers": back to a draft (when no payment was started), then to the answers. */
export async function returnToDraftAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const actor = await employerOrRedirect(locale);
  const reportId = String(formData.get("reportId") ?? "");
  const { ip } = await currentRequestInfo();
  const result = await returnToDraft(actor, reportId, { ip });
  if (!result.ok) {
    if (result.code === "not_found") notFound();
    redirect(`/${locale}/employer/reports/${reportId}/pay?error=${result.code}`);
  }
  redirect(stepHref(locale, reportId, "check"));
}

/** A plain form action (no form state to return a refusal to): the sign-in page, or the forbidden page. */
async function employerOrRedirect(locale: Locale): Promise<EmployerActor> {
  const actor = await getActor();
  if (!actor) redirect(`/${locale}/sign-in/employer`);
  if (actor.kind !== "employer") redirect(`/${locale}/forbidden`);
  return actor;
}
