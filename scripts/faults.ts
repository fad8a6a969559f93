/**
 * `npm run faults`: scripted fault scenarios against a production build (`next start`), on loopback only,
 * each bounded in time. They run on their own throwaway PostgreSQL cluster ($TMPDIR/balagh-faults-pg, port 5460 —
 * never the system server), which scenario 1 restarts.
 *
 *   1. PostgreSQL restarted (stop -m fast, start) during a stream of submissions through the app;
 *   2. the SMS gateway (tests/sms-stand-in) down, then failing, for --sms-outage seconds;
 *   3. the app SIGKILLed between a Stripe payment and its webhook, settled by `npm run payments:reconcile`;
 *   4. duplicate and out-of-order Stripe webhooks against an in-order control;
 *   5. two app instances with JOBS_IN_PROCESS=false and two `npm run worker` processes on one database.
 *
 * Options: --quick (short outages, fewer submissions: about 3 minutes), --sms-outage=<s> (default 60, quick
 * 10), --pg-outage=<s> (default 35, longer than
 * postgres.js's own reconnect window; quick 3), --only=1,3 (some scenarios), --keep (leave the cluster running
 * for a look), --no-build (use .next as it is). Prints per scenario what was attempted, completed, refused and
 * lost; exits 1 if anything was lost or inconsistent. Logs: .data/faults-logs/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Managed } from "./faults/processes";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];

const quick = flag("quick");
const smsOutageSeconds = Number(value("sms-outage") ?? (quick ? 10 : 60));
const pgOutageSeconds = Number(value("pg-outage") ?? (quick ? 3 : 35));
const only = value("only")?.split(",").map(Number) ?? [1, 2, 3, 4, 5];
if (!(smsOutageSeconds > 0) || !(pgOutageSeconds > 0))
  throw new Error("--sms-outage and --pg-outage take a number of seconds");

// Loopback ports: apps base..base+3, the SMS stand-in base+9 (FAULTS_PORT_BASE, default 3060), PostgreSQL
// FAULTS_PG_PORT (default 5460).
const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 5460);
const PORT_BASE = Number(process.env.FAULTS_PORT_BASE ?? 3060);
const ports = { appA: PORT_BASE, appB: PORT_BASE + 1, app1: PORT_BASE + 2, app2: PORT_BASE + 3 };
const SMS_PORT = PORT_BASE + 9;
// The retry base scales with the outage (the production default, 30 s, for a minute's outage), so that a run
// with a short outage stays short; the bound checked is one backoff step after the gateway returns.
const retryBaseSeconds = Math.min(30, Math.max(2, Math.round(smsOutageSeconds / 2)));

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (s: string) => console.log(`[faults ${elapsed().padStart(5)}] ${s}`);

/** Per-scenario ceiling (the scenario fails if it takes longer); their sum is the run's budget. */
const budgets: Record<number, number> = {
  1: pgOutageSeconds + (quick ? 60 : 80),
  2: smsOutageSeconds + Math.max(retryBaseSeconds, smsOutageSeconds) + 40,
  3: 60,
  4: quick ? 30 : 45,
  5: quick ? 60 : 90,
};
/** Cluster, migrations, seed and the stand-ins. */
const SETUP_BUDGET = 45;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The production build is reused unless a source file is newer than it. */
function ensureBuild(): void {
  const buildId = path.join(".next", "BUILD_ID");
  const sources = [
    "app",
    "components",
    "lib",
    "db",
    "messages",
    "proxy.ts",
    "instrumentation.ts",
    "next.config.ts",
    "package.json",
  ];
  const newestSource = Math.max(
    ...sources
      .filter((s) => existsSync(s))
      .map((s) => (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs)),
  );
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestSource) {
    say("production build in .next is up to date");
    return;
  }
  if (flag("no-build")) {
    say("warning: .next is missing or older than the sources (--no-build given)");
    return;
  }
  say("building for production (next build)...");
  execFileSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  say("build done");
}

type Row = {
  name: string;
  attempted: number;
  completed: number;
  refused: number;
  lost: number;
  problems: string[];
  notes: string[];
  ms: number;
};

