import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { reports } from "@/db/schema";
import type { EmployerActor } from "@/lib/auth/actor";
import { ReportNotFoundError } from "./request-errors";

import { isUuid } from "@/lib/ids";

/**
 * The actor's establishment's report, locked for the rest of the transaction (requests on one report queue
 * behind each other), or ReportNotFoundError — also for another establishment's report.
 */
export async function lockOwnReport(
  tx: Tx,
  actor: EmployerActor,
  reportId: string,
): Promise<typeof reports.$inferSelect> {
  if (!isUuid(reportId)) throw new ReportNotFoundError();
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.id, reportId), eq(reports.establishmentId, actor.establishmentId)))
    .for("update");
  if (!row) throw new ReportNotFoundError();
  return row;
}
