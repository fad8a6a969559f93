import { db, type Tx } from "@/db";
import { assertStaffRole, staffRef, type Actor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { isUniqueViolation } from "@/lib/db-errors";
import { refuse } from "@/lib/lifecycle/refusal";
import { moveReport } from "@/lib/reports/lifecycle";
import { checkReason, DecisionError, type DecisionContext } from "./decide-common";

export type ReopenDecisionInput = {
  reportId: string;
  reasonCode: string;
  note: string | null | undefined;
  /** The report's version the supervisor saw. */
  expectedVersion: number;
};

/**
 * A supervisor reopens a reviewer's decision on a report (issue 10 §14): the report's `reopened` move,
 * approved | rejected → submitted, allowed only while nothing has followed from the decision (reopenBlocker in
 * lib/reports/states.ts: no request decided after it, the deposit neither used nor refunded, no refund in
 * flight but the rejection's own). Always with a reason from the list and an explanation, both audited
 * (`report.reopened`) and sent to both parties. The consequences — the decision's dates undone, the permit
 * put back when the approval changed it, the rejection's unexecuted refund request closed — are the
 * lifecycle's (lib/reports/lifecycle.ts). The report then waits in the reviewers' queue again.
 */
export async function reopenDecision(
  actor: Actor | null,
  input: ReopenDecisionInput,
  ctx: DecisionContext & { tx?: Tx } = {},
): Promise<{ from: "approved" | "rejected" }> {
  const staff = assertStaffRole(actor, ["supervisor"]);
  const note = checkReason("reopen", "reopen", input.reasonCode, input.note);
  if (!note) throw new DecisionError("note_required");
  const now = ctx.now ?? new Date();
  try {
    return await (ctx.tx ?? db).transaction(async (tx) => {
      const c = await loadCase(tx, input.reportId, { lock: true, now });
      if (!c || c.report.status === "draft") refuse("not_found");
      const from = c.report.status;
      await moveReport(tx, "reopened", {
        id: c.report.id,
        actor: staffRef(staff),
        context: c,
        expectedVersion: input.expectedVersion,
        reasonCode: input.reasonCode,
        note,
        ip: ctx.ip ?? null,
        now,
        appUrl: ctx.appUrl,
        audit: {
          decidedBy: c.report.decidedBy,
          decidedAt: c.report.decidedAt?.toISOString() ?? null,
          grievanceDeadline: c.report.grievanceDeadline,
          permitStatus: c.worker.permitStatus,
        },
      });
      return { from: from as "approved" | "rejected" };
    });
  } catch (e) {
    // A rejected report's worker may have been reported again since: one open report per worker.
    if (isUniqueViolation(e, "reports_one_open_per_worker")) refuse("worker_has_open_report");
    throw e;
  }
}
