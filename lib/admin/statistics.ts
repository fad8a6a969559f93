import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { isCalendarDate, muscatDate } from "@/lib/time";
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
 * The statistics for a filter. Any staff role (reviewer, finance, supervisor); ForbiddenError for others.
 * Aggregates only: no person's data leaves this function, so viewing it is not audited.
 *
 * At national scale (issue 6) the reports are read once, from the covering index reports_stats_idx (an
 * index-only scan of the date range), grouped four ways in one pass (GROUPING SETS); the governorate and the
 * nationality are the report's own copies (stats_governorate_code, worker_nationality), so no join with
 * establishments or workers. Decisions, grievances and deposits are counted for the same reports.
 */
export async function loadStatistics(
  actor: Actor | null,
  f: StatisticsFilter,
  ctx: { tx?: Tx } = {},
): Promise<Statistics> {
  assertStaffRole(actor, ["reviewer", "finance", "supervisor"]);
  const q = ctx.tx ?? db;
  const where = reportFilterSql(f);

  const [govNames, counts, decisions, grievances, deposits] = await Promise.all([
    q.execute<{ code: string; name_ar: string; name_en: string }>(sql`
      select g.code, g.name_ar, g.name_en from governorates g
      ${f.governorate ? sql`where g.code = ${f.governorate}` : sql``}
      order by g.sort_order, g.code`),
    q.execute<{ dim: "g" | "m" | "n" | "s"; key: string | null; count: string }>(sql`
      select case when grouping(x.gov) = 0 then 'g' when grouping(x.month) = 0 then 'm'
                  when grouping(x.nat) = 0 then 'n' else 's' end as dim,
             case when grouping(x.gov) = 0 then x.gov when grouping(x.month) = 0 then x.month
                  when grouping(x.nat) = 0 then x.nat else x.status end as key,
             count(*) as count
      from (select r.stats_governorate_code as gov, r.worker_nationality as nat, r.status::text as status,
                   to_char(r.submitted_at at time zone 'Asia/Muscat', 'YYYY-MM') as month
            from reports r where ${where}) x
      group by grouping sets ((x.gov), (x.month), (x.nat), (x.status))`),
    q.execute<{ count: string; median: string | null }>(sql`
      select count(*) as count,
             percentile_cont(0.5) within group (order by extract(epoch from (r.decided_at - r.submitted_at))) as median
      from reports r where ${where} and r.decided_at is not null`),
    q.execute<{ accepted: string; rejected: string }>(sql`
      select count(*) filter (where gr.status = 'accepted') as accepted,
             count(*) filter (where gr.status = 'rejected') as rejected
      from grievances gr join reports r on r.id = gr.report_id
      where ${where}`),
    q.execute<{ status: string; count: string; amount: string; refunded: string }>(sql`
      select d.status::text as status, count(*) as count, sum(d.amount_baisa) as amount, sum(d.refunded_baisa) as refunded
      from deposits d join reports r on r.id = d.report_id
      where ${where} and d.status in ('paid', 'refunded', 'utilised')
      group by 1`),
  ]);

  const rows = (dim: "g" | "m" | "n" | "s") =>
    counts.filter((c) => c.dim === dim && c.key !== null).map((c) => ({ key: c.key!, count: num(c.count) }));
  const govCounts = new Map(rows("g").map((g) => [g.key, g.count]));
  const statuses = rows("s");
  const govs = govNames.map((g) => ({ ...g, count: govCounts.get(g.code) ?? 0 }));
  const months = rows("m").sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const nats = rows("n").sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byStatusMap = new Map(statuses.map((s) => [s.key, s.count]));
  const dep = (status: string, field: "amount" | "refunded") => {
    const row = deposits.find((d) => d.status === status);
    return { count: num(row?.count), baisa: num(row?.[field]) };
  };
  const accepted = num(grievances[0]?.accepted);
  const rejected = num(grievances[0]?.rejected);
  const medianRaw = decisions[0]?.median;
  return {
    total: statuses.reduce((n, s) => n + s.count, 0),
    byGovernorate: govs.map((g) => ({
      code: g.code,
      nameAr: g.name_ar,
      nameEn: g.name_en,
      count: g.count,
    })),
    byMonth: months,
    byNationality: nats,
    byStatus: REPORT_STATUSES.map((s) => ({ key: s, count: byStatusMap.get(s) ?? 0 })),
    decisions: {
      count: num(decisions[0]?.count),
      medianSeconds: medianRaw === null || medianRaw === undefined ? null : Number(medianRaw),
    },
    grievances: { accepted, rejected, rate: acceptanceRate(accepted, rejected) },
    deposits: {
      held: dep("paid", "amount"),
      // A refund may be partial: what went back is refunded_baisa, not the deposit's amount.
      refunded: dep("refunded", "refunded"),
      utilised: dep("utilised", "amount"),
    },
  };
}
