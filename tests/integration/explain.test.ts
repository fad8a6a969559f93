/**
 * Every hot query has an index (issue 6 §2). The app's own query functions run here on a connection where
 * PostgreSQL's auto_explain module sends the plan of every statement back to us as a notice, with sequential
 * scans switched off (`enable_seqscan = off`). On the small CI database the planner would happily scan a
 * table of a few rows; with sequential scans off it scans one only when no index can serve the query. A
 * sequential scan that remains on a table that grows with the country's reports means that query would read
 * the whole table at national scale: the test fails with the query's name, its SQL and its plan.
 *
 * The statistics page sums running totals (report_stats, issue 12) for a date range, reading the reports only for
 * the days outside whole months, through the covering index on submitted_at (reports_stats_idx).
 */
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Tables that grow with reports, workers and use; any other (governorates, fees, staff) may be scanned. */
const LARGE_TABLES = new Set([
  "reports",
  "report_events",
  "workers",
  "establishments",
  "employer_users",
  "deposits",
  "payment_events",
  "cancellation_requests",
  "refund_requests",
  "grievances",
  "evidence_files",
  "notifications",
  "audit_events",
  "sessions",
  "auth_tokens",
  "worker_otps",
  "rate_limits",
  "inspection_referrals",
  "deadline_notices",
  "report_stats",
  "report_stats_delta",
]);

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
};
type Explained = { query: string; plan: PlanNode };

const notices: string[] = [];
let client: postgres.Sql;

function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/** The statements auto_explain reported since `from`. */
function plansSince(from: number): Explained[] {
  return notices.slice(from).flatMap((message) => {
    const start = message.indexOf("{");
    if (start < 0) return [];
    const parsed = JSON.parse(message.slice(start)) as { "Query Text": string; Plan: PlanNode };
    return [{ query: parsed["Query Text"], plan: parsed.Plan }];
  });
}

/** Index name -> [table, leading column (null for an expression), partial], read from the catalog. */
let indexes = new Map<string, [string, string | null, boolean]>();

/** Nodes that read all of their input before returning a row: a Limit above them does not bound the scan. */
const BLOCKING = new Set(["Sort", "Hash", "Aggregate", "Materialize", "WindowAgg", "SetOp"]);

/**
 * What in a plan reads a whole large table: a sequential scan, or (since sequential scans are off, the
 * planner falls back to them) an index scan with no condition on the index's leading column, unless a Limit
 * stops it early (an ordered top-N read, as a queue's first page) or the index is partial.
 */
function fullReadsOfLargeTables(e: Explained): string[] {
  const out: string[] = [];
  const visit = (n: PlanNode, limited: boolean) => {
    const type = n["Node Type"];
    if (type === "Seq Scan" && n["Relation Name"] && LARGE_TABLES.has(n["Relation Name"]))
      out.push(`Seq Scan on ${n["Relation Name"]}`);
    if (
      (type === "Index Scan" || type === "Index Only Scan" || type === "Bitmap Index Scan") &&
      n["Index Name"]
    ) {
      const [table, leading, partial] = indexes.get(n["Index Name"]) ?? [
        n["Relation Name"] ?? "",
        null,
        false,
      ];
      const cond = n["Index Cond"] ?? "";
      // A partial index holds only the rows its predicate names (open requests, say): reading it all is bounded.
      const bounded =
        partial || (cond !== "" && (leading === null || new RegExp(`\\b${leading}\\b`).test(cond)));
      if (LARGE_TABLES.has(table) && !bounded && !limited)
        out.push(`${type} using ${n["Index Name"]} on ${table} without a condition on ${leading}`);
    }
    const next = type === "Limit" ? true : BLOCKING.has(type) ? false : limited;
    for (const child of n.Plans ?? []) visit(child, next);
  };
  visit(e.plan, false);
  return out;
}

