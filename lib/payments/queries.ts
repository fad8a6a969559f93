import { and, desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { deposits, employerUsers, establishments, reports, workers } from "@/db/schema";
import type { EmployerActor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { refusalOf } from "@/lib/reports/refusals";
import { filingBlocker } from "@/lib/reports/states";
import { isUuid } from "@/lib/ids";

/**
 * A report of the employer's own establishment with its worker, establishment and latest deposit, for the pay
 * and confirmation pages; null when there is no such report for this employer (another establishment's
 * report is indistinguishable from a missing one).
 */
export async function getReportPayment(actor: EmployerActor, reportId: string) {
  if (!isUuid(reportId)) return null;
  const [row] = await db
    .select({
      report: reports,
      worker: workers,
      establishment: establishments,
      filedBy: { name: employerUsers.name, email: employerUsers.email },
    })
    .from(reports)
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .innerJoin(employerUsers, eq(employerUsers.id, reports.createdBy))
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .where(and(eq(reports.id, reportId), eq(reports.establishmentId, actor.establishmentId)));
  if (!row) return null;
  const [deposit] = await db
    .select()
    .from(deposits)
    .where(eq(deposits.reportId, reportId))
    .orderBy(desc(deposits.createdAt), desc(deposits.id))
    .limit(1);
  // Issue 10 §4: a filing rule that stopped holding since the answers were checked (a suspension, the permit
  // moved, the governorate offline): the page says so instead of taking money that would be refunded at once.
  const c = await loadCase(db, reportId);
  const rule = c ? filingBlocker(c) : null;
  const blocked = c && rule ? refusalOf(rule, c.governorate) : null;
  return { ...row, deposit: deposit ?? null, blocked };
}

export type ReportPayment = NonNullable<Awaited<ReturnType<typeof getReportPayment>>>;
