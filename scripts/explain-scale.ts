/**
 * `npm run explain:scale`: runs the app's hot queries (its own functions) against DATABASE_URL, normally a
 * database filled by `npm run seed:scale`, with PostgreSQL's auto_explain in ANALYZE mode, and prints each
 * page's statements with their execution time and the plan's top node (`-- <word>`: only the scenarios whose
 * name contains it). Figures, never a failure. Reads only,
 * except one session row (for the session look-up) and what the rolled-back calls write.
 */
import postgres from "postgres";

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  Plans?: PlanNode[];
};

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("set DATABASE_URL to the scaled database");
  const notices: string[] = [];
  const client = postgres(url, { max: 1, onnotice: (n) => notices.push(String(n.message)) });
  (globalThis as { __balaghSql?: postgres.Sql }).__balaghSql = client;
  const { db } = await import("../db");
  const { eq, sql } = await import("drizzle-orm");
  const schema = await import("../db/schema");
  const reportsQ = await import("../lib/reports/queries");
  const workersQ = await import("../lib/workers/queries");
  const queues = await import("../lib/admin/queues");
  const caseQ = await import("../lib/admin/case");
  const refunds = await import("../lib/admin/refunds/queue");
  const stats = await import("../lib/admin/statistics");
  const audit = await import("../lib/admin/audit-log");
  const sessions = await import("../lib/auth/sessions");
  const dispatch = await import("../lib/notifications/dispatch");
  const deadlines = await import("../lib/notifications/deadline-notices");
  const { BENCH } = await import("../db/scale");
  type Tx = import("../db").Tx;

  const [owner] = await db
    .select()
    .from(schema.employerUsers)
    .where(eq(sql`lower(${schema.employerUsers.email})`, BENCH.email));
  const [worker] = await db
    .select()
    .from(schema.workers)
    .where(eq(schema.workers.civilId, BENCH.workerCivilId));
  if (!owner || !worker) throw new Error("no bench fixtures here: run npm run seed:scale first");
  const staff = async (email: string) =>
    (
      await db
        .select()
        .from(schema.staffUsers)
        .where(eq(sql`lower(${schema.staffUsers.email})`, email))
    )[0]!;
  const staffActor = async (email: string) => {
    const s = await staff(email);
    return {
      kind: "staff" as const,
      sessionId: "",
      userId: s.id,
      role: s.role,
      name: s.name,
      email: s.email,
    };
  };
  const employer = {
    kind: "employer" as const,
    sessionId: "",
    userId: owner.id,
    establishmentId: owner.establishmentId,
    role: owner.role,
    name: owner.name,
    email: owner.email,
  };
  const workerActor = {
    kind: "worker" as const,
    sessionId: "",
    workerId: worker.id,
    name: worker.nameEn,
    nameAr: worker.nameAr,
  };
  const reviewer = await staffActor("reviewer@mol.example.om");
  const finance = await staffActor("finance@mol.example.om");
  const supervisor = await staffActor("supervisor@mol.example.om");
  const [report] = await db
    .select({ id: schema.reports.id, reference: schema.reports.reference })
    .from(schema.reports)
    .where(eq(schema.reports.establishmentId, owner.establishmentId))
    .orderBy(sql`${schema.reports.createdAt} desc`)
    .offset(100)
    .limit(1);
  const sessionId = await sessions.createSession(db, {
    userKind: "employer",
    userId: owner.id,
    ip: null,
    userAgent: "explain-scale",
  });
  const page1 = await reportsQ.listEstablishmentReports(employer, {});

  class Rollback extends Error {}
  const rolledBack = async (fn: (tx: Tx) => Promise<unknown>) => {
    try {
      await db.transaction(async (tx) => {
        await fn(tx);
        throw new Rollback();
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
  };

  const scenarios: [string, () => Promise<unknown>][] = [
    ["worker look-up (their reports)", () => workersQ.listReportsForWorker(workerActor)],
    ["employer dashboard, first page (5,000 reports)", () => reportsQ.listEstablishmentReports(employer, {})],
    [
      "employer dashboard, next page",
      () => reportsQ.listEstablishmentReports(employer, { after: page1.olderCursor }),
    ],
    [
      "employer dashboard, status filter",
      () => reportsQ.listEstablishmentReports(employer, { status: "approved" }),
    ],
    ["employer dashboard, counts by status", () => reportsQ.countReportsByStatus(employer)],
    [
      "employer dashboard, search by reference",
      () => reportsQ.listEstablishmentReports(employer, { q: report!.reference }),
    ],
    ["employer dashboard, search by name", () => reportsQ.listEstablishmentReports(employer, { q: "Kumar" })],
    ["employer report page", () => reportsQ.getReportDetail(employer, report!.id)],
    ["staff queue: reports", () => queues.listQueue(reviewer, "reports", {})],
    ["staff queue: cancellations", () => queues.listQueue(reviewer, "cancellations", {})],
    ["staff queue: grievances", () => queues.listQueue(reviewer, "grievances", {})],
    ["staff queue: reports in Muscat", () => queues.listQueue(reviewer, "reports", { governorate: "MA" })],
    ["case page", () => rolledBack((tx) => caseQ.loadCase(reviewer, report!.id, { tx }))],
    ["refund queue", () => refunds.listRefundQueue(finance, {})],
    ["refund queue, submitted", () => refunds.listRefundQueue(finance, { status: "submitted" })],
    [
      "statistics, one month",
      () => stats.loadStatistics(supervisor, { from: "2026-10-01", to: "2026-10-31", governorate: null }),
    ],
    [
      "statistics, one year",
      () => stats.loadStatistics(supervisor, { from: "2025-01-01", to: "2025-12-31", governorate: null }),
    ],
    [
      "statistics, the page's default (last 12 months)",
      () => stats.loadStatistics(supervisor, { ...stats.defaultStatisticsRange(), governorate: null }),
    ],
    [
      "statistics, one year in Muscat governorate",
      () => stats.loadStatistics(supervisor, { from: "2025-01-01", to: "2025-12-31", governorate: "MA" }),
    ],
    [
      "statistics, all time (both dates emptied)",
      () => stats.loadStatistics(supervisor, { from: null, to: null, governorate: null }),
    ],
    [
      "audit log, first page",
      () => rolledBack((tx) => audit.browseAuditLog(supervisor, audit.EMPTY_AUDIT_FILTER, null, { tx })),
    ],
    ["session look-up", () => sessions.loadSessionActor(sessionId)],
    ["notification dispatch claim", () => dispatch.dispatchDue({ now: new Date("2001-01-01T00:00:00Z") })],
    [
      "daily deadline notices (a day with nothing due)",
      () =>
        deadlines.sendDeadlineNotices({ now: new Date("2001-06-01T00:00:00Z"), baseUrl: "http://localhost" }),
    ],
  ];

  await client.unsafe("load 'auto_explain'");
  await client.unsafe("set auto_explain.log_min_duration = 0");
  await client.unsafe("set auto_explain.log_analyze = on");
  await client.unsafe("set auto_explain.log_timing = on");
  await client.unsafe("set auto_explain.log_format = 'json'");
  await client.unsafe("set auto_explain.log_level = 'notice'");

  const [counts] = await client<{ reports: string }[]>`select count(*)::text as reports from reports`;
  console.log(
    `${Number(counts!.reports).toLocaleString("en")} reports; each page run twice, the second (warm) run shown\n`,
  );
  // `npm run explain:scale -- statistics`: only the scenarios whose name contains the word.
  const only = process.argv[2];
  for (const [name, fn] of scenarios.filter(([n]) => !only || n.includes(only))) {
    await fn(); // warm the cache and the prepared statements
    const from = notices.length;
    const t0 = performance.now();
    await fn();
    const wall = performance.now() - t0;
    const statements = notices.slice(from).flatMap((m) => {
      const d = /duration: ([\d.]+) ms/.exec(m);
      const start = m.indexOf("{");
      if (!d || start < 0) return [];
      const plan = (JSON.parse(m.slice(start)) as { Plan: PlanNode }).Plan;
      const scans: string[] = [];
      const walk = (n: PlanNode) => {
        if (n["Relation Name"] || n["Index Name"])
          scans.push(
            `${n["Node Type"]}${n["Index Name"] ? ` ${n["Index Name"]}` : ` ${n["Relation Name"]}`}`,
          );
        (n.Plans ?? []).forEach(walk);
      };
      walk(plan);
      return [{ ms: Number(d[1]), scans }];
    });
    const db_ms = statements.reduce((s, x) => s + x.ms, 0);
    const slowest = [...statements].sort((a, b) => b.ms - a.ms)[0];
    console.log(
      `${name.padEnd(48)} ${wall.toFixed(1).padStart(8)} ms  (${statements.length} statements, ${db_ms.toFixed(1)} ms in PostgreSQL)`,
    );
    if (slowest)
      console.log(
        `${"".padEnd(48)} slowest ${slowest.ms.toFixed(1)} ms: ${[...new Set(slowest.scans)].slice(0, 4).join(", ")}`,
      );
  }
  await client.unsafe("set auto_explain.log_min_duration = -1");
  await sessions.revokeSession(sessionId);
  await client.end();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