function planText(node: PlanNode, depth = 0): string {
  const what = [
    node["Node Type"],
    node["Relation Name"] && `on ${node["Relation Name"]}`,
    node["Index Name"] && `using ${node["Index Name"]}`,
    node["Index Cond"] && `(${node["Index Cond"]})`,
  ]
    .filter(Boolean)
    .join(" ");
  return ["  ".repeat(depth) + what, ...(node.Plans ?? []).map((p) => planText(p, depth + 1))].join("\n");
}

/** Runs `fn` (app code) and returns the plans of the statements it ran. */
async function explain(fn: () => Promise<unknown>): Promise<Explained[]> {
  const from = notices.length;
  await fn();
  // Notices arrive before each statement's result: they are all in by now.
  return plansSince(from);
}

function expectIndexed(name: string, plans: Explained[]): void {
  expect(plans.length, `${name}: auto_explain reported no statement`).toBeGreaterThan(0);
  const bad = plans.flatMap((p) => {
    const reads = fullReadsOfLargeTables(p);
    return reads.length ? [`${reads.join("; ")}\n${p.query.trim()}\n${planText(p.plan)}`] : [];
  });
  expect(bad, `${name}: no index serves\n${bad.join("\n\n")}`).toEqual([]);
}

// The app's modules, loaded after the database client below is in place.
type App = {
  db: typeof import("@/db").db;
  schema: typeof import("@/db/schema");
  drizzle: typeof import("drizzle-orm");
  reportsQ: typeof import("@/lib/reports/queries");
  workersQ: typeof import("@/lib/workers/queries");
  queues: typeof import("@/lib/admin/queues");
  caseQ: typeof import("@/lib/admin/case");
  refunds: typeof import("@/lib/admin/refunds/queue");
  stats: typeof import("@/lib/admin/statistics");
  audit: typeof import("@/lib/admin/audit-log");
  sessions: typeof import("@/lib/auth/sessions");
  rate: typeof import("@/lib/auth/rate-limit");
  dispatch: typeof import("@/lib/notifications/dispatch");
  receipts: typeof import("@/lib/notifications/receipts");
  deadlines: typeof import("@/lib/notifications/deadline-notices");
  grievancesQ: typeof import("@/lib/grievances/queries");
  payments: typeof import("@/lib/payments/queries");
  settle: typeof import("@/lib/payments/settle");
  art4: typeof import("@/lib/reports/record-art4");
  accounts: typeof import("../helpers/accounts");
};
let app: App;

