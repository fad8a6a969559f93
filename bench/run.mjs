#!/usr/bin/env node
// `npm run bench`: builds the app for production, starts `next start` on the scaled database, and loads it
// from this process (a second process, on loopback) with autocannon. Prints a table and writes
// bench/results.json with the machine's details. A benchmark prints figures: it never fails a build, so it
// exits 0 whenever it ran (2 only when it refused to start: wrong options, or a database without the
// scale fixtures).
//
// Phases, each with its own server process so one never loads another:
//   1. capture: the app behind a SQL-recording proxy (no background jobs); real sign-ins; which SQL each
//      page runs and how many bytes it sends.
//   2. pages: the app; a worker's look-up, the employer dashboard, the staff queue, the statistics page.
//   3. bare: bench/bare-server.mjs (node:http + postgres.js) serving the worker's look-up with the same SQL.
//   4. submission: the app in demo mode (the local test gateway); full report submissions.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createHistogram } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import autocannon from "autocannon";
import { estimateSeconds, formatDuration, parseBenchArgs, USAGE } from "./lib/args.mjs";
import { BARE_SQL } from "./bare-server.mjs";
import { checkFixtures, describeDatabase, FIXTURES, FixtureError } from "./lib/fixtures.mjs";
import { Client } from "./lib/http.mjs";
import { latencySummary, runLoad, waitForIdle } from "./lib/load.mjs";
import { phaseSplit, readPhases } from "./lib/cpu.mjs";
import { machineDetails } from "./lib/machine.mjs";
import { startNext, startProcess } from "./lib/server.mjs";
import { signInEmployer, signInStaff, signInWorker } from "./lib/sign-in.mjs";
import { normaliseSql, startSqlCapture } from "./lib/sql-capture.mjs";
import {
  checkRedirect,
  eligibleWorkers,
  JOURNEY,
  REQUESTS_PER_SUBMISSION,
  stepPost,
  submitOnce,
} from "./lib/submission.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The pages loaded in phase 2, in order. */
export const PAGES = {
  worker: { label: "worker: my reports", path: "/ar/worker", as: "worker" },
  employer: { label: "employer dashboard (5,000 reports)", path: "/ar/employer", as: "employer" },
  staff: { label: "staff queue: reports", path: "/ar/admin/queues/reports", as: "reviewer" },
  statistics: { label: "statistics", path: "/ar/admin/statistics", as: "reviewer" },
};

const say = (...args) => console.log(...args);
const redactUrl = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

function withHostPort(url, host, port) {
  const u = new URL(url);
  u.hostname = host;
  u.port = String(port);
  return u.toString();
}

/** Bytes of a page and, of those, the React Server Components payload inlined for hydration. */
function pageWeight(html) {
  let rsc = 0;
  for (const m of html.matchAll(/<script(?: [^>]*)?>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g))
    rsc += Buffer.byteLength(m[1]);
  return { htmlBytes: Buffer.byteLength(html), rscBytes: rsc };
}

