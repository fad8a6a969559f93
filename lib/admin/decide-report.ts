import { and, eq, inArray } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { deposits, refundRequests, workers } from "@/db/schema";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { appBaseUrl } from "@/lib/notifications/recipients";
import { datesFromApproval } from "@/lib/reports/refund-grounds";
import { StaleVersionError, transitionReport } from "@/lib/reports/states";
import {
  checkReason,
  DecisionError,
  loadParties,
  mailBase,
  notifyEmployer,
  notifyWorker,
  workerName,
  type DecisionContext,
} from "./decide-common";

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
 * text, both shown to the parties (DOMAIN.md §3, issue 5 §3).
 * - Approving fixes the report's dates on the Muscat calendar (grievance deadline, legal period end, last day
 *   to claim a refund), sets the worker's permit to `left_workplace` (Art. 14), and tells both parties; the
 *   worker's message gives the grievance deadline.
 * - Rejecting keeps no deposit: a refund request on the ground `report_rejected` is made for the employer
 *   (amount = what was paid, requested by whoever filed), for finance to execute.
 * Optimistic concurrency: the report changes only if it still has `expectedVersion`; otherwise nothing is
 * written and DecisionError("already_decided") is thrown. Everything (report, timeline, permit, refund
 * request, audit event, messages) is one transaction.
 */
export async function decideReport(
  actor: Actor | null,
  input: DecideReportInput,
  ctx: DecisionContext & { tx?: Tx } = {},
): Promise<DecideReportResult> {
  const staff = assertStaffRole(actor, ["reviewer"]);
  const note = checkReason("report", input.outcome, input.reasonCode, input.note);
  const now = ctx.now ?? new Date();
  const url = ctx.appUrl ?? appBaseUrl();

  try {
    return await (ctx.tx ?? db).transaction(async (tx) => {
      const parties = await loadParties(tx, input.reportId);
      if (!parties) throw new DecisionError("not_found");
      const { report } = parties;
      if (report.version !== input.expectedVersion) throw new DecisionError("already_decided");
      if (report.status !== "submitted") throw new DecisionError("not_decidable");
      const actorRef = { kind: "staff", id: staff.userId };

      if (input.outcome === "approve") {
        const dates = datesFromApproval(now);
        await transitionReport(tx, {
          reportId: report.id,
          from: "submitted",
          to: "approved",
          actor: actorRef,
          reasonCode: input.reasonCode,
          note,
          expectedVersion: input.expectedVersion,
          set: {
            decidedAt: now,
            approvedAt: now,
            grievanceDeadline: dates.grievanceDeadline,
            legalPeriodEnds: dates.legalPeriodEnds,
            refundClaimUntil: dates.refundClaimUntil,
          },
        });
        // Art. 14: the permit shows that the worker left the workplace.
        await tx
          .update(workers)
          .set({ permitStatus: "left_workplace" })
          .where(eq(workers.id, report.workerId));
        await recordAudit(tx, {
          actor: { kind: "staff", id: staff.userId },
          action: "report.approved",
          entityType: "report",
          entityId: report.id,
          before: {
            status: report.status,
            version: report.version,
            permitStatus: parties.worker.permitStatus,
          },
          after: {
            status: "approved",
            reasonCode: input.reasonCode,
            note,
            grievanceDeadline: dates.grievanceDeadline,
            legalPeriodEnds: dates.legalPeriodEnds,
            refundClaimUntil: dates.refundClaimUntil,
            permitStatus: "left_workplace",
          },
          ip: ctx.ip ?? null,
        });
        const base = mailBase(parties, input.reasonCode, note, url);
        await notifyWorker(
          tx,
          parties,
          {
            template: "worker.report-decided.sms",
            params: { ...base, outcome: "approved", deadline: dates.grievanceDeadline },
          },
          {
            template: "worker.report-decided.email",
            params: {
              ...base,
              outcome: "approved",
              deadline: dates.grievanceDeadline,
              name: workerName(parties),
            },
          },
        );
        await notifyEmployer(tx, parties, {
          template: "employer.report-decided.email",
          params: { ...base, outcome: "approved", deadline: dates.grievanceDeadline, refundRequested: false },
        });
        return {
          status: "approved",
          grievanceDeadline: dates.grievanceDeadline,
          refundRequestId: null,
        } as const;
      }

      await transitionReport(tx, {
        reportId: report.id,
        from: "submitted",
        to: "rejected",
        actor: actorRef,
        reasonCode: input.reasonCode,
        note,
        expectedVersion: input.expectedVersion,
        set: { decidedAt: now },
      });
      // The deposit is not kept: ask for it back on the employer's behalf (finance executes the refund).
      const refundRequestId = await requestRejectionRefund(tx, report.id, report.createdBy);
      await recordAudit(tx, {
        actor: { kind: "staff", id: staff.userId },
        action: "report.rejected",
        entityType: "report",
        entityId: report.id,
        before: { status: report.status, version: report.version },
        after: { status: "rejected", reasonCode: input.reasonCode, note, refundRequestId },
        ip: ctx.ip ?? null,
      });
      const base = mailBase(parties, input.reasonCode, note, url);
      await notifyWorker(
        tx,
        parties,
        { template: "worker.report-decided.sms", params: { ...base, outcome: "rejected", deadline: null } },
        {
          template: "worker.report-decided.email",
          params: { ...base, outcome: "rejected", deadline: null, name: workerName(parties) },
        },
      );
      await notifyEmployer(tx, parties, {
        template: "employer.report-decided.email",
        params: { ...base, outcome: "rejected", deadline: null, refundRequested: refundRequestId !== null },
      });
      return { status: "rejected", grievanceDeadline: null, refundRequestId } as const;
    });
  } catch (e) {
    // Another reviewer's decision committed between our read and our write.
    if (e instanceof StaleVersionError) throw new DecisionError("already_decided");
    throw e;
  }
}

/** A refund request for the report's paid, untouched deposit (none when there is no such deposit). */
async function requestRejectionRefund(tx: Tx, reportId: string, requestedBy: string): Promise<string | null> {
  const [deposit] = await tx
    .select()
    .from(deposits)
    .where(and(eq(deposits.reportId, reportId), eq(deposits.status, "paid")))
    .for("update");
  if (!deposit || deposit.utilisedAt || deposit.refundedBaisa > 0) return null;
  const [live] = await tx
    .select({ id: refundRequests.id })
    .from(refundRequests)
    .where(
      and(
        eq(refundRequests.depositId, deposit.id),
        inArray(refundRequests.status, ["submitted", "approved", "refunded"]),
      ),
    );
  if (live) return null;
  const [row] = await tx
    .insert(refundRequests)
    .values({
      reportId,
      depositId: deposit.id,
      ground: "report_rejected",
      status: "submitted",
      amountBaisa: deposit.amountBaisa,
      requestedBy,
    })
    .returning({ id: refundRequests.id });
  return row!.id;
}
