import { eq } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { cancellationRequests, grievances } from "@/db/schema";
import { assertStaffRole, staffRef, type Actor } from "@/lib/auth/actor";
import { moveCancellation } from "@/lib/cancellations/lifecycle";
import { loadCase } from "@/lib/cases/facts";
import { moveGrievance } from "@/lib/grievances/lifecycle";
import { refuse } from "@/lib/lifecycle/refusal";
import type { DecisionContext } from "./decide-common";

export type StartReviewInput = {
  kind: "cancellation" | "grievance";
  requestId: string;
  /** The request's version the reviewer saw. */
  expectedVersion: number;
};

/**
 * A reviewer claims an employer's cancellation request or a worker's grievance (issue 10 §8): its lifecycle's
 * `review_started` move, submitted → under_review, recorded with who and when (lifecycle_events, the audit
 * log). The queues and the case page then show who is reviewing it. A grievance is claimed only by someone
 * other than the reviewer whose decision on the report stands (the same guard as deciding it). Claiming does
 * not lock others out: a supervisor, or another reviewer who sees the claim, may still decide.
 * (Reports have no under_review: a submitted report is the reviewer's queue; see docs/lifecycles.md.)
 */
export async function startReview(
  actor: Actor | null,
  input: StartReviewInput,
  ctx: DecisionContext & { tx?: Tx } = {},
): Promise<void> {
  const staff = assertStaffRole(actor, ["reviewer"]);
  const table = input.kind === "cancellation" ? cancellationRequests : grievances;
  const now = ctx.now ?? new Date();
  await (ctx.tx ?? db).transaction(async (tx) => {
    const [request] = await tx
      .select({ reportId: table.reportId })
      .from(table)
      .where(eq(table.id, input.requestId));
    if (!request) refuse("not_found");
    // The report first, then the request: every use case on a case locks in this order.
    const c = await loadCase(tx, request.reportId, { lock: true, now });
    if (!c) refuse("not_found");
    const move = {
      id: input.requestId,
      actor: staffRef(staff),
      context: c,
      expectedVersion: input.expectedVersion,
      ip: ctx.ip ?? null,
      now,
      audit: { reportId: c.report.id },
    };
    if (input.kind === "cancellation") await moveCancellation(tx, "review_started", move);
    else await moveGrievance(tx, "review_started", move);
  });
}
