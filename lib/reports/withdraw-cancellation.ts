import { and, eq, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { cancellationRequests, reports } from "@/db/schema";
import { assertEmployer, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { isUuid } from "./own-report";
import { ReportNotFoundError, RequestRefusedError } from "./request-errors";

/**
 * The employer withdraws its own cancellation request while the ministry has not decided it (submitted or
 * under review). The request is closed as `withdrawn`; `decidedAt` records when (there is no staff decider),
 * and `decisionReasonCode` is "withdrawn_by_employer". Who withdrew it is in the audit trail.
 */
export async function withdrawCancellation(
  actorIn: Actor | null,
  input: { requestId: string; ip?: string | null },
  database: Tx = db,
): Promise<{ reportId: string }> {
  const actor = assertEmployer(actorIn);
  if (!isUuid(input.requestId)) throw new ReportNotFoundError();
  return database.transaction(async (tx) => {
    // The request is visible only through a report of the actor's establishment.
    const [row] = await tx
      .select({ request: cancellationRequests, reference: reports.reference })
      .from(cancellationRequests)
      .innerJoin(reports, eq(reports.id, cancellationRequests.reportId))
      .where(
        and(eq(cancellationRequests.id, input.requestId), eq(reports.establishmentId, actor.establishmentId)),
      )
      .for("update", { of: cancellationRequests });
    if (!row) throw new ReportNotFoundError();
    const { request } = row;
    if (request.status !== "submitted" && request.status !== "under_review")
      throw new RequestRefusedError("cancellation_not_open");
    const [updated] = await tx
      .update(cancellationRequests)
      .set({
        status: "withdrawn",
        decidedAt: new Date(),
        decisionReasonCode: "withdrawn_by_employer",
        version: sql`${cancellationRequests.version} + 1`,
      })
      .where(and(eq(cancellationRequests.id, request.id), eq(cancellationRequests.status, request.status)))
      .returning({ id: cancellationRequests.id });
    if (!updated) throw new RequestRefusedError("cancellation_not_open");
    await recordAudit(tx, {
      actor: { kind: "employer", id: actor.userId },
      action: "report.cancellation_withdrawn",
      entityType: "cancellation_request",
      entityId: request.id,
      before: { status: request.status },
      after: { status: "withdrawn", reportId: request.reportId, reference: row.reference },
      ip: input.ip,
    });
    return { reportId: request.reportId };
  });
}
