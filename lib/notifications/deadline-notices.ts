import { and, eq, exists, gte, inArray, lte, notExists, or, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import {
  deadlineNotices,
  deposits,
  employerUsers,
  establishments,
  grievances,
  reports,
  workers,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { routing } from "@/lib/i18n/routing";
import { RULES } from "@/lib/reports/settings";
import { addDays, muscatDate } from "@/lib/time";
import { notify } from "./notify";
import { appBaseUrl, workerLocale } from "./recipients";

/**
 * The daily deadline job (DOMAIN.md §3–§4), decided on the Muscat calendar:
 * - a report's legal period has ended → its employer is told that the deposit may now be refunded;
 * - a worker's grievance window closes within `GRIEVANCE_REMINDER_DAYS` → the worker is reminded.
 * Idempotent: each (kind, report) is announced once, marked by a `deadline_notices` row written in the same
 * transaction as the messages, so a rerun, a second worker or a retry after a crash sends nothing twice.
 * Days missed (the job did not run) are caught up: up to `LEGAL_PERIOD_CATCH_UP_DAYS` back for the legal
 * period, and any grievance window still open.
 */
export const GRIEVANCE_REMINDER_DAYS = 7;
/** Bounded, so that switching the job on for old data does not mail every report that ever ended. */
export const LEGAL_PERIOD_CATCH_UP_DAYS = 7;

/** Whole years added to a YYYY-MM-DD date (29 February rolls over to 1 March). */
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

export type DeadlineNoticeSummary = { legalPeriodEnded: number; grievanceClosing: number };

async function markOnce(
  tx: Parameters<Parameters<typeof db.transaction>[0]>[0],
  kind: "legal_period_ended" | "grievance_closing",
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
  const summary: DeadlineNoticeSummary = { legalPeriodEnded: 0, grievanceClosing: 0 };

  // 1. Legal period ended, deposit still held, refund claim still possible.
  const ended = await db
    .select({
      id: reports.id,
      reference: reports.reference,
      legalPeriodEnds: reports.legalPeriodEnds,
      refundClaimUntil: reports.refundClaimUntil,
      establishmentAr: establishments.nameAr,
      establishmentEn: establishments.nameEn,
      establishmentEmail: establishments.email,
      filerEmail: employerUsers.email,
      filerActive: employerUsers.active,
    })
    .from(reports)
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .leftJoin(employerUsers, eq(employerUsers.id, reports.createdBy))
    .where(
      and(
        onlyThese,
        inArray(reports.status, ["approved", "closed"]),
        lte(reports.legalPeriodEnds, today),
        gte(reports.legalPeriodEnds, addDays(today, -LEGAL_PERIOD_CATCH_UP_DAYS)),
        or(isNull(reports.refundClaimUntil), gte(reports.refundClaimUntil, today)),
        exists(
          db
            .select({ one: sql`1` })
            .from(deposits)
            .where(and(eq(deposits.reportId, reports.id), eq(deposits.status, "paid"))),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(deadlineNotices)
            .where(
              and(eq(deadlineNotices.reportId, reports.id), eq(deadlineNotices.kind, "legal_period_ended")),
            ),
        ),
      ),
    );

  for (const r of ended) {
    // No language preference is stored for employers: the service's default language.
    const locale = routing.defaultLocale;
    const recipient = r.filerEmail && r.filerActive ? r.filerEmail : r.establishmentEmail;
    await db.transaction(async (tx) => {
      if (!(await markOnce(tx, "legal_period_ended", r.id))) return;
      await notify(tx, {
        channel: "email",
        recipient,
        template: "employer.refund-available",
        locale,
        params: {
          establishment: locale === "ar" ? r.establishmentAr : r.establishmentEn,
          reference: r.reference,
          legalPeriodEnds: r.legalPeriodEnds!,
          claimUntil:
            r.refundClaimUntil ??
            addYears(r.legalPeriodEnds!, RULES.refundClaimYears - RULES.legalPeriodYears),
          url: `${base}/${locale}/employer`,
        },
        entity: { type: "report", id: r.id },
      });
      await recordAudit(tx, {
        actor: { kind: "system" },
        action: "report.legal_period_ended_notice",
        entityType: "report",
        entityId: r.id,
        after: { legalPeriodEnds: r.legalPeriodEnds },
      });
      summary.legalPeriodEnded++;
    });
  }

  // 2. Grievance window closing soon (the deadline is the last day a grievance is accepted).
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
