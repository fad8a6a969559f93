"use server";

import { refresh } from "next/cache";
import { notFound, redirect } from "next/navigation";
import type { z } from "zod";
import type { EmployerActor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formValues, isNoFileChosen, parseForm, type FormState } from "@/lib/forms";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { addEvidence } from "./add-evidence";
import type { Refused } from "./filing-context";
import { getFilingReport, lookupWorkerForFiling } from "./filing-queries";
import { prepareForPayment } from "./prepare-for-payment";
import { formatRefusalParams } from "./refusal-format";
import { removeEvidence } from "./remove-evidence";
import { returnToDraft } from "./return-to-draft";
import { EMPLOYER_EVIDENCE_KINDS } from "./review";
import { saveAbsence, type AbsenceInput, type SaveResult } from "./save-absence";
import { saveDeclarations } from "./save-declarations";
import {
  civilIdSchema,
  contactSchema,
  declarationsSchema,
  lastDaySchema,
  workerChoiceSchema,
  workplaceSchema,
} from "./schemas";
import { startReport } from "./start-report";
import { FILING_STEPS, nextStep, stepHref, type FilingStep } from "./steps";

/**
 * Server actions of the filing journey. Each validates its form, calls one use case, then redirects to the
 * next page or returns what the form needs to show the problem (with everything typed kept).
 */

function localeOf(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

async function employerOrRedirect(locale: Locale): Promise<EmployerActor> {
  const actor = await getActor();
  if (!actor) redirect(`/${locale}/sign-in/employer`);
  if (actor.kind !== "employer") redirect(`/${locale}/forbidden`);
  return actor;
}

async function ctx() {
  const { ip } = await currentRequestInfo();
  return { ip };
}

/** A refusal as form state: on its field when it has one, else above the form; never loses what was typed. */
function refusalState(formData: FormData, r: Refused, locale: Locale, reportId?: string): FormState {
  if (r.code === "not_found") notFound();
  if (r.code === "not_editable" && reportId) redirect(`/${locale}/employer/reports/${reportId}`);
  const params = formatRefusalParams(r.params, locale);
  const values = formValues(formData);
  if (r.field)
    return { status: "error", fieldErrors: { [r.field]: r.code }, formErrorParams: params, values };
  return { status: "error", formError: r.code, formErrorParams: params, values };
}

// ---------------------------------------------------------------------------------------------------------
// Step 1: the worker
// ---------------------------------------------------------------------------------------------------------

export async function findWorkerAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeOf(formData);
  const actor = await employerOrRedirect(locale);
  const parsed = parseForm(civilIdSchema, formData);
  if (!parsed.ok) return parsed.state;
  const found = await lookupWorkerForFiling(actor, { civilId: parsed.data.civilId });
  if (found.refusal) return refusalState(formData, found.refusal, locale);
  redirect(`/${locale}/employer/reports/new/confirm?worker=${found.worker!.id}`);
}

export async function startReportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeOf(formData);
  const actor = await employerOrRedirect(locale);
  const parsed = parseForm(workerChoiceSchema, formData);
  if (!parsed.ok) return parsed.state;
  const result = await startReport(actor, { workerId: parsed.data.workerId }, await ctx());
  if (!result.ok) return refusalState(formData, result, locale);
  let step: FilingStep = FILING_STEPS[0];
  if (result.resumed) {
    // Back where the employer left off: the first page with something missing, else "check your answers".
    const report = await getFilingReport(actor, result.reportId);
    const first = report?.problems.find((p) => p.step !== "worker")?.step;
    step = first && first !== "worker" ? first : "check";
  }
  redirect(stepHref(locale, result.reportId, step));
}

// ---------------------------------------------------------------------------------------------------------
// Steps 2–3: the absence and the declarations
// ---------------------------------------------------------------------------------------------------------

async function saveStep<S extends z.ZodType>(
  formData: FormData,
  step: FilingStep,
  schema: S,
  save: (actor: EmployerActor, reportId: string, data: z.infer<S>) => Promise<SaveResult>,
): Promise<FormState> {
  const locale = localeOf(formData);
  const actor = await employerOrRedirect(locale);
  const reportId = String(formData.get("reportId") ?? "");
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return parsed.state;
  const result = await save(actor, reportId, parsed.data);
  if (!result.ok) return refusalState(formData, result, locale, reportId);
  redirect(stepHref(locale, result.reportId, nextStep(step, String(formData.get("return") ?? ""))));
}

