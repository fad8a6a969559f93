import { and, asc, eq, inArray, lt, lte } from "drizzle-orm";
import { db } from "@/db";
import { reports } from "@/db/schema";
import { loadCase } from "@/lib/cases/facts";
import { whyNot } from "@/lib/lifecycle/machine";
import { log } from "@/lib/log";
import { muscatDate } from "@/lib/time";
import { moveReport } from "./lifecycle";
import { reportDraftExpiryDays } from "./settings";
import { closeCause, reportMachine, type ReportMove } from "./states";

/**
 * The report moves the daily job makes (issue 10 §4–§5), each through the report's lifecycle so each has its
 * consequences (messages, open requests closed) and each is idempotent: a report is picked by its state, moved
 * under its row lock only when the table's guard allows it now, and a second run finds nothing left to do.
 * `reportIds` limits a run to those reports (tests). Each report is its own transaction: one failure is logged
 * and retried the next day, not the end of the run.
 */
type RunOptions = { now?: Date; reportIds?: string[]; limit?: number; appUrl?: string };

const SYSTEM = { kind: "system" } as const;

async function moveEach(
  ids: string[],
  move: ReportMove,
  now: Date,
  reasonOf: (c: NonNullable<Awaited<ReturnType<typeof loadCase>>>) => string,
  appUrl: string | undefined,
): Promise<number> {
  let moved = 0;
  for (const id of ids) {
    try {
      const done = await db.transaction(async (tx) => {
        const c = await loadCase(tx, id, { lock: true, now });
        if (!c || whyNot(reportMachine, move, c.report.status, SYSTEM, c) !== null) return false;
        await moveReport(tx, move, {
          id,
          actor: SYSTEM,
          context: c,
          reasonCode: reasonOf(c),
          now,
          appUrl,
        });
        return true;
      });
      if (done) moved += 1;
    } catch (e) {
      log.error({ err: e, reportId: id, move }, "daily job could not move a report");
    }
  }
  return moved;
}

/**
 * Issue 10 §5: every approved report whose legal period (4 years from approval) has ended is closed. The close
 * tells the employer that the deposit may now be asked back (until the 9-year limit) — what the job's
 * "refund available" e-mail used to do on its own, leaving the report approved forever.
 */
export async function closeEndedReports(opts: RunOptions = {}): Promise<{ closed: number }> {
  const now = opts.now ?? new Date();
  const rows = await db
    .select({ id: reports.id })
    .from(reports)
    .where(
      and(
        eq(reports.status, "approved"),
        lte(reports.legalPeriodEnds, muscatDate(now)),
        opts.reportIds ? inArray(reports.id, opts.reportIds) : undefined,
      ),
    )
    .orderBy(asc(reports.legalPeriodEnds))
    .limit(opts.limit ?? 1000);
  const closed = await moveEach(
    rows.map((r) => r.id),
    "closed",
    now,
    (c) => closeCause(c) ?? "legal_period_ended",
    opts.appUrl,
  );
  return { closed };
}

/**
 * Issue 10 §4: drafts and unpaid reports left REPORT_DRAFT_EXPIRY_DAYS after their last change, with no payment
 * started, expire (and stop holding the worker, for an unpaid one); the employer is told.
 */
export async function expireStaleReports(opts: RunOptions = {}): Promise<{ expired: number }> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - reportDraftExpiryDays() * 86_400_000);
  const rows = await db
    .select({ id: reports.id })
    .from(reports)
    .where(
      and(
        inArray(reports.status, ["draft", "awaiting_payment"]),
        lt(reports.updatedAt, cutoff),
        opts.reportIds ? inArray(reports.id, opts.reportIds) : undefined,
      ),
    )
    .orderBy(asc(reports.updatedAt))
    .limit(opts.limit ?? 1000);
  const expired = await moveEach(
    rows.map((r) => r.id),
    "expired",
    now,
    () => "left_unfinished",
    opts.appUrl,
  );
  return { expired };
}
