// The scaled database the bench needs (made by `npm run seed:scale`), checked before anything is built or
// started, and described in the results (PostgreSQL version, row counts).

/** The accounts the bench signs in with; the scale generator creates them (db/scale). */
export const FIXTURES = {
  employer: { email: "bench@scale.example.om", password: "Bench-Demo-2026", reports: 5_000 },
  worker: { civilId: "200000001", minReports: 2 },
  reviewer: {
    email: "reviewer@mol.example.om",
    password: "Staff-Demo-2026",
    totpSecret: process.env.BENCH_REVIEWER_TOTP ?? "KVKFKRCPNZQUYMLX",
  },
};

export const COUNTED_TABLES = [
  "reports",
  "report_events",
  "workers",
  "establishments",
  "employer_users",
  "deposits",
  "evidence_files",
  "cancellation_requests",
  "refund_requests",
  "grievances",
  "notifications",
  "sessions",
  "audit_events",
];

export class FixtureError extends Error {}

/** Checks the scale fixtures; returns what the bench needs to know about them, or throws a FixtureError. */
export async function checkFixtures(sql, dbLabel) {
  const fail = (what) => {
    throw new FixtureError(
      `${dbLabel} does not hold the scale fixtures (${what}).\n` +
        `Fill it first: DATABASE_URL=<that database> npm run seed:scale -- --reports 3000000 (see README, Performance).`,
    );
  };
  const [{ exists }] = await sql`select to_regclass('public.reports') is not null as exists`;
  if (!exists) fail("no reports table: not a Balagh database");
  const [employer] = await sql`
    select u.id, u.establishment_id, u.active, u.email_verified_at is not null as verified,
      (select count(*)::int from reports r where r.establishment_id = u.establishment_id) as reports
    from employer_users u where lower(u.email) = ${FIXTURES.employer.email}`;
  if (!employer) fail(`no employer ${FIXTURES.employer.email}`);
  if (!employer.active || !employer.verified) fail(`${FIXTURES.employer.email} is inactive or unverified`);
  if (employer.reports < FIXTURES.employer.reports) {
    fail(
      `the establishment of ${FIXTURES.employer.email} has ${employer.reports} reports, not ${FIXTURES.employer.reports}`,
    );
  }
  const [worker] = await sql`
    select w.id, (select count(*)::int from reports r where r.worker_id = w.id
      and r.status in ('submitted', 'approved', 'rejected', 'cancelled', 'closed')) as reports
    from workers w where w.civil_id = ${FIXTURES.worker.civilId}`;
  if (!worker) fail(`no worker with civil ID ${FIXTURES.worker.civilId}`);
  if (worker.reports < FIXTURES.worker.minReports)
    fail(`worker ${FIXTURES.worker.civilId} has ${worker.reports} visible reports`);
  const [staff] =
    await sql`select id from staff_users where lower(email) = ${FIXTURES.reviewer.email} and active`;
  if (!staff) fail(`no active staff account ${FIXTURES.reviewer.email}`);
  return {
    employerId: employer.id,
    establishmentId: employer.establishment_id,
    establishmentReports: employer.reports,
    workerId: worker.id,
    workerReports: worker.reports,
  };
}

/** PostgreSQL's version and exact row counts of the main tables (a few seconds on 3 million reports). */
export async function describeDatabase(sql) {
  const [{ server_version: version }] = await sql`show server_version`;
  const rows = {};
  for (const t of COUNTED_TABLES) {
    const [{ exists }] = await sql`select to_regclass(${`public.${t}`}) is not null as exists`;
    if (!exists) continue;
    const [{ n }] = await sql`select count(*)::bigint as n from ${sql(t)}`;
    rows[t] = Number(n);
  }
  const [{ size }] = await sql`select pg_size_pretty(pg_database_size(current_database())) as size`;
  return { postgres: version, databaseSize: size, rows };
}
