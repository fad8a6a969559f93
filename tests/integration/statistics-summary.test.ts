/**
 * The statistics' running totals (report_stats, kept by triggers: migration 0009) stay exact whatever writes
 * the rows: random transitions of reports, deposits and grievances, single and multi-row statements, several
 * transactions at once, some rolled back, folds in between; then stats:verify's check finds no difference and
 * the page's figures equal a direct count over the reports. A run with a trigger switched off is caught.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, ensureDatabase, type Tx } from "@/db";
import { loadStatistics } from "@/lib/admin/statistics";
import { foldStatistics, verifyStatistics } from "@/lib/admin/statistics-summary";
import type { Actor } from "@/lib/auth/actor";
import { createStaffUser, signedInActor } from "@/tests/helpers/accounts";
import { withRollback } from "@/tests/helpers/db";
import { insertFixtureReport } from "@/tests/helpers/statistics-fixture";
import { createEstablishment } from "@/tests/helpers/tracking-fixtures";

const SEED = Number(process.env.STATS_TEST_SEED ?? 20260512);
/** A small deterministic generator (mulberry32): a failure names its seed and replays. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const STATUSES = [
  "draft",
  "awaiting_payment",
  "submitted",
  "approved",
  "rejected",
  "cancelled",
  "closed",
] as const;
const GOVS = ["MA", "BN", "DA", "MU", null] as const;
const DEPOSIT_STATUSES = ["pending", "paid", "refunded", "utilised", "failed", "expired"] as const;
const GRIEVANCE_STATUSES = ["submitted", "under_review", "accepted", "rejected", "withdrawn"] as const;
/** Filing times around the edges of May and June 2020 in Muscat (20:00 UTC is already the next day there). */
const TIMES = [
  "2020-04-30T19:59:00Z",
  "2020-04-30T20:01:00Z",
  "2020-05-01T08:00:00Z",
  "2020-05-17T10:00:00Z",
  "2020-05-31T19:30:00Z",
  "2020-05-31T20:30:00Z",
  "2020-06-15T06:00:00Z",
  "2020-06-30T21:00:00Z",
] as const;

let staff: Actor;
const reportIds: string[] = [];

beforeAll(async () => {
  await ensureDatabase();
  staff = await signedInActor("staff", (await createStaffUser({ role: "supervisor" })).id);
  const r = rng(SEED);
  const ests = [await createEstablishment("Stats random A"), await createEstablishment("Stats random B")];
  for (let i = 0; i < 24; i++) {
    const status = r.pick(["submitted", "approved", "rejected", "cancelled", "closed"] as const);
    const made = await insertFixtureReport({
      est: r.pick(ests),
      nationality: r.pick(["IN", "BD", "PK", "EG"]),
      status,
      submittedAt: r.pick(TIMES),
      decidedAfterHours: status === "submitted" ? undefined : r.int(1, 300),
      workGovernorate: r.pick(GOVS) ?? undefined,
      deposit:
        r.next() < 0.8
          ? { status: r.pick(["paid", "refunded", "utilised"] as const), amount: 85_000 }
          : undefined,
      grievance: r.next() < 0.4 ? r.pick(["submitted", "accepted", "rejected"] as const) : undefined,
    });
    reportIds.push(made.id);
  }
});

/** One random change, by plain SQL: the triggers must hold whatever code path writes. */
async function randomChange(tx: Tx, r: ReturnType<typeof rng>): Promise<void> {
  const id = r.pick(reportIds);
  const time = r.pick([...TIMES, null]);
  switch (r.int(0, 9)) {
    case 0:
      await tx.execute(sql`update reports set status = ${r.pick(STATUSES)} where id = ${id}`);
      return;
    case 1:
      await tx.execute(
        sql`update reports set decided_at = ${r.next() < 0.3 ? null : sql`submitted_at + ${`${r.int(0, 500)} hours`}::interval`} where id = ${id}`,
      );
      return;
    case 2:
      await tx.execute(sql`update reports set submitted_at = ${time}::timestamptz where id = ${id}`);
      return;
    case 3:
      await tx.execute(sql`update reports set work_governorate_code = ${r.pick(GOVS)} where id = ${id}`);
      return;
    case 4: {
      // Several rows in one statement.
      const ids = [r.pick(reportIds), r.pick(reportIds), r.pick(reportIds)];
      await tx.execute(
        sql`update reports set status = ${r.pick(STATUSES)} where id in (${sql.join(
          ids.map((x) => sql`${x}::uuid`),
          sql`, `,
        )})`,
      );
      return;
    }
    case 5:
      await tx.execute(
        sql`update deposits set status = ${r.pick(DEPOSIT_STATUSES)}, refunded_baisa = ${r.pick([0, 40_000, 85_000])},
              amount_baisa = ${r.pick([85_000, 90_000])} where report_id = ${id}`,
      );
      return;
    case 6:
      await tx.execute(
        sql`update grievances set status = ${r.pick(GRIEVANCE_STATUSES)} where report_id = ${id}`,
      );
      return;
    case 7:
      await tx.execute(sql`
        insert into grievances (report_id, worker_id, status, grounds, statement, contact_phone)
        select r.id, r.worker_id, ${r.pick(GRIEVANCE_STATUSES)}, 'at_work', 'random', '+96891234567'
        from reports r where r.id = ${id}`);
      return;
    case 8:
      await tx.execute(sql`delete from grievances where report_id = ${id}`);
      return;
    case 9:
      await tx.execute(sql`
        insert into deposits (report_id, amount_baisa, status, provider)
        values (${id}, ${r.pick([85_000, 120_000])}, ${r.pick(DEPOSIT_STATUSES)}, 'local')`);
      return;
  }
}