function printResult(r: Row, budgetS: number): void {
  const ok = r.lost === 0 && r.problems.length === 0;
  console.log(`\n== ${r.name}: ${ok ? "PASS" : "FAIL"} (${(r.ms / 1000).toFixed(1)} s of ${budgetS} s)`);
  console.log(
    `   attempted ${r.attempted}, completed ${r.completed}, refused cleanly ${r.refused}, lost ${r.lost}`,
  );
  for (const n of r.notes) console.log(`   · ${n}`);
  for (const p of r.problems) console.log(`   ✗ ${p}`);
}

type Cluster = Awaited<ReturnType<typeof import("./faults/pg").createCluster>>;

async function runScenarios(
  cluster: Cluster,
  processes: Set<Managed>,
  results: { r: Row; budget: number }[],
  onClose: (f: () => Promise<void>) => void,
  onEnd: (f: () => Promise<void>) => void,
): Promise<void> {
  const databaseUrl = cluster.url("balagh_faults");
  // The scenarios' own checks read the same database (imported below, after this is set).
  process.env.DATABASE_URL = databaseUrl;
  for (const k of [
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "SMS_GATEWAY_URL",
    "RESEND_API_KEY",
    "JOBS_IN_PROCESS",
    "APP_URL",
  ])
    delete process.env[k];

  const { runOnce, startApp } = await import("./faults/processes");
  const baseEnv: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: "balagh-faults-secret-not-for-production-0123456789",
    AUTH_TRUST_HOST: "true",
    // Production refuses to start without it; the links in the scenarios' messages point at the first app.
    APP_URL: `http://127.0.0.1:${ports.appA}`,
    BALAGH_DEMO_MODE: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "info",
    NOTIFY_RETRY_BASE_SECONDS: String(retryBaseSeconds),
    NOTIFY_DISPATCH_INTERVAL_SECONDS: "5",
    // Off unless a scenario turns them on (the local payment gateway, SMS to the outbox, jobs in process).
    STRIPE_SECRET_KEY: "",
    STRIPE_WEBHOOK_SECRET: "",
    SMS_GATEWAY_URL: "",
    RESEND_API_KEY: "",
    JOBS_IN_PROCESS: "true",
  };
  for (const script of ["scripts/migrate.ts", "scripts/seed.ts"]) {
    const r = await runOnce(process.execPath, ["--import", "tsx", script], baseEnv, 120_000);
    if (r.code !== 0) throw new Error(`${script} failed:\n${r.output.slice(-2000)}`);
  }
  say("database migrated and seeded");

  const S = await import("./faults/scenarios");
  const { startSmsStandIn } = await import("../tests/sms-stand-in/server");
  const { sqlClient } = await import("@/db");
  const sms = await startSmsStandIn({ port: SMS_PORT });
  onClose(() => sms.close());
  onEnd(() => sqlClient().end({ timeout: 2 }));
  const shared = { cluster, sms, baseEnv, processes };
  const opts = { quick, smsOutageSeconds, pgOutageSeconds, ports };

  const run = async (n: number, fn: () => Promise<Row>) => {
    if (!only.includes(n)) return;
    const t = Date.now();
    say(`scenario ${n} starting (budget ${budgets[n]} s)`);
    let timer: NodeJS.Timeout | undefined;
    let r: Row;
    try {
      r = await Promise.race([
        fn(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`took longer than its budget of ${budgets[n]} s`)),
            budgets[n]! * 1000,
          );
        }),
      ]);
    } catch (e) {
      r = {
        name: `${n}. (aborted)`,
        attempted: 0,
        completed: 0,
        refused: 0,
        lost: 1,
        problems: [`scenario error: ${(e as Error).stack ?? e}`],
        notes: [],
        ms: 0,
      };
    } finally {
      clearTimeout(timer);
    }
    r.ms = Date.now() - t;
    results.push({ r, budget: budgets[n]! });
    printResult(r, budgets[n]!);
    return r;
  };

  // Scenarios 1 and 2 share one app: jobs in process, SMS through the stand-in, the local payment gateway.
  if (only.includes(1) || only.includes(2)) {
    const appA = await startApp("s12-app", ports.appA, { ...baseEnv, SMS_GATEWAY_URL: sms.url });
    processes.add(appA);
    await run(1, () => S.pgRestart(shared, opts, appA));
    await run(2, () => S.smsOutage(shared, opts, appA, retryBaseSeconds));
    await appA.stop();
    processes.delete(appA);
  }
  // Scenarios 3 and 4: Stripe Checkout through the stand-in.
  if (only.includes(3) || only.includes(4)) {
    const stripe = await S.startStripeStandIn();
    onClose(stripe.close);
    const stripeEnv = S.stripeAppEnv(stripe);
    // The scenarios execute refunds from this process, as finance's action would.
    Object.assign(process.env, stripeEnv);
    const appEnv = { ...baseEnv, ...stripeEnv };
    let appB = await startApp("s34-app", ports.appB, appEnv);
    processes.add(appB);
    await run(3, async () => {
      const { result, app } = await S.killedBeforeWebhook(shared, opts, stripe, appEnv, appB);
      processes.delete(appB);
      appB = app;
      return result;
    });
    await run(4, () => S.webhookChaos(shared, opts, stripe, appB));
    await appB.stop();
    processes.delete(appB);
    for (const k of Object.keys(stripeEnv)) delete process.env[k];
  }
  await run(5, () => S.twoInstances(shared, opts));
}

