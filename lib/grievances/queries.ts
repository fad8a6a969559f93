import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { grievances } from "@/db/schema";

export type GrievanceSummary = {
  /** How many grievances the worker filed against this report, and where the latest stands. */
  count: number;
  latest: { status: (typeof grievances.$inferSelect)["status"]; filedAt: Date; decidedAt: Date | null };
};

/**
 * For the employer's and staff's views of a report: that a grievance exists and its outcome, never its
 * statement, grounds, phone number or attachments. The caller must already have checked that the actor may
 * see the report (the employer's establishment scoping happens where the report is loaded).
 */
export async function getGrievanceSummaryForReport(reportId: string): Promise<GrievanceSummary | null> {
  const rows = await db
    .select({ status: grievances.status, filedAt: grievances.createdAt, decidedAt: grievances.decidedAt })
    .from(grievances)
    .where(eq(grievances.reportId, reportId))
    .orderBy(desc(grievances.createdAt));
  const [latest] = rows;
  return latest ? { count: rows.length, latest } : null;
}
