/**
 * `npm run seed:scale` end to end, small (2,000 reports), on a database of its own next to the test database
 * (the shared one keeps the exact demo data the other files count on): every row passes the schema's keys,
 * checks and triggers (the generator rebuilds every key and foreign key at the end, which checks each row),
 * the numbers add up, and the bench fixtures are what the bench expects.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "@/db/prepare";
import { AlreadySeededError, BENCH, DEFAULT_OPTIONS, seedScale, type ScaleSummary } from "@/db/scale";
import { verifyPassword } from "@/lib/auth/password";
import { parseReference } from "@/lib/reports/reference";

/** Named after the test database, so test runs against different databases never share it. */
const NAME = `${(process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) : (process.env.EMBEDDED_DB_NAME ?? "balagh_test")).replace(/[^a-z0-9_]/gi, "")}_scalegen`;
const REPORTS = 2_000;
const BENCH_REPORTS = 300;

let admin: postgres.Sql;
let sql: postgres.Sql;
let url: string;
let summary: ScaleSummary;
let demoReports = 0;

beforeAll(async () => {
  let base: URL;
  if (process.env.DATABASE_URL) {
    base = new URL(process.env.DATABASE_URL);
  } else {
    const { ensureEmbeddedServer, EMBEDDED_USER, EMBEDDED_PASSWORD } = await import("@/db/embedded");
    const server = await ensureEmbeddedServer();
    base = new URL(`postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${server.port}/postgres`);
  }
  base.pathname = "/postgres";
  admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${NAME} with (force)`);
  await admin.unsafe(`create database ${NAME}`);
  base.pathname = `/${NAME}`;
  url = base.toString();
  await prepareDatabase({ url, created: true, seedIfCreated: true }); // migrations and the demo seed
  sql = postgres(url, { max: 2, onnotice: () => {} });
  demoReports = (await sql<{ n: number }[]>`select count(*)::int as n from reports`)[0]!.n;
  summary = await seedScale(
    sql,
    { ...DEFAULT_OPTIONS, reports: REPORTS, benchReports: BENCH_REPORTS, seed: 99 },
    () => {},
    { chunkReports: 700 },
  );
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await admin?.unsafe(`drop database if exists ${NAME} with (force)`);
  await admin?.end();
});

describe("seed:scale", () => {
  it("adds exactly the reports asked for, with everything that hangs on them", async () => {
    const [counts] = await sql<Record<string, number>[]>`
      select (select count(*)::int from reports) as reports,
             (select count(*)::int from report_events) as events,
             (select count(*)::int from deposits) as deposits,
             (select count(*)::int from notifications) as notifications,
             (select count(*)::int from audit_events) as audit`;
    expect(counts!.reports).toBe(demoReports + REPORTS);
    expect(summary.rows.reports).toBe(REPORTS);
    expect(summary.rows.workers).toBeGreaterThan(REPORTS);
    expect(counts!.events).toBeGreaterThan(3 * REPORTS);
    expect(counts!.deposits).toBeGreaterThan(0.9 * REPORTS);
    expect(counts!.notifications).toBeGreaterThan(REPORTS);
    expect(summary.rows.audit_events).toBeGreaterThan(0.8 * REPORTS);
    for (const t of ["cancellation_requests", "grievances", "refund_requests"])
      expect(summary.rows[t], t).toBeGreaterThan(0);
  });

  it("has reports in every status and every governorate, every reference valid", async () => {
    const statuses = await sql<{ status: string }[]>`select distinct status::text as status from reports`;
    expect(statuses.map((s) => s.status).sort()).toEqual([
      "approved",
      "awaiting_payment",
      "cancelled",
      "closed",
      "draft",
      "rejected",
      "submitted",
    ]);
    const govs = await sql<{ code: string; n: number }[]>`
      select e.governorate_code as code, count(*)::int as n from reports r join establishments e on e.id = r.establishment_id
      where e.cr_number >= '8000000' group by 1`;
    expect(govs).toHaveLength(11);
    const refs = await sql<{ reference: string }[]>`select reference from reports`;
    expect(refs.filter((r) => parseReference(r.reference) !== r.reference)).toEqual([]);
    // New filings continue after the generated references.
    const [seq] = await sql<{ v: string }[]>`select last_value::text as v from report_reference_seq`;
    const highest = Math.max(...refs.map((r) => Number(r.reference.slice(8, -1))));
    expect(Number(seq!.v)).toBeGreaterThanOrEqual(highest);
  });

  it("keeps the rules: 7 days before filing, a paid deposit behind every filed report, one open report per worker", async () => {
    const [bad] = await sql<Record<string, number>[]>`
      select
        (select count(*)::int from reports where last_day_at_work > (created_at at time zone 'Asia/Muscat')::date - 7) as too_early,
        (select count(*)::int from reports r where r.submitted_at is not null
           and not exists (select 1 from deposits d where d.report_id = r.id and d.paid_at is not null)) as unpaid,
        (select count(*)::int from (select worker_id from reports where status in ('awaiting_payment', 'submitted', 'approved')
           group by 1 having count(*) > 1) x) as two_open,
        (select count(*)::int from reports where status = 'approved' and approved_at is null) as approved_undated,
        (select count(*)::int from deposits where status = 'refunded' and refunded_baisa <> amount_baisa) as partial,
        (select count(*)::int from reports r join establishments e on e.id = r.establishment_id join workers w on w.id = r.worker_id
           where r.stats_governorate_code is distinct from coalesce(r.work_governorate_code, e.governorate_code)
              or r.worker_nationality is distinct from w.nationality) as stats_copies_wrong`;
    expect(bad).toEqual({
      too_early: 0,
      unpaid: 0,
      two_open: 0,
      approved_undated: 0,
      partial: 0,
      stats_copies_wrong: 0,
    });
  });

  it("counts the statistics' running totals once, exactly, and leaves their triggers on", async () => {
    const [diff] = await sql<{ n: number; total: number }[]>`
      select (select count(*)::int from (
                (select * from report_stats_recount() except all select * from report_stats)
                union all
                (select * from report_stats except all select * from report_stats_recount())) d) as n,
             (select count(*)::int from report_stats) as total`;
    expect(diff).toEqual({ n: 0, total: expect.any(Number) });
    expect(diff!.total).toBeGreaterThan(REPORTS);
    const [off] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_trigger where tgname like 'report_stats_%' and tgenabled = 'D'`;
    expect(off!.n).toBe(0);
  });

  it("keeps every key, index and foreign key of the schema", async () => {
    const [n] = await sql<{ indexes: number; fks: number }[]>`
      select (select count(*)::int from pg_indexes where schemaname = 'public') as indexes,
             (select count(*)::int from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace) as fks`;
    const fresh = postgres(url.replace(NAME, "postgres"), { max: 1, onnotice: () => {} });
    try {
      await fresh.unsafe(`drop database if exists ${NAME}_ref with (force)`);
      await fresh.unsafe(`create database ${NAME}_ref`);
      await prepareDatabase({ url: url.replace(NAME, `${NAME}_ref`), created: false, seedIfCreated: false });
      const ref = postgres(url.replace(NAME, `${NAME}_ref`), { max: 1, onnotice: () => {} });
      const [m] = await ref<{ indexes: number; fks: number }[]>`
        select (select count(*)::int from pg_indexes where schemaname = 'public') as indexes,
               (select count(*)::int from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace) as fks`;
      await ref.end();
      expect(n).toEqual(m);
    } finally {
      await fresh.unsafe(`drop database if exists ${NAME}_ref with (force)`);
      await fresh.end();
    }
  });

  it("creates the bench fixtures: the employer who can sign in, exactly its reports, the worker with two", async () => {
    const [owner] = await sql<
      { password_hash: string; verified: boolean; active: boolean; role: string; n: number; name: string }[]
    >`
      select u.password_hash, u.email_verified_at is not null as verified, u.active, u.role::text as role, e.name_en as name,
             (select count(*)::int from reports r where r.establishment_id = e.id) as n
      from employer_users u join establishments e on e.id = u.establishment_id where lower(u.email) = ${BENCH.email}`;
    expect(owner).toMatchObject({
      verified: true,
      active: true,
      role: "owner",
      n: BENCH_REPORTS,
      name: "Bench Establishment",
    });
    expect(await verifyPassword(owner!.password_hash, BENCH.password)).toBe(true);
    const reports = await sql<{ status: string }[]>`
      select r.status::text as status from reports r join workers w on w.id = r.worker_id where w.civil_id = ${BENCH.workerCivilId}`;
    expect(reports.map((r) => r.status).sort()).toEqual(["approved", "closed"]);
    expect(summary.bench.sampleReportId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses to run twice on one database", async () => {
    await expect(
      seedScale(sql, { ...DEFAULT_OPTIONS, reports: REPORTS, benchReports: BENCH_REPORTS }),
    ).rejects.toBeInstanceOf(AlreadySeededError);
  });
});
