import { log } from "@/lib/log";
import { sendDeadlineNotices } from "@/lib/notifications/deadline-notices";
import { closeEndedReports, expireStaleReports } from "@/lib/reports/daily";
import { endDueSuspensions } from "@/lib/suspensions/lifecycle";

/**
 * `deadlines:daily` (06:00 Muscat): every step is idempotent and stands alone, so a failed step does not stop
 * the others and a rerun (pg-boss retries a failed run) repeats nothing:
 * 1. approved reports whose legal period ended are closed (the employer told the deposit may be asked back);
 * 2. drafts and unpaid reports left REPORT_DRAFT_EXPIRY_DAYS are expired (the employer told);
 * 3. suspensions whose end date passed are ended (the employer told);
 * 4. workers whose grievance window closes within a week are reminded.
 */
export async function runDailyJobs(opts: { now?: Date } = {}) {
  const steps = {
    reportsClosed: () => closeEndedReports(opts).then((r) => r.closed),
    reportsExpired: () => expireStaleReports(opts).then((r) => r.expired),
    suspensionsEnded: () => endDueSuspensions(opts).then((r) => r.ended),
    grievanceReminders: () => sendDeadlineNotices(opts).then((r) => r.grievanceClosing),
  };
  const summary: Record<keyof typeof steps, number | "failed"> = {
    reportsClosed: 0,
    reportsExpired: 0,
    suspensionsEnded: 0,
    grievanceReminders: 0,
  };
  let failed: unknown = null;
  for (const [name, step] of Object.entries(steps) as [keyof typeof steps, () => Promise<number>][]) {
    try {
      summary[name] = await step();
    } catch (e) {
      failed ??= e;
      summary[name] = "failed";
      log.error({ err: e, step: name }, "a daily job step failed");
    }
  }
  // A failed step fails the run, so pg-boss retries it (the steps that succeeded find nothing left to do).
  if (failed) throw failed;
  return summary;
}
