"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { refuse } from "@/lib/lifecycle/refusal";
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

/** One action for every decision on the case page; back to the case with what happened. */
export const decideAction = staffAction(decisionSchema, ["reviewer"], async (d, { actor, locale, ip }) => {
  let done: string;
  if (d.kind === "report") {
    if (d.outcome === "accept") refuse("reason_invalid", undefined, "reasonCode");
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
    if (d.outcome === "approve") refuse("reason_invalid", undefined, "reasonCode");
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
  redirect(`/${locale}/admin/reports/${d.reportId}?decided=${done}`);
});