async function runBuild(logFile) {
  say("building: next build (log: %s)", path.relative(root, logFile));
  const started = Date.now();
  await new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(
      process.execPath,
      [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
      {
        cwd: root,
        env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code}); see ${logFile}`)),
    );
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  say("  built in %d s", seconds);
  return seconds;
}

function fmt(n, digits = 0) {
  return n === null || n === undefined
    ? "—"
    : Number(n).toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function printLoadLine(label, r) {
  const l = r.latencyMs;
  const extra = [];
  if (r.non2xx) extra.push(`${r.non2xx} non-2xx`);
  if (r.errors) extra.push(`${r.errors} errors`);
  if (r.timeouts) extra.push(`${r.timeouts} timeouts`);
  say(
    `  ${label.padEnd(36)} c=${String(r.connections).padStart(2)}  ${fmt(r.rps, 1).padStart(8)} req/s  ` +
      `p50 ${fmt(l.p50, 1)} / p95 ${fmt(l.p95, 1)} / p99 ${fmt(l.p99, 1)} ms` +
      (r.cpuPerRequestMs !== null && r.cpuPerRequestMs !== undefined
        ? `  CPU ${fmt(r.cpuPerRequestMs, 2)} ms/req`
        : "") +
      (extra.length ? `  (${extra.join(", ")})` : ""),
  );
}

/** The SQL of one request to `path`, as executed (background-job statements left out). */
async function captureRequest(capture, client, path) {
  await client.get(path); // warm: first-request work (module loading, statement preparation) is not the page's
  const mark = capture.mark();
  const res = await client.get(path);
  await new Promise((r) => setTimeout(r, 100));
  const statements = capture.since(mark).filter((s) => !/\bpgboss\b/.test(s));
  return { status: res.status, ...pageWeight(res.body), queries: statements.length, statements };
}

/** The full submission as an autocannon request sequence; `pool` hands out a worker per submission. */
function submissionRequests(base, pool, stats) {
  const fail = (ctx, why) => {
    if (!ctx.failed) {
      ctx.failed = true;
      stats.failed++;
      stats.lastFailure = String(why);
    }
  };
  const locationOf = (headers) => {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === "location");
    if (!key) return null;
    const u = new URL(String(headers[key]), "http://127.0.0.1");
    return u.pathname + u.search;
  };
  const requests = [];
  JOURNEY.forEach((step, i) => {
    requests.push({
      method: "GET",
      setupRequest: (req, ctx) => {
        if (i === 0) {
          const civilId = pool.shift();
          if (!civilId) {
            // Out of workers who can be reported: end this load (the results say so).
            stats.exhausted = true;
            stats.instance?.stop();
            return { ...req, method: "GET", path: "/api/health" };
          }
          Object.assign(ctx, { civilId, page: step.path, startedAt: performance.now(), failed: false });
        }
        if (ctx.failed || !ctx.page) return null;
        return { ...req, method: "GET", path: ctx.page, body: undefined };
      },
      onResponse: (status, body, ctx) => {
        if (!ctx.civilId) return;
        if (status !== 200) fail(ctx, `step "${step.name}": GET ${ctx.page} answered ${status}`);
        else ctx.html = body;
      },
    });
    requests.push({
      method: "POST",
      setupRequest: (req, ctx) => {
        if (ctx.failed || !ctx.civilId) return null;
        try {
          const post = stepPost(step, ctx);
          return {
            ...req,
            method: "POST",
            path: post.path,
            body: post.body,
            headers: { ...req.headers, origin: base, "content-type": post.contentType },
          };
        } catch (e) {
          fail(ctx, e.message);
          return null;
        }
      },
      onResponse: (status, _body, ctx, headers) => {
        const next = checkRedirect(step, status, locationOf(headers));
        if (next instanceof Error) fail(ctx, next.message);
        else ctx.page = next;
      },
    });
  });
  requests.push({
    method: "GET",
    setupRequest: (req, ctx) =>
      ctx.failed || !ctx.civilId ? null : { ...req, method: "GET", path: ctx.page, body: undefined },
    onResponse: (status, _body, ctx) => {
      if (status !== 200) return fail(ctx, `confirmation answered ${status}`);
      stats.completed++;
      stats.histogram.record(Math.max(1, Math.round((performance.now() - ctx.startedAt) * 1000)));
    },
  });
  return requests;
}

async function runSubmissionLoad({ base, cookie, connections, duration, warmup, pool }) {
  const run = async (seconds, timed) => {
    const stats = {
      completed: 0,
      failed: 0,
      exhausted: false,
      lastFailure: null,
      histogram: createHistogram(),
      instance: null,
    };
    const started = performance.now();
    const instance = autocannon({
      url: base,
      connections,
      duration: seconds,
      headers: { cookie },
      requests: submissionRequests(base, pool, stats),
      timeout: 60,
    });
    stats.instance = instance;
    const result = await instance;
    await waitForIdle(`${base}/api/health`);
    const elapsed = (performance.now() - started) / 1000;
    if (!timed) return null;
    return {
      connections,
      seconds: Math.round(elapsed * 10) / 10,
      submissions: stats.completed,
      submissionsPerSecond: Math.round((stats.completed / elapsed) * 100) / 100,
      submissionLatencyMs: latencySummary(stats.histogram),
      requests: result.requests.total,
      rps: Math.round((result.requests.total / elapsed) * 10) / 10,
      failedSubmissions: stats.failed,
      lastFailure: stats.lastFailure,
      ranOutOfWorkers: stats.exhausted,
      errors: result.errors,
      timeouts: result.timeouts,
    };
  };
  if (warmup > 0) await run(warmup, false);
  return run(duration, true);
}

function printTable(results) {
  const rows = [];
  for (const [key, s] of Object.entries(results.scenarios)) {
    for (const r of s.loads ?? []) {
      const l = key === "submission" ? r.submissionLatencyMs : r.latencyMs;
      rows.push([
        s.label,
        String(r.connections),
        key === "submission"
          ? `${fmt(r.submissionsPerSecond, 2)} sub/s (${fmt(r.rps, 0)} req/s)`
          : fmt(r.rps, 1),
        fmt(l.p50, 1),
        fmt(l.p95, 1),
        fmt(l.p99, 1),
        r.cpuPerRequestMs !== undefined && r.cpuPerRequestMs !== null ? fmt(r.cpuPerRequestMs, 2) : "",
        r.ratioAppToBare !== undefined ? fmt(r.ratioAppToBare, 3) : "",
      ]);
    }
  }
  const head = ["scenario", "conn", "req/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/req", "app ÷ bare"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  say("");
  say(line(head));
  say(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) say(line(r));
  return [head, ...rows];
}

/** The table as Markdown, for the README. */
export function markdownTable(table) {
  const [head, ...rows] = table;
  const out = [
    `| ${head.join(" | ")} |`,
    `| ${head.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
  ];
  for (const r of rows) out.push(`| ${r.join(" | ")} |`);
  return out.join("\n");
}

export async function main(argv = process.argv.slice(2)) {
  let opts;
  try {
    opts = parseBenchArgs(argv);
  } catch (e) {
    console.error(`${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return null;
  }
  if (opts.help) {
    say(USAGE);
    return null;
  }
  const t0 = Date.now();
  const want = (s) => opts.scenarios.includes(s);
  say(
    `Balagh bench: ${opts.scenarios.join(", ")} at ${opts.connections.join(" and ")} connection(s), ` +
      `${opts.duration} s each after ${opts.warmup} s of warm-up${opts.build ? ", after a production build" : ""}.`,
  );
  say(`Estimated total time: about ${formatDuration(estimateSeconds(opts))}.`);

  const sql = postgres(opts.db, { max: 2, onnotice: () => {} });
  const logDir = path.join(root, ".data", "bench");
  mkdirSync(logDir, { recursive: true });
  const servers = [];
  let capture = null;
  try {
    let fx;
    try {
      fx = await checkFixtures(sql, redactUrl(opts.db));
    } catch (e) {
      if (e instanceof FixtureError || e?.code === "ECONNREFUSED" || e?.code === "3D000") {
        console.error(
          e instanceof FixtureError ? e.message : `cannot use ${redactUrl(opts.db)}: ${e.message}`,
        );
        process.exitCode = 2;
        return null;
      }
      throw e;
    }
    say(`database ${redactUrl(opts.db)}: counting rows…`);
    const database = await describeDatabase(sql);
    say(
      `  PostgreSQL ${database.postgres}, ${fmt(database.rows.reports)} reports, ${fmt(database.rows.workers)} workers, ${database.databaseSize}`,
    );
    const results = {
      machine: machineDetails(root),
      database: { url: redactUrl(opts.db), ...database, benchEstablishmentReports: fx.establishmentReports },
      options: {
        duration: opts.duration,
        warmup: opts.warmup,
        connections: opts.connections,
        scenarios: opts.scenarios,
      },
      buildSeconds: null,
      signIns: {},
      capture: {},
      scenarios: {},
    };

    if (opts.build) results.buildSeconds = await runBuild(path.join(logDir, "build.log"));

    const port = opts.port;
    const base = `http://127.0.0.1:${port}`;
    const authSecret = randomBytes(32).toString("base64");
    const appLog = path.join(logDir, "app.log");
    // No background jobs in the app under test (as with JOBS_IN_PROCESS=false and `npm run worker` elsewhere):
    // the job runner would otherwise settle, expire and notify on the scaled data while it is measured.
    const commonEnv = {
      AUTH_SECRET: authSecret,
      AUTH_TRUST_HOST: "true",
      APP_URL: base,
      BALAGH_DEMO_MODE: "false",
      JOBS_IN_PROCESS: "false",
    };

    // --- 1. capture: sign in for real, and record each page's SQL --------------------------------------------
    say("phase 1: sign-ins and the SQL each page runs (app behind a recording proxy)");
    const dbUrl = new URL(opts.db);
    capture = await startSqlCapture({
      listenPort: port + 2,
      target: { host: dbUrl.hostname, port: Number(dbUrl.port || 5432) },
    });
    let app = startNext({
      root,
      port,
      env: { ...commonEnv, DATABASE_URL: withHostPort(opts.db, "127.0.0.1", port + 2) },
      logFile: appLog,
    });
    servers.push(app);
    await app.ready;
    const cookies = {};
    if (want("worker") || want("bare")) {
      cookies.worker = await signInWorker(base, FIXTURES.worker, sql);
      results.signIns.worker = "civil ID, then the SMS code read from the outbox (notifications table)";
    }
    if (want("employer") || want("submission")) {
      cookies.employer = await signInEmployer(base, FIXTURES.employer);
      results.signIns.employer = "e-mail and password form";
    }
    if (want("staff") || want("statistics")) {
      cookies.reviewer = await signInStaff(base, FIXTURES.reviewer, (m) => say(`  ${m}`));
      results.signIns.reviewer = "password form, then a TOTP code (otplib, the seeded key)";
    }
    say(`  signed in: ${Object.keys(cookies).join(", ")}`);
    for (const [key, page] of Object.entries(PAGES)) {
      if (!(want(key) || (key === "worker" && want("bare")))) continue;
      const client = new Client(base);
      const [name, value] = cookies[page.as].split(/=(.*)/s);
      client.cookies.set(name, value);
      const c = await captureRequest(capture, client, page.path);
      if (c.status !== 200) throw new Error(`${page.path} answered ${c.status} when signed in as ${page.as}`);
      results.capture[key] = c;
      say(
        `  ${page.label.padEnd(36)} ${c.queries} queries, ${fmt(c.htmlBytes)} bytes of HTML (${fmt(c.rscBytes)} of it RSC payload)`,
      );
    }
    if (results.capture.worker) {
      const bare = BARE_SQL.map(normaliseSql);
      const app = [...new Set(results.capture.worker.statements)];
      const same = app.length === bare.length && app.every((s) => bare.includes(s));
      results.capture.workerSqlMatchesBare = same;
      say(
        `  bare server runs the same SQL as the app's worker look-up: ${same ? "yes" : "NO — see capture.worker in the results"}`,
      );
    }
    await app.stop();
    await capture.close();
    capture = null;

    // --- 2. pages ---------------------------------------------------------------------------------------------
    const pageKeys = Object.keys(PAGES).filter(want);
    if (pageKeys.length) {
      say("phase 2: pages (next start)");
      const phaseFile = path.join(logDir, "phases.json");
      rmSync(phaseFile, { force: true });
      app = startNext({
        root,
        port,
        env: { ...commonEnv, DATABASE_URL: opts.db, BALAGH_PHASE_FILE: phaseFile },
        logFile: appLog,
      });
      servers.push(app);
      await app.ready;
      // First requests load each route's code and prepare statements: not part of the figures.
      for (const key of pageKeys) {
        for (let i = 0; i < 3; i++)
          await (
            await fetch(base + PAGES[key].path, { headers: { cookie: cookies[PAGES[key].as] } })
          ).arrayBuffer();
      }
      for (const key of pageKeys) {
        const page = PAGES[key];
        const loads = [];
        for (const connections of opts.connections) {
          // Phase totals are read after the warm-up and the drain; the file is written twice a second.
          const settle = () => new Promise((r) => setTimeout(r, 700));
          let phasesBefore = null;
          const r = await runLoad({
            url: base + page.path,
            idleUrl: `${base}/api/health`,
            connections,
            duration: opts.duration,
            warmup: opts.warmup,
            headers: { cookie: cookies[page.as] },
            cpuPid: app.pid,
            beforeTimed: async () => {
              await settle();
              phasesBefore = readPhases(phaseFile);
            },
          });
          printLoadLine(page.label, r);
          // Only at one connection do requests not overlap, so a phase's CPU is its own.
          if (connections === 1) {
            await settle();
            r.phases = phaseSplit(phasesBefore, readPhases(phaseFile), r.cpuPerRequestMs);
            if (r.phases) {
              const p = r.phases;
              say(
                `    per request at 1 connection: proxy ${fmt(p.proxy?.cpuMs, 2)} ms CPU, session ${fmt(p.session?.cpuMs, 2)} ms CPU ` +
                  `(${fmt(p.session?.wallMs, 2)} ms wall), render and framework ${fmt(p.renderAndFrameworkCpuMs, 2)} ms CPU`,
              );
            }
          }
          loads.push(r);
        }
        results.scenarios[key] = { label: page.label, path: page.path, loads };
      }
      await app.stop();
    }

    // --- 3. bare ----------------------------------------------------------------------------------------------
    if (want("bare")) {
      say("phase 3: the worker's look-up on a bare node:http server (postgres.js, the same SQL)");
      const [session] = await sql`
        select id from sessions where user_kind = 'worker' and user_id = ${fx.workerId} and revoked_at is null
        order by created_at desc limit 1`;
      const barePort = port + 1;
      const bare = startProcess({
        name: `bare server :${barePort}`,
        args: [path.join(root, "bench", "bare-server.mjs")],
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: opts.db,
          PORT: String(barePort),
          DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? "10",
        },
        logFile: path.join(logDir, "bare.log"),
        readyUrl: `http://127.0.0.1:${barePort}/health`,
      });
      servers.push(bare);
      await bare.ready;
      const url = `http://127.0.0.1:${barePort}/ar/worker`;
      const check = await fetch(url, { headers: { cookie: `sid=${session.id}` } });
      const body = await check.text();
      if (check.status !== 200)
        throw new Error(`bare server answered ${check.status}: ${body.slice(0, 200)}`);
      const loads = [];
      for (const connections of opts.connections) {
        const r = await runLoad({
          url,
          idleUrl: `http://127.0.0.1:${barePort}/health`,
          connections,
          duration: opts.duration,
          warmup: opts.warmup,
          headers: { cookie: `sid=${session.id}` },
          cpuPid: bare.pid,
        });
        printLoadLine("bare: worker look-up", r);
        const appRun = results.scenarios.worker?.loads.find((l) => l.connections === connections);
        if (appRun) appRun.ratioAppToBare = Math.round((appRun.rps / r.rps) * 1000) / 1000;
        loads.push(r);
      }
      results.scenarios.bare = {
        label: "bare node:http: worker look-up",
        path: "/ar/worker",
        loads,
        htmlBytes: Buffer.byteLength(body),
      };
      await bare.stop();
    }

    // --- 4. submission ----------------------------------------------------------------------------------------
    if (want("submission")) {
      say("phase 4: full report submissions through the local test gateway (next start, demo mode)");
      const uploads = path.join(logDir, "uploads");
      app = startNext({
        root,
        port,
        env: { ...commonEnv, DATABASE_URL: opts.db, BALAGH_DEMO_MODE: "true", UPLOADS_DIR: uploads },
        logFile: appLog,
      });
      servers.push(app);
      await app.ready;
      const pool = await eligibleWorkers(sql, fx.establishmentId, 50_000);
      const available = pool.length;
      say(`  ${fmt(available)} workers of the bench establishment can be reported now`);
      const startedAt = new Date();
      const client = new Client(base);
      const [name, value] = cookies.employer.split(/=(.*)/s);
      client.cookies.set(name, value);
      const first = pool.shift();
      if (!first)
        throw new Error("no worker of the bench establishment can be reported (re-run npm run seed:scale)");
      const confirmation = await submitOnce(client, first);
      const reportId = confirmation.split("/")[4];
      const [made] = await sql`select status, reference from reports where id = ${reportId}`;
      if (made?.status !== "submitted")
        throw new Error(`the check submission left report ${reportId} ${made?.status}`);
      say(`  check: ${made.reference} filed, paid and submitted`);
      const loads = [];
      for (const connections of opts.connections) {
        const r = await runSubmissionLoad({
          base,
          cookie: cookies.employer,
          connections,
          duration: opts.duration,
          warmup: opts.warmup,
          pool,
        });
        say(
          `  ${"submission".padEnd(36)} c=${String(connections).padStart(2)}  ${fmt(r.submissionsPerSecond, 2).padStart(8)} sub/s  ` +
            `p50 ${fmt(r.submissionLatencyMs.p50, 0)} / p95 ${fmt(r.submissionLatencyMs.p95, 0)} / p99 ${fmt(r.submissionLatencyMs.p99, 0)} ms per submission ` +
            `(${fmt(r.rps, 1)} req/s)` +
            (r.failedSubmissions ? `  ${r.failedSubmissions} failed: ${r.lastFailure}` : "") +
            (r.ranOutOfWorkers ? "  — ran out of workers to report" : ""),
        );
        loads.push(r);
      }
      const [{ n }] = await sql`
        select count(*)::int as n from reports where establishment_id = ${fx.establishmentId} and status = 'submitted' and submitted_at >= ${startedAt}`;
      results.scenarios.submission = {
        label: "full submission (local gateway)",
        requestsPerSubmission: REQUESTS_PER_SUBMISSION,
        workersAvailable: available,
        submittedReportsWritten: n,
        loads,
      };
      say(`  ${n} reports were filed, paid and submitted in this phase`);
      await app.stop();
    }

    results.totalSeconds = Math.round((Date.now() - t0) / 1000);
    const table = printTable(results);
    results.markdown = markdownTable(table);
    const out = path.resolve(root, opts.out);
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    say(`\nwritten: ${path.relative(root, out)}; total ${formatDuration(results.totalSeconds)}`);
    return results;
  } catch (e) {
    console.error(`bench stopped: ${e instanceof Error ? e.message : e}`);
    return null;
  } finally {
    for (const s of servers) await s.stop().catch(() => {});
    if (capture) await capture.close().catch(() => {});
    await sql.end({ timeout: 5 });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