class Rollback extends Error {}
/** App code that writes (an audit row for a view, say) runs in a transaction that is rolled back. */
async function rolledBack(fn: (tx: import("@/db").Tx) => Promise<unknown>): Promise<void> {
  try {
    await app.db.transaction(async (tx) => {
      await fn(tx);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
}

beforeAll(async () => {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const { ensureEmbeddedServer, EMBEDDED_USER, EMBEDDED_PASSWORD } = await import("@/db/embedded");
    const server = await ensureEmbeddedServer();
    url = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${server.port}/${process.env.EMBEDDED_DB_NAME ?? "balagh_test"}`;
  }
  // One connection, so the session settings below hold for every statement the app runs.
  client = postgres(url, { max: 1, onnotice: (n) => notices.push(String(n.message)) });
  await client.unsafe("load 'auto_explain'");
  await client.unsafe("set auto_explain.log_min_duration = 0");
  await client.unsafe("set auto_explain.log_format = 'json'");
  await client.unsafe("set auto_explain.log_level = 'notice'");
  const rows = await client<{ index: string; table: string; leading: string | null; partial: boolean }[]>`
    select i.relname as index, t.relname as table, a.attname as leading, x.indpred is not null as partial
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0] and x.indkey[0] <> 0
    where t.relnamespace = 'public'::regnamespace`;
  indexes = new Map(rows.map((r) => [r.index, [r.table, r.leading, r.partial]]));
  await client.unsafe("set enable_seqscan = off");
  // db/index.ts takes the client from here instead of creating its own.
  (globalThis as { __balaghSql?: postgres.Sql }).__balaghSql = client;
  app = {
    db: (await import("@/db")).db,
    schema: await import("@/db/schema"),
    drizzle: await import("drizzle-orm"),
    reportsQ: await import("@/lib/reports/queries"),
    workersQ: await import("@/lib/workers/queries"),
    queues: await import("@/lib/admin/queues"),
    caseQ: await import("@/lib/admin/case"),
    refunds: await import("@/lib/admin/refunds/queue"),
    stats: await import("@/lib/admin/statistics"),
    audit: await import("@/lib/admin/audit-log"),
    sessions: await import("@/lib/auth/sessions"),
    rate: await import("@/lib/auth/rate-limit"),
    dispatch: await import("@/lib/notifications/dispatch"),
    receipts: await import("@/lib/notifications/receipts"),
    deadlines: await import("@/lib/notifications/deadline-notices"),
    grievancesQ: await import("@/lib/grievances/queries"),
    payments: await import("@/lib/payments/queries"),
    settle: await import("@/lib/payments/settle"),
    art4: await import("@/lib/reports/record-art4"),
    accounts: await import("../helpers/accounts"),
  };
});

afterAll(async () => {
  await client.unsafe("reset enable_seqscan");
  await client.unsafe("set auto_explain.log_min_duration = -1");
});

/** Ids from the demo seed: Al Noor's owner and reports, a worker with reports, the three staff roles. */
async function fixtures() {
  const { db, schema, drizzle, accounts } = app;
  const { eq, sql } = drizzle;
  const [owner] = await db
    .select()
    .from(schema.employerUsers)
    .where(eq(sql`lower(${schema.employerUsers.email})`, "owner@alnoor.example.om"));
  const [approved] = await db
    .select({ id: schema.reports.id, reference: schema.reports.reference, workerId: schema.reports.workerId })
    .from(schema.reports)
    .where(
      drizzle.and(
        eq(schema.reports.establishmentId, owner!.establishmentId),
        eq(schema.reports.status, "approved"),
      ),
    )
    .limit(1);
  const staffId = async (email: string) =>
    (
      await db
        .select({ id: schema.staffUsers.id })
        .from(schema.staffUsers)
        .where(eq(sql`lower(${schema.staffUsers.email})`, email))
    )[0]!.id;
  return {
    employer: await accounts.signedInActor("employer", owner!.id),
    worker: await accounts.signedInActor("worker", approved!.workerId),
    reviewer: await accounts.signedInActor("staff", await staffId("reviewer@mol.example.om")),
    finance: await accounts.signedInActor("staff", await staffId("finance@mol.example.om")),
    supervisor: await accounts.signedInActor("staff", await staffId("supervisor@mol.example.om")),
    report: approved!,
  };
}

describe("every hot query is served by an index (EXPLAIN with sequential scans off)", () => {
  let f: Awaited<ReturnType<typeof fixtures>>;
  beforeAll(async () => {
    f = await fixtures();
  });
  const employer = () => f.employer as import("@/lib/auth/actor").EmployerActor;
  const worker = () => f.worker as import("@/lib/auth/actor").WorkerActor;

  it("worker: look-up of their reports and one report", async () => {
    expectIndexed("worker look-up", await explain(() => app.workersQ.listReportsForWorker(worker())));
    expectIndexed(
      "worker report",
      await explain(() => app.workersQ.getReportForWorker(worker(), f.report.id)),
    );
  });

  it("employer dashboard: first page, next page (keyset), status filter, counts, searches", async () => {
    const first = await app.reportsQ.listEstablishmentReports(employer(), { limit: 2 });
    expectIndexed(
      "dashboard first page",
      await explain(() => app.reportsQ.listEstablishmentReports(employer(), { limit: 2 })),
    );
    expectIndexed(
      "dashboard next page",
      await explain(() =>
        app.reportsQ.listEstablishmentReports(employer(), { limit: 2, after: first.olderCursor }),
      ),
    );
    expectIndexed(
      "dashboard previous page",
      await explain(() =>
        app.reportsQ.listEstablishmentReports(employer(), { limit: 2, before: first.olderCursor }),
      ),
    );
    expectIndexed(
      "dashboard status filter",
      await explain(() => app.reportsQ.listEstablishmentReports(employer(), { status: "approved" })),
    );
    expectIndexed("dashboard counts", await explain(() => app.reportsQ.countReportsByStatus(employer())));
    expectIndexed(
      "dashboard search by reference",
      await explain(() => app.reportsQ.listEstablishmentReports(employer(), { q: f.report.reference })),
    );
    expectIndexed(
      "dashboard search by digits",
      await explain(() => app.reportsQ.listEstablishmentReports(employer(), { q: "1000" })),
    );
    expectIndexed(
      "dashboard search by name",
      await explain(() => app.reportsQ.listEstablishmentReports(employer(), { q: "Kumar" })),
    );
    expectIndexed(
      "report by reference",
      await explain(() => app.reportsQ.findOwnReportIdByReference(employer(), f.report.reference)),
    );
  });

  it("employer: the report page and its payment", async () => {
    expectIndexed(
      "employer report page",
      await explain(() => app.reportsQ.getReportDetail(employer(), f.report.id)),
    );
    expectIndexed(
      "report payment",
      await explain(() => app.payments.getReportPayment(employer(), f.report.id)),
    );
  });

  it("staff queues: each kind, with a filter and a next page", async () => {
    for (const kind of app.queues.QUEUE_KINDS) {
      const page = await app.queues.listQueue(f.reviewer, kind, { limit: 1 });
      expectIndexed(`${kind} queue`, await explain(() => app.queues.listQueue(f.reviewer, kind, {})));
      expectIndexed(
        `${kind} queue, next page`,
        await explain(() => app.queues.listQueue(f.reviewer, kind, { limit: 1, after: page.nextCursor })),
      );
      expectIndexed(
        `${kind} queue, filtered`,
        await explain(() =>
          app.queues.listQueue(f.reviewer, kind, { governorate: "MA", from: "2026-01-01", to: "2026-12-31" }),
        ),
      );
      expectIndexed(
        `${kind} queue, by reference`,
        await explain(() => app.queues.listQueue(f.reviewer, kind, { q: f.report.reference })),
      );
    }
  });

  it("staff: the case page", async () => {
    expectIndexed(
      "case page",
      await explain(() => rolledBack((tx) => app.caseQ.loadCase(f.reviewer, f.report.id, { tx }))),
    );
  });

  it("finance: the refund queue (default order, filters, next page) and one request", async () => {
    const page = await app.refunds.listRefundQueue(f.finance, {}, { limit: 1 });
    expectIndexed("refund queue", await explain(() => app.refunds.listRefundQueue(f.finance, {})));
    expectIndexed(
      "refund queue, next page",
      await explain(() =>
        app.refunds.listRefundQueue(
          f.finance,
          {},
          { after: app.refunds.decodeRefundCursor(page.next), limit: 1 },
        ),
      ),
    );
    expectIndexed(
      "refund queue, submitted",
      await explain(() => app.refunds.listRefundQueue(f.finance, { status: "submitted" })),
    );
    const [one] = await app.db
      .select({ id: app.schema.refundRequests.id })
      .from(app.schema.refundRequests)
      .limit(1);
    expect(one, "the demo seed has refund requests").toBeDefined();
    expectIndexed("refund request", await explain(() => app.refunds.getRefundRequest(f.finance, one!.id)));
  });

  it("statistics: running totals by their key; the reports only for days outside whole months, through reports_stats_idx", async () => {
    for (const governorate of [null, "MA"]) {
      for (const range of [
        { from: "2026-01-01", to: "2026-03-31", edges: false },
        { from: "2026-01-10", to: "2026-03-20", edges: true },
      ]) {
        const plans = await explain(() =>
          rolledBack((tx) =>
            app.stats.loadStatistics(f.supervisor, { from: range.from, to: range.to, governorate }, { tx }),
          ),
        );
        const label = `statistics (${range.from}..${range.to}, governorate ${governorate})`;
        expectIndexed(label, plans);
        const used: string[] = [];
        const tables = new Set<string>();
        for (const p of plans)
          walk(p.plan, (n) => {
            const name = n["Index Name"];
            if (name) used.push(name);
            const table = n["Relation Name"] ?? (name ? indexes.get(name)?.[0] : undefined);
            if (table) tables.add(table);
          });
        expect(used, `${label}: the totals by their key`).toContain("report_stats_pk");
        if (range.edges)
          expect(used, `${label}: edge days through the covering index`).toContain("reports_stats_idx");
        else expect([...tables], `${label}: whole months never read the reports`).not.toContain("reports");
        for (const t of ["establishments", "workers", "deposits", "grievances"])
          expect([...tables], `${label}: no ${t}`).not.toContain(t);
      }
    }
  });

  it("supervisor: the audit log, first and next page", async () => {
    const { audit } = app;
    let next: string | null = null;
    await rolledBack(async (tx) => {
      next = (await audit.browseAuditLog(f.supervisor, audit.EMPTY_AUDIT_FILTER, null, { tx, limit: 2 }))
        .next;
    });
    expectIndexed(
      "audit log",
      await explain(() =>
        rolledBack((tx) => audit.browseAuditLog(f.supervisor, audit.EMPTY_AUDIT_FILTER, null, { tx })),
      ),
    );
    expectIndexed(
      "audit log, next page",
      await explain(() =>
        rolledBack((tx) =>
          audit.browseAuditLog(f.supervisor, audit.EMPTY_AUDIT_FILTER, audit.decodeAuditCursor(next), { tx }),
        ),
      ),
    );
  });

  it("grievance look-ups", async () => {
    expectIndexed(
      "grievance summary",
      await explain(() => app.grievancesQ.getGrievanceSummaryForReport(f.report.id)),
    );
    expectIndexed(
      "grievance summary (report page)",
      await explain(() => app.reportsQ.loadGrievanceSummary(f.report.id)),
    );
  });

  it("sessions and rate limits: every request and every sign-in", async () => {
    expectIndexed(
      "session look-up",
      await explain(() => app.sessions.loadSessionActor(f.employer.sessionId)),
    );
    expectIndexed(
      "sign-in rate limit",
      await explain(() => app.rate.signInLockState("employer:owner@alnoor.example.om", "127.0.0.1")),
    );
  });

  it("payments: deposit by payment session id, pending deposits to reconcile", async () => {
    const session = {
      sessionId: `cs_test_${randomUUID()}`,
      state: "open",
      url: null,
      paymentId: null,
      amountBaisa: null,
      currency: null,
      depositId: null,
      reportId: null,
    } as unknown as Parameters<typeof app.settle.settleCheckout>[0];
    expectIndexed(
      "deposit by session id",
      await explain(() =>
        app.settle.settleCheckout(session, { source: "return" } as Parameters<
          typeof app.settle.settleCheckout
        >[1]),
      ),
    );
  });

  it("notifications: the dispatcher's claim, a delivery receipt, the daily deadline notices", async () => {
    // A clock in the past: nothing is due, so nothing is sent, but the claim query runs as it always does.
    expectIndexed(
      "dispatch claim",
      await explain(() => app.dispatch.dispatchDue({ now: new Date("2001-01-01T00:00:00Z") })),
    );
    expectIndexed("next due", await explain(() => app.dispatch.nextDueAt()));
    expectIndexed(
      "delivery receipt by provider id",
      await explain(() =>
        app.receipts.applyDeliveryReceipt({
          channel: "sms",
          providerId: `sm_${randomUUID()}`,
          status: "delivered",
        }),
      ),
    );
    expectIndexed(
      "deadline notices",
      await explain(() =>
        app.deadlines.sendDeadlineNotices({
          now: new Date("2001-06-01T00:00:00Z"),
          baseUrl: "http://localhost",
        }),
      ),
    );
  });

  it("Art. 4: counting an establishment's reports of the month and year", async () => {
    expectIndexed(
      "art 4 counts",
      await explain(() =>
        rolledBack((tx) => app.art4.recordArt4Referrals(tx, employer().establishmentId, new Date())),
      ),
    );
  });
});
