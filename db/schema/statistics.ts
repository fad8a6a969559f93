import { bigint, date, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Statistics kept as running totals (issue 12): what the statistics page shows, by day and by month, so a page
 * reads a few thousand rows instead of counting hundreds of thousands of reports. The database keeps them
 * exact: triggers on reports, deposits and grievances (migration 0009) append each statement's net change to
 * `report_stats_delta` in the same transaction, whatever code made the change; the job `statistics:fold`
 * moves those changes into `report_stats` every minute. A reader adds both, so it never waits for the fold.
 * `npm run stats:verify` recounts everything from the reports and fails on any difference.
 *
 * Which reports count is the page's rule: those filed (submitted_at set), on the Muscat calendar day they were
 * filed, in their statistics governorate (reports.stats_governorate_code).
 *
 * A row: grain `d` (period = that day) or `m` (period = the month's first day); scope '' (the whole country)
 * or a governorate code; kind and key:
 * - `s`: reports by status (key: the status);
 * - `n`: reports by the worker's nationality (key: the code, '' when unknown);
 * - `g`: reports by governorate (key: its code; in the national scope only);
 * - `d` / `h`: decided reports by whole days / whole hours from filing to the decision (key: the number), for
 *   the median time to a decision: days find its neighbourhood, hours within it;
 * - `x` (key ''): grievances accepted and rejected, and deposits held, refunded and utilised, of those reports.
 */
const measures = {
  reports: bigint("reports", { mode: "number" }).notNull().default(0),
  grievancesAccepted: bigint("grievances_accepted", { mode: "number" }).notNull().default(0),
  grievancesRejected: bigint("grievances_rejected", { mode: "number" }).notNull().default(0),
  heldCount: bigint("held_count", { mode: "number" }).notNull().default(0),
  heldBaisa: bigint("held_baisa", { mode: "number" }).notNull().default(0),
  refundedCount: bigint("refunded_count", { mode: "number" }).notNull().default(0),
  refundedBaisa: bigint("refunded_baisa", { mode: "number" }).notNull().default(0),
  utilisedCount: bigint("utilised_count", { mode: "number" }).notNull().default(0),
  utilisedBaisa: bigint("utilised_baisa", { mode: "number" }).notNull().default(0),
};

const keys = () => ({
  grain: text("grain").notNull(),
  period: date("period", { mode: "string" }).notNull(),
  scope: text("scope").notNull(),
  kind: text("kind").notNull(),
  key: text("key").notNull(),
});

export const reportStats = pgTable("report_stats", { ...keys(), ...measures }, (t) => [
  primaryKey({ name: "report_stats_pk", columns: [t.grain, t.scope, t.period, t.kind, t.key] }),
]);

/** Changes not yet folded into report_stats: appended by the triggers, never updated, emptied by the fold. */
export const reportStatsDelta = pgTable("report_stats_delta", { ...keys(), ...measures }, (t) => [
  index("report_stats_delta_idx").on(t.grain, t.scope, t.period),
]);