async function main(): Promise<number> {
  const total = only.reduce((s, n) => s + (budgets[n] ?? 0), 0) + SETUP_BUDGET;
  say(
    `${quick ? "quick run" : "full run"}: scenarios ${only.join(", ")}; PostgreSQL outage ${pgOutageSeconds} s, SMS outage ${smsOutageSeconds} s (retry base ${retryBaseSeconds} s); ` +
      `time budget ${total} s (${(total / 60).toFixed(1)} min, each scenario stopped at its own), plus a build if .next is stale`,
  );
  ensureBuild();

  const { createCluster } = await import("./faults/pg");
  // Under the system's temporary directory: the cluster runs as postgres, who cannot enter a private checkout.
  const rootDir = path.join(os.tmpdir(), "balagh-faults-pg");
  rmSync(path.join(process.cwd(), ".data", "faults-logs"), { recursive: true, force: true });
  say(
    `initialising a throwaway PostgreSQL cluster in ${path.relative(process.cwd(), rootDir)} on 127.0.0.1:${PG_PORT}`,
  );
  const cluster = await createCluster(rootDir, PG_PORT);
  const processes = new Set<Managed>();
  const results: { r: Row; budget: number }[] = [];
  let closeStandIns: (() => Promise<void>)[] = [];
  let endDb: () => Promise<void> = async () => {};
  try {
    await runScenarios(
      cluster,
      processes,
      results,
      (f) => (closeStandIns = [...closeStandIns, f]),
      (f) => (endDb = f),
    );
  } catch (e) {
    results.push({
      r: {
        name: "setup",
        attempted: 0,
        completed: 0,
        refused: 0,
        lost: 1,
        problems: [`could not run: ${(e as Error).stack ?? e}`],
        notes: [],
        ms: 0,
      },
      budget: 0,
    });
    console.error(e);
  } finally {
    await Promise.all([...processes].map((p) => p.stop(5_000).catch(() => {})));
    for (const close of closeStandIns) await close().catch(() => {});
    await endDb().catch(() => {});
    if (flag("keep"))
      say(
        `cluster kept running on port ${PG_PORT} (${rootDir}); stop it with pg_ctl -D ${rootDir}/data stop`,
      );
    else await cluster.destroy();
  }

  const failed = results.filter(({ r }) => r.lost > 0 || r.problems.length > 0);
  console.log("\n== summary");
  console.log("   scenario                                          attempted completed refused lost  time");
  for (const { r } of results) {
    console.log(
      `   ${r.name.padEnd(50)} ${String(r.attempted).padStart(9)} ${String(r.completed).padStart(9)} ${String(r.refused).padStart(7)} ${String(r.lost).padStart(4)} ${(r.ms / 1000).toFixed(0).padStart(4)} s  ${r.lost > 0 || r.problems.length ? "FAIL" : "ok"}`,
    );
  }
  console.log(
    `   total ${elapsed()}; ${failed.length === 0 ? "nothing lost, everything consistent" : `${failed.length} scenario(s) failed`}; logs in .data/faults-logs/`,
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
