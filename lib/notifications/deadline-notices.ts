import { and, eq, gte, inArray, lte, notExists, sql } from "drizzle-orm";
import { db } from "@/db";
import { deadlineNotices, establishments, grievances, reports, workers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { addDays, muscatDate } from "@/lib/time";
import { notify } from "./notify";
import { appBaseUrl } from "@/lib/app-url";
import { workerLocale } from "./recipients";

/**
 * The daily job's reminders (DOMAIN.md §3), decided on the Muscat calendar: a worker's grievance window closes
 * within `GRIEVANCE_REMINDER_DAYS` → the worker is reminded. Idempotent: each report is announced once, marked
 * by a `deadline_notices` row written in the same transaction as the messages, so a rerun, a second worker or a
 * retry after a crash sends nothing twice. (The end of a report's legal period is no longer a notice of its
 * own: the report is closed then, and its `closed` move tells the employer the deposit may be asked back,
 * lib/reports/daily.ts.)
 */
export const GRIEVANCE_REMINDER_DAYS = 7;

export type DeadlineNoticeSummary = { grievanceClosing: number };

async function markOnce(
  tx: Parameters<Parameters<typeof db.transaction>[0]>[0],
  kind: "grievance_closing",
  reportId: string,
) {
  const inserted = await tx
    .insert(deadlineNotices)
    .values({ kind, reportId })
    .onConflictDoNothing()
    .returning({ reportId: deadlineNotices.reportId });
  return inserted.length === 1;
}

export async function sendDeadlineNotices(
  options: { now?: Date; baseUrl?: string; reportIds?: string[] } = {},
): Promise<DeadlineNoticeSummary> {
  const today = muscatDate(options.now ?? new Date());
  const base = options.baseUrl ?? appBaseUrl();
  const onlyThese = options.reportIds ? inArray(reports.id, options.reportIds) : undefined;
  const summary: DeadlineNoticeSummary = { grievanceClosing: 0 };

  // Grievance window closing soon (the deadline is the last day a grievance is accepted).
  // A worker who already filed a grievance on the report is not reminded.
  const closing = await db
    .select({
      id: reports.id,
      reference: reports.reference,
      deadline: reports.grievanceDeadline,
      establishmentAr: establishments.nameAr,
      establishmentEn: establishments.nameEn,
      workerNameAr: workers.nameAr,
      workerNameEn: workers.nameEn,
      mobile: workers.mobile,
      email: workers.email,
      nationality: workers.nationality,
    })
    .from(reports)
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .where(
      and(
        onlyThese,
        eq(reports.status, "approved"),
        gte(reports.grievanceDeadline, today),
        lte(reports.grievanceDeadline, addDays(today, GRIEVANCE_REMINDER_DAYS)),
        notExists(
          db
            .select({ one: sql`1` })
            .from(deadlineNotices)
            .where(
              and(eq(deadlineNotices.reportId, reports.id), eq(deadlineNotices.kind, "grievance_closing")),
            ),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(grievances)
            .where(eq(grievances.reportId, reports.id)),
        ),
      ),
    );

  for (const r of closing) {
    const locale = workerLocale(r.nationality);
    const establishment = locale === "ar" ? r.establishmentAr : r.establishmentEn;
    const url = `${base}/${locale}/worker`;
    await db.transaction(async (tx) => {
      if (!(await markOnce(tx, "grievance_closing", r.id))) return;
      const entity = { type: "report", id: r.id };
      await notify(tx, {
        channel: "sms",
        recipient: r.mobile,
        template: "worker.grievance-closing.sms",
        locale,
        params: { reference: r.reference, establishment, deadline: r.deadline!, url },
        entity,
      });
      if (r.email) {
        await notify(tx, {
          channel: "email",
          recipient: r.email,
          template: "worker.grievance-closing.email",
          locale,
          params: {
            name: locale === "ar" ? r.workerNameAr : r.workerNameEn,
            reference: r.reference,
            establishment,
            deadline: r.deadline!,
            url,
          },
          entity,
        });
      }
      await recordAudit(tx, {
        actor: { kind: "system" },
        action: "report.grievance_closing_notice",
        entityType: "report",
        entityId: r.id,
        after: { grievanceDeadline: r.deadline },
      });
      summary.grievanceClosing++;
    });
  }
  return summary;
}
