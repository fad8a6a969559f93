import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { addDays, isCalendarDate, muscatDate } from "@/lib/time";
import { db, type Tx } from "@/db";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";

/**
 * Statistics for every member of staff (issue 5 §7). Which reports count: those filed (submitted_at set),
 * with submitted_at inside the date range read as Muscat calendar days, in the chosen governorate. A report's
 * governorate is where the worker worked (work_governorate_code) and, when the report does not say, the
 * establishment's. Deposits, decisions and grievances are counted for those same reports.
 *
 * Every figure comes from one SQL aggregate: exact, no sampling, no rounding until the page formats it.
 */

export const statisticsFilterSchema = z
  .object({
    from: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || isCalendarDate(v), { error: "date_invalid" }),
    to: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || isCalendarDate(v), { error: "date_invalid" }),
    governorate: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.toUpperCase() : null))
      .refine((v) => v === null || /^[A-Z]{2}$/.test(v), { error: "governorate_invalid" }),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], error: "range_reversed" });

export type StatisticsFilter = { from: string | null; to: string | null; governorate: string | null };

export type FilterParse =
  | { ok: true; filter: StatisticsFilter }
  | { ok: false; filter: StatisticsFilter; errors: Record<string, string> };

/** Filters from a query string: an invalid one is reported and ignored (the page still shows everything). */
export function parseStatisticsFilter(input: Record<string, string | string[] | undefined>): FilterParse {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 20);
  const parsed = statisticsFilterSchema.safeParse({
    from: one(input.from),
    to: one(input.to),
    governorate: one(input.governorate),
  });
  if (parsed.success) return { ok: true, filter: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
  return { ok: false, filter: { from: null, to: null, governorate: null }, errors };
}

/**
 * The range the statistics page shows when it is opened with no dates in its address (issue 6): the last 12
 * calendar months in Muscat, this one included, up to today. Staff see it in the form and can widen it; a
 * submitted form with both dates empty asks for all time (its address then carries `from=&to=`).
 */
export function defaultStatisticsRange(now: Date = new Date()): { from: string; to: string } {
  const today = muscatDate(now);
  const start = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - 11, 1));
  return { from: start.toISOString().slice(0, 10), to: today };
}

/**
 * The page's filter: the query string's, or, when it names neither date (a first visit, the "clear" link),
 * {@link defaultStatisticsRange}. An invalid filter is reported and the default range shown instead.
 */
export function parseStatisticsPageFilter(
  input: Record<string, string | string[] | undefined>,
  now: Date = new Date(),
): FilterParse & { defaulted: boolean } {
  const defaults = defaultStatisticsRange(now);
  if (!("from" in input) && !("to" in input)) {
    const parsed = parseStatisticsFilter({ ...input, ...defaults });
    return parsed.ok
      ? { ...parsed, defaulted: true }
      : { ...parsed, filter: { ...defaults, governorate: null }, defaulted: true };
  }
  const parsed = parseStatisticsFilter(input);
  return parsed.ok
    ? { ...parsed, defaulted: false }
    : { ...parsed, filter: { ...defaults, governorate: null }, defaulted: true };
}

/** The filter as a query string (for the export link and the page's own URL). */
export function filterQuery(f: StatisticsFilter): string {
  const p = new URLSearchParams();
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.governorate) p.set("governorate", f.governorate);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The SQL condition on `r` (reports) that a filter means; no other table is needed. */
export function reportFilterSql(f: StatisticsFilter): SQL {
  const parts: SQL[] = [sql`r.submitted_at is not null`];
  if (f.from) parts.push(sql`r.submitted_at >= (${f.from}::date)::timestamp at time zone 'Asia/Muscat'`);
  if (f.to) parts.push(sql`r.submitted_at < ((${f.to}::date + 1))::timestamp at time zone 'Asia/Muscat'`);
  if (f.governorate) parts.push(sql`r.stats_governorate_code = ${f.governorate}`);
  return sql.join(parts, sql` and `);
}

export type CountRow = { key: string; count: number };
export type GovernorateRow = { code: string; nameAr: string; nameEn: string; count: number };

export type Statistics = {
  total: number;
  byGovernorate: GovernorateRow[];
  byMonth: CountRow[];
  byNationality: CountRow[];
  byStatus: CountRow[];
  decisions: { count: number; medianSeconds: number | null };
  grievances: { accepted: number; rejected: number; rate: number | null };
  deposits: {
    held: { count: number; baisa: number };
    refunded: { count: number; baisa: number };
    utilised: { count: number; baisa: number };
  };
};

export const REPORT_STATUSES = [
  "awaiting_payment",
  "submitted",
  "approved",
  "rejected",
  "cancelled",
  "closed",
] as const;

