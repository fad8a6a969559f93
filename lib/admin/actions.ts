"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { SHARE_AUDIENCES } from "@/lib/evidence/sharing";
import { shareEvidence } from "@/lib/evidence/share-evidence";
import { isUuid } from "@/lib/ids";
import { refuse } from "@/lib/lifecycle/refusal";
import { decideReport } from "./decide-report";
import { decideCancellation, decideGrievance } from "./decide-request";
import { NOTE_MAX, reasonField } from "./decision-reasons";
import { reopenDecision } from "./reopen-decision";
import { startReview } from "./start-review";

const OUTCOMES = ["approve", "reject", "accept"] as const;
const reasonChoice = z.string().trim().max(60).optional();

/**
 * Error codes are keys under `adminDecisions.errors` (then `errors`). Each outcome's reasons are a field of
 * their own (`reasonCode_<outcome>`, see DecisionForm): the one of the chosen outcome is the reason.
 */
const decisionSchema = z
  .object({
    kind: z.enum(["report", "cancellation", "grievance"]),
    targetId: z.uuid({ error: "not_found" }),
    reportId: z.uuid({ error: "not_found" }),
    version: z.coerce.number().int().positive(),
    outcome: z.enum(OUTCOMES, { error: "outcome_required" }),
    reasonCode_approve: reasonChoice,
    reasonCode_reject: reasonChoice,
    reasonCode_accept: reasonChoice,
    note: z.string().trim().max(NOTE_MAX, { error: "note_too_long" }).optional(),
  })
  .transform((d, ctx) => {
    const field = reasonField(d.outcome) as `reasonCode_${(typeof OUTCOMES)[number]}`;
    const reasonCode = d[field];
    if (!reasonCode) {
      ctx.addIssue({ code: "custom", message: "reason_required", path: [field] });
      return z.NEVER;
    }
    return { ...d, reasonCode };
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

const claimSchema = z.object({
  kind: z.enum(["cancellation", "grievance"]),
  targetId: z.uuid({ error: "not_found" }),
  reportId: z.uuid({ error: "not_found" }),
  version: z.coerce.number().int().positive(),
});

/** A reviewer claims a cancellation request or a grievance ("start review"); back to the case. */
export const startReviewAction = staffAction(claimSchema, ["reviewer"], async (d, { actor, locale, ip }) => {
  await startReview(actor, { kind: d.kind, requestId: d.targetId, expectedVersion: d.version }, { ip });
  redirect(`/${locale}/admin/reports/${d.reportId}?decided=${d.kind}_review_started`);
});

const shareSchema = z.object({
  reportId: z.uuid({ error: "not_found" }),
  audience: z.enum(SHARE_AUDIENCES),
});

/** A reviewer shares the chosen files (checkboxes `fileIds`) with the worker or the employer. */
export const shareEvidenceAction = staffAction(
  shareSchema,
  ["reviewer"],
  async (d, { actor, locale, ip, formData }) => {
    const fileIds = formData.getAll("fileIds").filter(isUuid);
    await shareEvidence(actor, { reportId: d.reportId, audience: d.audience, fileIds }, { ip });
    redirect(`/${locale}/admin/reports/${d.reportId}?decided=shared_with_${d.audience}`);
  },
);

const reopenSchema = z.object({
  reportId: z.uuid({ error: "not_found" }),
  version: z.coerce.number().int().positive(),
  reasonCode: z.string({ error: "reason_required" }).trim().min(1, { error: "reason_required" }).max(60),
  note: z.string().trim().max(NOTE_MAX, { error: "note_too_long" }).optional(),
});

/** A supervisor reopens the decision on a report, with a reason and an explanation; back to the case. */
export const reopenAction = staffAction(reopenSchema, ["supervisor"], async (d, { actor, locale, ip }) => {
  await reopenDecision(
    actor,
    { reportId: d.reportId, reasonCode: d.reasonCode, note: d.note, expectedVersion: d.version },
    { ip },
  );
  redirect(`/${locale}/admin/reports/${d.reportId}?decided=report_reopened`);
});
