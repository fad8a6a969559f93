import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { cancellationRequests, grievances } from "@/db/schema";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { appBaseUrl } from "@/lib/notifications/recipients";
import { GRIEVANCE_ACCEPTED_REASON } from "@/lib/reports/refund-grounds";
import { IllegalTransitionError, StaleVersionError, transitionReport } from "@/lib/reports/states";
import {
  checkReason,
  DecisionError,
  loadParties,
  mailBase,
  notifyEmployer,
  notifyWorker,
  restorePermit,
  workerName,
  type DecisionContext,
  type Parties,
} from "./decide-common";

export type DecideRequestInput = {
  requestId: string;
  outcome: "accept" | "reject";
  reasonCode: string;
  note?: string | null;
  /** The request's version the reviewer saw. */
  expectedVersion: number;
};

export const CANCELLATION_ACCEPTED_REASON = "cancellation_accepted";
const OPEN = ["submitted", "under_review"] as const;

type Kind = "cancellation" | "grievance";

/**
 * The shared shape of deciding an employer's cancellation request or a worker's grievance:
 * the request moves to accepted/rejected only if it is still open and still has the version the reviewer
 * saw (one conditional UPDATE, so two reviewers cannot both decide it); accepting also cancels the report
 * (through transitionReport, with the reason code the refund rules look for) and puts the worker's permit
 * back to active, which opens the employer's refund ground. One transaction with the audit event and the
 * messages.
 */
async function decideRequest(
  kind: Kind,
  actor: Actor | null,
  input: DecideRequestInput,
  ctx: DecisionContext & { tx?: Tx },
  tell: (tx: Tx, parties: Parties, outcome: "accepted" | "rejected", note: string | null) => Promise<void>,
): Promise<{ status: "accepted" | "rejected" }> {
  const staff = assertStaffRole(actor, ["reviewer"]);
  const note = checkReason(kind, input.outcome, input.reasonCode, input.note);
  const now = ctx.now ?? new Date();
  const table = kind === "cancellation" ? cancellationRequests : grievances;
  const status = input.outcome === "accept" ? "accepted" : "rejected";

  try {
    return await (ctx.tx ?? db).transaction(async (tx) => {
      const [request] = await tx.select().from(table).where(eq(table.id, input.requestId));
      if (!request) throw new DecisionError("not_found");
      if (request.version !== input.expectedVersion) throw new DecisionError("already_decided");
      if (!(OPEN as readonly string[]).includes(request.status)) throw new DecisionError("not_decidable");
      const parties = await loadParties(tx, request.reportId);
      if (!parties) throw new DecisionError("not_found");
      const { report } = parties;

      const [updated] = await tx
        .update(table)
        .set({
          status,
          decidedBy: staff.userId,
          decidedAt: now,
          decisionReasonCode: input.reasonCode,
          decisionNote: note,
          version: sql`${table.version} + 1`,
        })
        .where(
          and(
            eq(table.id, request.id),
            eq(table.version, input.expectedVersion),
            inArray(table.status, [...OPEN]),
          ),
        )
        .returning({ id: table.id });
      if (!updated) throw new DecisionError("already_decided");

      if (status === "accepted") {
        if (report.status !== "submitted" && report.status !== "approved")
          throw new DecisionError("not_decidable");
        await transitionReport(tx, {
          reportId: report.id,
          from: report.status,
          to: "cancelled",
          actor: { kind: "staff", id: staff.userId },
          reasonCode: kind === "cancellation" ? CANCELLATION_ACCEPTED_REASON : GRIEVANCE_ACCEPTED_REASON,
          note,
          expectedVersion: report.version,
          set: { decidedAt: now },
        });
        await restorePermit(tx, report.workerId);
      }
      await recordAudit(tx, {
        actor: { kind: "staff", id: staff.userId },
        action: `${kind}.${status}`,
        entityType: kind === "cancellation" ? "cancellation_request" : "grievance",
        entityId: request.id,
        before: { status: request.status, version: request.version, reportStatus: report.status },
        after: {
          status,
          reasonCode: input.reasonCode,
          note,
          reportId: report.id,
          reportStatus: status === "accepted" ? "cancelled" : report.status,
        },
        ip: ctx.ip ?? null,
      });
      await tell(tx, parties, status, note);
      return { status } as const;
    });
  } catch (e) {
    if (e instanceof StaleVersionError || e instanceof IllegalTransitionError)
      throw new DecisionError("already_decided");
    throw e;
  }
}

/** A reviewer accepts or refuses an employer's request to cancel a report (DOMAIN.md §3). */
export function decideCancellation(
  actor: Actor | null,
  input: DecideRequestInput,
  ctx: DecisionContext & { tx?: Tx } = {},
) {
  const url = ctx.appUrl ?? appBaseUrl();
  return decideRequest("cancellation", actor, input, ctx, async (tx, parties, outcome, note) => {
    const base = mailBase(parties, input.reasonCode, note, url);
    await notifyEmployer(tx, parties, {
      template: "employer.cancellation-decided.email",
      params: { ...base, outcome },
    });
    // The worker never saw the request; they are told only when the report stops applying to them.
    if (outcome === "accepted") {
      await notifyWorker(tx, parties, { template: "worker.report-cancelled.sms", params: base }, null);
    }
  });
}

/** A reviewer accepts or rejects a worker's grievance against a report; both parties are told. */
export function decideGrievance(
  actor: Actor | null,
  input: DecideRequestInput,
  ctx: DecisionContext & { tx?: Tx } = {},
) {
  const url = ctx.appUrl ?? appBaseUrl();
  return decideRequest("grievance", actor, input, ctx, async (tx, parties, outcome, note) => {
    const base = mailBase(parties, input.reasonCode, note, url);
    await notifyWorker(
      tx,
      parties,
      { template: "worker.grievance-decided.sms", params: { outcome, reference: base.reference, url } },
      { template: "worker.grievance-decided.email", params: { ...base, outcome, name: workerName(parties) } },
    );
    await notifyEmployer(tx, parties, {
      template: "employer.grievance-decided.email",
      params: { ...base, outcome },
    });
  });
}
