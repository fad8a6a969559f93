import { foldStatistics } from "@/lib/admin/statistics-summary";
import { dispatchDue } from "@/lib/notifications/dispatch";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { runDailyJobs } from "./daily";
import type { JobName } from "./names";

/**
 * What each job does: plain async functions, idempotent, callable directly (tests, scripts) without pg-boss.
 * A job whose handler is null is not scheduled; the runner logs that it is missing.
 */
export type JobHandler = () => Promise<unknown>;

export const jobHandlers: Record<JobName, JobHandler | null> = {
  "notifications:dispatch": () => dispatchDue(),
  "deadlines:daily": () => runDailyJobs(),
  // Settles any payment whose webhook never arrived (or whose report update failed).
  "payments:reconcile": () => reconcilePayments(),
  // Moves the statistics' appended changes into their running totals (readers add both, so this only keeps
  // report_stats_delta small; a missed run changes no figure).
  "statistics:fold": () => foldStatistics(),
};
