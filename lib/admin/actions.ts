"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { ForbiddenError } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formError, parseForm, type FormState } from "@/lib/forms";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { log } from "@/lib/log";
import { DecisionError } from "./decide-common";
import { decideReport } from "./decide-report";
import { decideCancellation, decideGrievance } from "./decide-request";
import { NOTE_MAX } from "./decision-reasons";

/** Error codes are keys under `adminDecisions.errors` (then `errors`). */
const decisionSchema = z.object({
  kind: z.enum(["report", "cancellation", "grievance"]),
  targetId: z.uuid({ error: "not_found" }),
  reportId: z.uuid({ error: "not_found" }),
  version: z.coerce.number().int().positive(),
  outcome: z.enum(["approve", "reject", "accept"], { error: "outcome_required" }),
  reasonCode: z.string({ error: "reason_required" }).trim().min(1, { error: "reason_required" }).max(60),
  note: z.string().trim().max(NOTE_MAX, { error: "note_too_long" }).optional(),
});

function localeFrom(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

/**
 * One action for every decision on the case page: validates the form, re-reads the actor from the session,
 * calls the one use case for the kind of decision, and goes back to the case with what happened.
 */
export async function decideAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(decisionSchema, formData);
  if (!parsed.ok) return parsed.state;
  const d = parsed.data;
  const { ip } = await currentRequestInfo();
  const actor = await getActor();
  let done: string;
  try {
    if (d.kind === "report") {
      if (d.outcome === "accept") return formError(formData, "reason_invalid");
      const r = await decideReport(
        actor,
        {
          reportId: d.targetId,
          outcome: d.outcome,
          reasonCode: d.reasonCode,
          note: d.note,
          expectedVersion: d.version,
        },
        { ip },
      );
      done = `report_${r.status}`;
    } else {
      if (d.outcome === "approve") return formError(formData, "reason_invalid");
      const decide = d.kind === "cancellation" ? decideCancellation : decideGrievance;
      const r = await decide(
        actor,
        {
          requestId: d.targetId,
          outcome: d.outcome,
          reasonCode: d.reasonCode,
          note: d.note,
          expectedVersion: d.version,
        },
        { ip },
      );
      done = `${d.kind}_${r.status}`;
    }
  } catch (e) {
    if (e instanceof DecisionError) {
      if (e.code === "reason_invalid" || e.code === "note_required" || e.code === "note_too_long") {
        const field = e.code === "reason_invalid" ? "reasonCode" : "note";
        return {
          ...formError(formData, e.code),
          formError: undefined,
          status: "error",
          fieldErrors: { [field]: e.code },
        };
      }
      return formError(formData, e.code);
    }
    if (e instanceof ForbiddenError) return formError(formData, "forbidden");
    log.error({ err: e }, "decision failed");
    return formError(formData, "server");
  }
  redirect(`/${locale}/admin/reports/${d.reportId}?decided=${done}`);
}
