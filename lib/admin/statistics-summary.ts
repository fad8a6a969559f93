import { sql } from "drizzle-orm";
import { db, type Tx } from "@/db";

/**
 * The running totals behind the statistics page (db/schema/statistics.ts, migration 0009): folding the
 * appended changes into the totals, and checking the totals against a full recount.
 */

const MEASURES = [
  "reports",
  "grievances_accepted",
  "grievances_rejected",
  "held_count",
  "held_baisa",
  "refunded_count",
  "refunded_baisa",
  "utilised_count",
  "utilised_baisa",
] as const;

/** Moves report_stats_delta into report_stats; returns how many totals it touched (0 if another fold ran). */
export async function foldStatistics(tx: Tx = db): Promise<number> {
  const [row] = await tx.execute<{ n: string }>(sql`select report_stats_fold() as n`);
  return Number(row?.n ?? 0);
}

export type StatisticsDifference = {
  grain: string;
  period: string;
  scope: string;
  kind: string;
  key: string;
  kept: Record<(typeof MEASURES)[number], number>;
  recounted: Record<(typeof MEASURES)[number], number>;
};

/**
 * Every total that differs between what the triggers kept (report_stats plus report_stats_delta) and a recount
 * from the reports, deposits and grievances themselves (report_stats_recount()). Rows that are zero on both
 * sides are not differences. Runs in one REPEATABLE READ transaction (or the caller's), so both sides see the
 * same rows.
 */
export async function verifyStatistics(
  limit = 50,
  within?: Tx,
): Promise<{ differences: StatisticsDifference[]; totals: number }> {
  const cols = sql.raw(MEASURES.join(", "));
  const sums = sql.raw(MEASURES.map((m) => `sum(${m})::bigint as ${m}`).join(", "));
  const nonzero = sql.raw(MEASURES.map((m) => `sum(${m}) <> 0`).join(" or "));
  const diff = sql.raw(MEASURES.map((m) => `coalesce(k.${m}, 0) <> coalesce(f.${m}, 0)`).join(" or "));
  const pick = (side: "k" | "f") =>
    sql.raw(`json_build_object(${MEASURES.map((m) => `'${m}', coalesce(${side}.${m}, 0)`).join(", ")})`);
  const run = async (tx: Tx) => {
    const rows = await tx.execute<{
      grain: string;
      period: string;
      scope: string;
      kind: string;
      key: string;
      kept: StatisticsDifference["kept"];
      recounted: StatisticsDifference["recounted"];
      total: string;
    }>(sql`
        with kept as (
          select grain, period, scope, kind, key, ${sums}
          from (select grain, period, scope, kind, key, ${cols} from report_stats
                union all
                select grain, period, scope, kind, key, ${cols} from report_stats_delta) u
          group by 1, 2, 3, 4, 5
          having ${nonzero}
        ), fresh as (
          select * from report_stats_recount()
        ), d as (
          select coalesce(k.grain, f.grain) as grain, coalesce(k.period, f.period)::text as period,
                 coalesce(k.scope, f.scope) as scope, coalesce(k.kind, f.kind) as kind,
                 coalesce(k.key, f.key) as key, ${pick("k")} as kept, ${pick("f")} as recounted
          from kept k full join fresh f using (grain, period, scope, kind, key)
          where ${diff}
        )
        select d.*, (select count(*) from kept) as total from d order by 1, 3, 2, 4, 5 limit ${limit}`);
    let totals = rows[0] ? Number(rows[0].total) : -1;
    if (totals < 0) {
      const [t] = await tx.execute<{ n: string }>(sql`
          select count(*) as n from (select 1 from report_stats group by grain, period, scope, kind, key) x`);
      totals = Number(t?.n ?? 0);
    }
    return {
      totals,
      differences: rows.map((r) => ({
        grain: r.grain,
        period: r.period,
        scope: r.scope,
        kind: r.kind,
        key: r.key,
        kept: r.kept,
        recounted: r.recounted,
      })),
    };
  };
  // Inside a caller's transaction (tests), as it is; else in one snapshot of its own.
  if (within) return run(within);
  return db.transaction(run, { isolationLevel: "repeatable read", accessMode: "read only" });
}
