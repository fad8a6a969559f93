import { and, eq, inArray } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { cancellationRequests } from "@/db/schema";
import { assertEmployer, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { lockOwnReport } from "./own-report";
import { isUniqueViolation, RequestRefusedError } from "./request-errors";
import type { ReportStatus } from "./states";

export const CANCELLATION_REASONS = ["worker_returned", "filed_by_mistake", "settled"] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

/** A report may be asked to be cancelled once it is filed and paid, until it is decided against or ended. */
export const CANCELLABLE_STATUSES: readonly ReportStatus[] = ["submitted", "approved"];

export type RequestCancellationInput = {
  reportId: string;
  reason: CancellationReason;
  explanation: string;
  ip?: string | null;
};

/**
 * The employer (owner or HR officer) asks the ministry to cancel a submitted or approved report. One open
 * request per report: checked under the report's row lock, and by the partial unique index
 * `cancellation_one_open_per_report` should two requests ever race past the check. Staff decide (staff issue).
 */
export async function requestCancellation(
  actorIn: Actor | null,
  input: RequestCancellationInput,
  database: Tx = db,
): Promise<{ id: string }> {
  const actor = assertEmployer(actorIn);
  try {
    return await database.transaction(async (tx) => {
      const report = await lockOwnReport(tx, actor, input.reportId);
      if (!CANCELLABLE_STATUSES.includes(report.status))
        throw new RequestRefusedError("cancellation_not_allowed");
      const [open] = await tx
        .select({ id: cancellationRequests.id })
        .from(cancellationRequests)
        .where(
          and(
            eq(cancellationRequests.reportId, report.id),
            inArray(cancellationRequests.status, ["submitted", "under_review"]),
          ),
        );
      if (open) throw new RequestRefusedError("cancellation_already_open");
      const [row] = await tx
        .insert(cancellationRequests)
        .values({
          reportId: report.id,
          reason: input.reason,
          explanation: input.explanation,
          requestedBy: actor.userId,
        })
        .returning({ id: cancellationRequests.id });
      await recordAudit(tx, {
        actor: { kind: "employer", id: actor.userId },
        action: "report.cancellation_requested",
        entityType: "cancellation_request",
        entityId: row!.id,
        after: {
          reportId: report.id,
          reference: report.reference,
          reportStatus: report.status,
          reason: input.reason,
        },
        ip: input.ip,
      });
      return { id: row!.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, "cancellation_one_open_per_report"))
      throw new RequestRefusedError("cancellation_already_open");
    throw e;
  }
}