describe("statistics running totals", () => {
  it("stay exact through random transitions, concurrent transactions, rollbacks and folds", async () => {
    let applied = 0;
    let refused = 0;
    const lane = async (seed: number) => {
      const r = rng(seed);
      for (let i = 0; i < 40; i++) {
        try {
          await db.transaction(async (tx) => {
            for (let k = r.int(1, 3); k > 0; k--) await randomChange(tx, r);
            if (r.next() < 0.15) throw new Error("deliberate rollback");
          });
          applied++;
        } catch {
          // A deliberate rollback, or a change the schema refuses (a CHECK, a guard, a unique index).
          refused++;
        }
        if (r.next() < 0.1) await foldStatistics();
      }
    };
    await Promise.all([lane(SEED + 1), lane(SEED + 2), lane(SEED + 3), lane(SEED + 4)]);
    expect(applied, `seed ${SEED}: ${applied} applied, ${refused} refused`).toBeGreaterThan(60);

    const before = await verifyStatistics();
    expect(before.differences, `seed ${SEED}`).toEqual([]);
    await foldStatistics();
    const after = await verifyStatistics();
    expect(after.differences, `seed ${SEED}`).toEqual([]);
    expect(after.totals).toBeGreaterThan(0);
  });

  it("gives the page the same figures as counting the reports directly, for ranges across month edges", async () => {
    for (const filter of [
      { from: "2020-05-01", to: "2020-06-30", governorate: null },
      { from: "2020-04-30", to: "2020-06-14", governorate: null },
      { from: "2020-05-17", to: "2020-05-31", governorate: "MA" },
      { from: null, to: "2020-05-31", governorate: "DA" },
      { from: "2020-05-02", to: null, governorate: null },
    ]) {
      const s = await loadStatistics(staff, filter);
      const where = sql.join(
        [
          sql`r.submitted_at is not null`,
          filter.from
            ? sql`r.submitted_at >= (${filter.from}::date)::timestamp at time zone 'Asia/Muscat'`
            : sql`true`,
          filter.to
            ? sql`r.submitted_at < ((${filter.to}::date + 1))::timestamp at time zone 'Asia/Muscat'`
            : sql`true`,
          filter.governorate ? sql`r.stats_governorate_code = ${filter.governorate}` : sql`true`,
        ],
        sql` and `,
      );
      const [direct] = await db.execute<{
        total: string;
        decided: string;
        median: string | null;
        accepted: string;
        held: string;
      }>(sql`
        select (select count(*) from reports r where ${where}) as total,
               (select count(*) from reports r where ${where} and r.decided_at is not null) as decided,
               (select percentile_cont(0.5) within group (
                  order by floor(extract(epoch from r.decided_at - r.submitted_at) / 3600))
                from reports r where ${where} and r.decided_at is not null) as median,
               (select count(*) from grievances g join reports r on r.id = g.report_id
                where ${where} and g.status = 'accepted') as accepted,
               (select coalesce(sum(d.amount_baisa), 0) from deposits d join reports r on r.id = d.report_id
                where ${where} and d.status = 'paid') as held`);
      const label = JSON.stringify(filter);
      expect(s.total, label).toBe(Number(direct!.total));
      expect(s.decisions.count, label).toBe(Number(direct!.decided));
      expect(s.decisions.medianSeconds, label).toBe(
        direct!.median === null ? null : Number(direct!.median) * 3600,
      );
      expect(s.grievances.accepted, label).toBe(Number(direct!.accepted));
      expect(s.deposits.held.baisa, label).toBe(Number(direct!.held));
    }
  });

  it("is caught by the check when a change bypasses the trigger", async () => {
    const differences = await withRollback(async (tx) => {
      await tx.execute(sql`alter table reports disable trigger report_stats_reports_update`);
      await tx.execute(sql`
        update reports set status = case when status = 'approved' then 'closed'::report_status else 'approved' end
        where id = ${reportIds[0]} and submitted_at is not null`);
      await tx.execute(
        sql`update reports set submitted_at = coalesce(submitted_at, now()) where id = ${reportIds[0]}`,
      );
      return (await verifyStatistics(50, tx)).differences;
    });
    expect(differences.length).toBeGreaterThan(0);
  });
});