/** Accepted out of decided (accepted + rejected); null when nothing was decided (no rate, not 0 %). */
export function acceptanceRate(accepted: number, rejected: number): number | null {
  const decided = accepted + rejected;
  return decided === 0 ? null : accepted / decided;
}

/** A bar's length as a percentage of the largest value (0 when everything is 0), to one decimal. */
export function barPercent(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.round((value / max) * 1000) / 10;
}

/** Seconds as whole days and hours (rounded to the hour), for "median time to a decision". */
export function splitDuration(seconds: number): { days: number; hours: number } {
  const totalHours = Math.round(seconds / 3600);
  return { days: Math.floor(totalHours / 24), hours: totalHours % 24 };
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Which running totals (report_stats, db/schema/statistics.ts) cover a filter's dates: whole calendar months
 * from the monthly rows, the days before the first and after the last whole month from the daily rows. Dates
 * are Muscat calendar days; null means unbounded.
 */
export type SummaryRanges = {
  months: { from: string | null; to: string | null } | null;
  days: { from: string; to: string }[];
};

const firstOfMonth = (d: string) => `${d.slice(0, 7)}-01`;
function shiftMonth(firstDay: string, months: number): string {
  const d = new Date(`${firstDay}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function summaryRanges(f: Pick<StatisticsFilter, "from" | "to">): SummaryRanges {
  // The first whole month starts on or after `from`; the last whole month ends on or before `to`.
  const first =
    f.from === null ? null : f.from.endsWith("-01") ? f.from : shiftMonth(firstOfMonth(f.from), 1);
  const last =
    f.to === null
      ? null
      : addDays(f.to, 1).endsWith("-01")
        ? firstOfMonth(f.to)
        : shiftMonth(firstOfMonth(f.to), -1);
  if (first !== null && last !== null && first > last)
    return { months: null, days: [{ from: f.from!, to: f.to! }] };
  const days: SummaryRanges["days"] = [];
  if (f.from !== null && first !== null && f.from < first)
    days.push({ from: f.from, to: addDays(first, -1) });
  if (f.to !== null && last !== null) {
    const after = shiftMonth(last, 1);
    if (after <= f.to) days.push({ from: after, to: f.to });
  }
  return { months: { from: first, to: last }, days };
}

/**
 * The median of a histogram of whole hours, as PostgreSQL's percentile_cont(0.5) would give over the
 * individual values (the mean of the two middle ones when the count is even), in seconds; null when empty.
 */
export function medianOfHours(histogram: Map<number, number>): number | null {
  const entries = [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const position = (total - 1) / 2;
  const valueAt = (index: number) => {
    let seen = 0;
    for (const [hours, n] of entries) {
      seen += n;
      if (index < seen) return hours;
    }
    return entries[entries.length - 1]![0];
  };
  const lo = valueAt(Math.floor(position));
  const hi = valueAt(Math.ceil(position));
  return (lo + (hi - lo) * (position - Math.floor(position))) * 3600;
}

type SummaryRow = {
  kind: "s" | "n" | "g" | "h" | "x";
  key: string;
  month: string;
  reports: string;
  grievances_accepted: string;
  grievances_rejected: string;
  held_count: string;
  held_baisa: string;
  refunded_count: string;
  refunded_baisa: string;
  utilised_count: string;
  utilised_baisa: string;
};

/**
 * The statistics for a filter. Any staff role (reviewer, finance, supervisor); ForbiddenError for others.
 * Aggregates only: no person's data leaves this function, so viewing it is not audited.
 *
 * At national scale (issues 6 and 12) nothing counts the reports: the figures are sums of running totals the
 * database keeps exact on every change (report_stats plus the changes not yet folded, report_stats_delta):
 * the national rows, or one governorate's, monthly for whole months and daily for the days around them. The
 * median time to a decision is over whole hours from filing to decision; its histogram is kept by month, so
 * the days outside whole months are read from the reports themselves (an index-only scan of those days on
 * reports_stats_idx).
 */
export async function loadStatistics(
  actor: Actor | null,
  f: StatisticsFilter,
  ctx: { tx?: Tx } = {},
): Promise<Statistics> {
  assertStaffRole(actor, ["reviewer", "finance", "supervisor"]);
  const q = ctx.tx ?? db;
  const scope = f.governorate ?? "";
  const ranges = summaryRanges(f);
  // One index range (grain, scope, period) per part of the period: whole months, then the days around them.
  const parts: { grain: "m" | "d"; from: string; to: string }[] = ranges.days.map((d) => ({
    grain: "d",
    ...d,
  }));
  if (ranges.months)
    parts.unshift({
      grain: "m",
      from: ranges.months.from ?? "1900-01-01",
      to: ranges.months.to ?? "9999-12-01",
    });
  const measures = sql.raw(
    "reports, grievances_accepted, grievances_rejected, held_count, held_baisa, refunded_count, refunded_baisa, utilised_count, utilised_baisa",
  );
  const sums = sql.raw(
    [
      "reports",
      "grievances_accepted",
      "grievances_rejected",
      "held_count",
      "held_baisa",
      "refunded_count",
      "refunded_baisa",
      "utilised_count",
      "utilised_baisa",
    ]
      .map((m) => `sum(${m})::bigint as ${m}`)
      .join(", "),
  );
  const edgeDays = ranges.days.map(
    (d) =>
      sql`(r.submitted_at >= (${d.from}::date)::timestamp at time zone 'Asia/Muscat' and r.submitted_at < ((${d.to}::date + 1))::timestamp at time zone 'Asia/Muscat')`,
  );

  const [govNames, summary, edgeHours] = await Promise.all([
    q.execute<{ code: string; name_ar: string; name_en: string }>(sql`
      select g.code, g.name_ar, g.name_en from governorates g
      ${f.governorate ? sql`where g.code = ${f.governorate}` : sql``}
      order by g.sort_order, g.code`),
    q.execute<SummaryRow>(sql`
      select kind, key, case when kind = 's' then to_char(period, 'YYYY-MM') else '' end as month, ${sums}
      from (${sql.join(
        parts.flatMap((p) =>
          ["report_stats", "report_stats_delta"].map(
            (table) =>
              sql`select kind, key, period, ${measures} from ${sql.raw(table)}
                  where grain = ${p.grain} and scope = ${scope} and period between ${p.from}::date and ${p.to}::date`,
          ),
        ),
        sql` union all `,
      )}) u
      group by 1, 2, 3`),
    edgeDays.length === 0
      ? Promise.resolve([] as { hours: string; count: string }[])
      : q.execute<{ hours: string; count: string }>(sql`
          select floor(extract(epoch from r.decided_at - r.submitted_at) / 3600)::bigint as hours, count(*) as count
          from reports r
          where r.submitted_at is not null and r.decided_at is not null and (${sql.join(edgeDays, sql` or `)})
            ${f.governorate ? sql`and r.stats_governorate_code = ${f.governorate}` : sql``}
          group by 1`),
  ]);

  const byKey = (kind: SummaryRow["kind"], field: keyof SummaryRow = "reports") => {
    const out = new Map<string, number>();
    for (const r of summary) if (r.kind === kind) out.set(r.key, (out.get(r.key) ?? 0) + num(r[field]));
    return out;
  };
  const statusCounts = byKey("s");
  const total = [...statusCounts.values()].reduce((a, b) => a + b, 0);
  const monthCounts = new Map<string, number>();
  for (const r of summary)
    if (r.kind === "s") monthCounts.set(r.month, (monthCounts.get(r.month) ?? 0) + num(r.reports));
  const govCounts = f.governorate ? new Map([[f.governorate, total]]) : byKey("g");
  const hours = new Map<number, number>();
  for (const [key, n] of byKey("h")) hours.set(Number(key), (hours.get(Number(key)) ?? 0) + n);
  for (const r of edgeHours) hours.set(Number(r.hours), (hours.get(Number(r.hours)) ?? 0) + num(r.count));
  const money = (field: keyof SummaryRow) => byKey("x", field).get("") ?? 0;
  const accepted = money("grievances_accepted");
  const rejected = money("grievances_rejected");
  const nonZero = (m: Map<string, number>) =>
    [...m].filter(([key, count]) => key !== "" && count !== 0).map(([key, count]) => ({ key, count }));
  const months = nonZero(monthCounts).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const nats = nonZero(byKey("n")).sort(
    (a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return {
    total,
    byGovernorate: govNames.map((g) => ({
      code: g.code,
      nameAr: g.name_ar,
      nameEn: g.name_en,
      count: govCounts.get(g.code) ?? 0,
    })),
    byMonth: months,
    byNationality: nats,
    byStatus: REPORT_STATUSES.map((s) => ({ key: s, count: statusCounts.get(s) ?? 0 })),
    decisions: {
      count: [...hours.values()].reduce((a, b) => a + b, 0),
      medianSeconds: medianOfHours(hours),
    },
    grievances: { accepted, rejected, rate: acceptanceRate(accepted, rejected) },
    deposits: {
      held: { count: money("held_count"), baisa: money("held_baisa") },
      // A refund may be partial: what went back is refunded_baisa, not the deposit's amount.
      refunded: { count: money("refunded_count"), baisa: money("refunded_baisa") },
      utilised: { count: money("utilised_count"), baisa: money("utilised_baisa") },
    },
  };
}
