import { db, type Tx } from "@/db";
import { refundRequests } from "@/db/schema";
import { and, eq } from "drizzle-orm";
import { assertStaffRole, staffRef, type Actor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { refuse } from "@/lib/lifecycle/refusal";
import { moveReport } from "@/lib/reports/lifecycle";
import { datesFromApproval } from "@/lib/reports/refund-grounds";
import { checkReason, type DecisionContext } from "./decide-common";

export type DecideReportInput = {
  reportId: string;
  outcome: "approve" | "reject";
  reasonCode: string;
  note?: string | null;
  /** The report's version the reviewer saw: the decision applies only if nobody changed it since. */
  expectedVersion: number;
};

export type DecideReportResult = {
  status: "approved" | "rejected";
  grievanceDeadline: string | null;
  refundRequestId: string | null;
};

/**
 * A reviewer (or supervisor) approves or rejects a submitted report, with a reason from the list and free
 * text, both shown to the parties (DOMAIN.md §3). The report's lifecycle (lib/reports/states.ts, consequences
 * in lib/reports/lifecycle.ts) does the rest in the same transaction: approving fixes the Muscat-calendar
 * dates passed here, marks an active permit `left_workplace` (Art. 14) and tells both parties; rejecting
 * closes the report's open requests as no longer needed, asks for the deposit back on the employer's behalf,
 * and tells both parties. A report that moved since the reviewer opened it is `already_decided`.
 */
export async function decideReport(
  actor: Actor | null,
  input: DecideReportInput,
  ctx: DecisionContext & { tx?: Tx } = {},
): Promise<DecideReportResult> {
  const staff = assertStaffRole(actor, ["reviewer"]);
  const note = checkReason("report", input.outcome, input.reasonCode, input.note);
  const now = ctx.now ?? new Date();
  return (ctx.tx ?? db).transaction(async (tx) => {
    const c = await loadCase(tx, input.reportId, { lock: true, now });
    if (!c) refuse("not_found");
    if (c.report.version !== input.expectedVersion) refuse("already_decided");
    const common = {
      id: c.report.id,
      actor: staffRef(staff),
      context: c,
      expectedVersion: input.expectedVersion,
      reasonCode: input.reasonCode,
      note,
      ip: ctx.ip ?? null,
      now,
      appUrl: ctx.appUrl,
    };
    if (input.outcome === "approve") {
      const dates = datesFromApproval(now);
      await moveReport(tx, "approved", {
        ...common,
        set: {
          decidedAt: now,
          decidedBy: staff.userId,
          approvedAt: now,
          grievanceDeadline: dates.grievanceDeadline,
          legalPeriodEnds: dates.legalPeriodEnds,
          refundClaimUntil: dates.refundClaimUntil,
        },
        audit: {
          grievanceDeadline: dates.grievanceDeadline,
          legalPeriodEnds: dates.legalPeriodEnds,
          refundClaimUntil: dates.refundClaimUntil,
          permitStatusBefore: c.worker.permitStatus,
        },
      });
      return {
        status: "approved",
        grievanceDeadline: dates.grievanceDeadline,
        refundRequestId: null,
      } as const;
    }
    await moveReport(tx, "rejected", { ...common, set: { decidedAt: now, decidedBy: staff.userId } });
    const [refund] = await tx
      .select({ id: refundRequests.id })
      .from(refundRequests)
      .where(and(eq(refundRequests.reportId, c.report.id), eq(refundRequests.ground, "report_rejected")));
    return { status: "rejected", grievanceDeadline: null, refundRequestId: refund?.id ?? null } as const;
  });
}
