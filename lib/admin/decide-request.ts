import { db, type Tx } from "@/db";
import { cancellationRequests, grievances } from "@/db/schema";
import { eq } from "drizzle-orm";
import { assertStaffRole, staffRef, type Actor } from "@/lib/auth/actor";
import { moveCancellation } from "@/lib/cancellations/lifecycle";
import { loadCase } from "@/lib/cases/facts";
import { moveGrievance } from "@/lib/grievances/lifecycle";
import { refuse } from "@/lib/lifecycle/refusal";
import { checkReason, type DecisionContext } from "./decide-common";

export { CANCELLATION_ACCEPTED_REASON } from "@/lib/cancellations/lifecycle";

export type DecideRequestInput = {
  requestId: string;
  outcome: "accept" | "reject";
  reasonCode: string;
  note?: string | null;
  /** The request's version the reviewer saw. */
  expectedVersion: number;
};

type Kind = "cancellation" | "grievance";

/**
 * Deciding an employer's cancellation request or a worker's grievance: the request's own lifecycle
 * (lib/cancellations/states.ts, lib/grievances/states.ts) checks who may decide it (a grievance: not the
 * reviewer whose decision on the report stands), that it is still open and the report still stands, and the
 * version the reviewer saw; accepting cancels the report through the report's lifecycle, whose consequences
 * close the other open request and restore the permit. One transaction with the audit events and messages.
 */
async function decideRequest(
  kind: Kind,
  actor: Actor | null,
  input: DecideRequestInput,
  ctx: DecisionContext & { tx?: Tx },
): Promise<{ status: "accepted" | "rejected" }> {
  const staff = assertStaffRole(actor, ["reviewer"]);
  const note = checkReason(kind, input.outcome, input.reasonCode, input.note);
  const now = ctx.now ?? new Date();
  const table = kind === "cancellation" ? cancellationRequests : grievances;
  const status = input.outcome === "accept" ? "accepted" : "rejected";
  return (ctx.tx ?? db).transaction(async (tx) => {
    const [request] = await tx
      .select({ reportId: table.reportId })
      .from(table)
      .where(eq(table.id, input.requestId));
    if (!request) refuse("not_found");
    // The report first, then the request (lifecycle order): every use case on a case locks in this order.
    const c = await loadCase(tx, request.reportId, { lock: true, now });
    if (!c) refuse("not_found");
    const move = {
      id: input.requestId,
      actor: staffRef(staff),
      context: c,
      expectedVersion: input.expectedVersion,
      reasonCode: input.reasonCode,
      note,
      ip: ctx.ip ?? null,
      now,
      appUrl: ctx.appUrl,
      set: {
        decidedBy: staff.userId,
        decidedAt: now,
        decisionReasonCode: input.reasonCode,
        decisionNote: note,
      },
      audit: { reportId: c.report.id, reportStatus: c.report.status },
    };
    if (kind === "cancellation") await moveCancellation(tx, status, move);
    else await moveGrievance(tx, status, move);
    return { status } as const;
  });
}

/** A reviewer accepts or refuses an employer's request to cancel a report (DOMAIN.md §3). */
export function decideCancellation(
  actor: Actor | null,
  input: DecideRequestInput,
  ctx: DecisionContext & { tx?: Tx } = {},
) {
  return decideRequest("cancellation", actor, input, ctx);
}

/** A reviewer other than the report's decider accepts or rejects a worker's grievance; both parties are told. */
export function decideGrievance(
  actor: Actor | null,
  input: DecideRequestInput,
  ctx: DecisionContext & { tx?: Tx } = {},
) {
  return decideRequest("grievance", actor, input, ctx);
}