export async function saveLastDayAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return saveStep(formData, "last-day", lastDaySchema, async (actor, id, data) =>
    saveAbsence(actor, id, { part: "last_day", ...data } satisfies AbsenceInput, await ctx()),
  );
}

export async function saveWorkplaceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return saveStep(formData, "workplace", workplaceSchema, async (actor, id, data) =>
    saveAbsence(actor, id, { part: "workplace", ...data }, await ctx()),
  );
}

export async function saveContactAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return saveStep(formData, "contact", contactSchema, async (actor, id, data) =>
    saveAbsence(actor, id, { part: "contact", ...data }, await ctx()),
  );
}

export async function saveDeclarationsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeOf(formData);
  const actor = await employerOrRedirect(locale);
  const reportId = String(formData.get("reportId") ?? "");
  const parsed = parseForm(declarationsSchema, formData);
  if (!parsed.ok) return parsed.state;
  const result = await saveDeclarations(actor, reportId, parsed.data, await ctx());
  if (!result.ok) {
    // Answered, but the law does not allow the report: the page explains each reason and what to do instead.
    if (result.code === "impermissible" && "reasons" in result) {
      return { status: "error", values: formValues(formData), data: { stop: result.reasons.join(",") } };
    }
    return refusalState(formData, result as Refused, locale, reportId);
  }
  redirect(stepHref(locale, result.reportId, nextStep("declarations", String(formData.get("return") ?? ""))));
}

// ---------------------------------------------------------------------------------------------------------
// Step 4: the evidence
// ---------------------------------------------------------------------------------------------------------

/**
 * One form for the three documents: each chosen file is checked and stored; a "Remove" button removes one.
 * Files that passed are kept even when another failed, so nothing good is lost; the page is refreshed to
 * show them. With nothing missing, "Save and continue" goes on.
 */
export async function evidenceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeOf(formData);
  const actor = await employerOrRedirect(locale);
  const reportId = String(formData.get("reportId") ?? "");
  const c = await ctx();

  const removeId = formData.get("remove");
  if (typeof removeId === "string" && removeId) {
    const removed = await removeEvidence(actor, removeId, c);
    if (!removed.ok) return refusalState(formData, removed, locale, reportId);
    refresh();
    return { status: "success", notice: "removed", data: { attempt: String(Date.now()) } };
  }

  const fieldErrors: Record<string, string> = {};
  for (const kind of EMPLOYER_EVIDENCE_KINDS) {
    const file = formData.get(kind);
    if (!(file instanceof File) || isNoFileChosen(file)) continue;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const added = await addEvidence(actor, reportId, { kind, name: file.name, bytes }, c);
    if (!added.ok) {
      if (added.code === "not_found" || added.code === "not_editable")
        return refusalState(formData, added, locale, reportId);
      if (added.field) fieldErrors[added.field] = added.code;
      else return refusalState(formData, added, locale, reportId);
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
  redirect(stepHref(locale, reportId, nextStep("evidence", String(formData.get("return") ?? ""))));
}

// ---------------------------------------------------------------------------------------------------------
// Step 5: check your answers, then payment
// ---------------------------------------------------------------------------------------------------------

export async function continueToPaymentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeOf(formData);
  const actor = await employerOrRedirect(locale);
  const reportId = String(formData.get("reportId") ?? "");
  const result = await prepareForPayment(actor, reportId, await ctx());
  if (!result.ok) {
    if (result.code === "incomplete") {
      // The page lists each problem with a link to its step.
      refresh();
      return { status: "error", formError: "incomplete" };
    }
    return refusalState(formData, result as Refused, locale, reportId);
  }
  redirect(`/${locale}/employer/reports/${result.reportId}/pay`);
}

/** For the pay page's "Change your answers": back to a draft (when no payment was started), then to the answers. */
export async function returnToDraftAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const actor = await employerOrRedirect(locale);
  const reportId = String(formData.get("reportId") ?? "");
  const result = await returnToDraft(actor, reportId, await ctx());
  if (!result.ok) {
    if (result.code === "not_found") notFound();
    redirect(`/${locale}/employer/reports/${reportId}/pay?error=${result.code}`);
  }
  redirect(stepHref(locale, reportId, "check"));
}
