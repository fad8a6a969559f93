import { and, eq } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { cancellationRequests, reports } from "@/db/schema";
import { actorRef, assertEmployer, type Actor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { isUuid } from "@/lib/ids";
import { refuse } from "@/lib/lifecycle/refusal";
import { moveCancellation } from "./lifecycle";

/**
 * The employer withdraws its own cancellation request while the ministry has not decided it (submitted or
 * under review): the cancellation lifecycle's `withdrawn` move. `decidedAt` records when (there is no staff
 * decider) and `decisionReasonCode` is "withdrawn_by_employer"; who withdrew it is in the audit trail.
 */
export async function withdrawCancellation(
  actorIn: Actor | null,
  input: { requestId: string; ip?: string | null },
  database: Tx = db,
): Promise<{ reportId: string }> {
  const actor = assertEmployer(actorIn);
  if (!isUuid(input.requestId)) refuse("not_found");
  return database.transaction(async (tx) => {
    // The request is visible only through a report of the actor's establishment.
    const [row] = await tx
      .select({ reportId: cancellationRequests.reportId })
      .from(cancellationRequests)
      .innerJoin(reports, eq(reports.id, cancellationRequests.reportId))
      .where(
        and(eq(cancellationRequests.id, input.requestId), eq(reports.establishmentId, actor.establishmentId)),
      );
    if (!row) refuse("not_found");
    const c = await loadCase(tx, row.reportId, { lock: true });
    if (!c) refuse("not_found");
    const now = new Date();
    await moveCancellation(tx, "withdrawn", {
      id: input.requestId,
      actor: actorRef(actor),
      context: c,
      reasonCode: "withdrawn_by_employer",
      set: { decidedAt: now, decisionReasonCode: "withdrawn_by_employer" },
      audit: { reportId: row.reportId, reference: c.report.reference },
      ip: input.ip ?? null,
      now,
    });
    return { reportId: row.reportId };
  });
}
