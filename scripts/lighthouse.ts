/**
 * `npm run lighthouse`: Lighthouse (mobile emulation, its default) on the pages people meet first: the landing
 * page, a worker's look-up of their reports, and the first step of filing a report. Builds for production if
 * the build is missing or older than the sources, starts `next start` (DATABASE_URL, else the embedded
 * database), signs a demo worker and the demo employer in by minting session cookies (sent with Lighthouse's
 * extraHeaders), prints the four category scores per page and writes them to bench/lighthouse.json.
 * Prints figures; never fails on a score (only when it cannot run at all).
 *
 * Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own.
 * Options: --port <n> (server, default 3031), --locale ar|en (default ar).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { encode } from "next-auth/jwt";

// `npm run lighthouse` runs from the project root.
const root = process.cwd();
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg("port") ?? 3031);
const locale = arg("locale") ?? "ar";
const base = `http://127.0.0.1:${port}`;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  const id = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = ["app", "components", "lib", "messages"].map((d) => newestMtime(path.join(root, d)));
  return Math.max(...sources) > built;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });
}

async function waitForHealth(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("the server exited before answering");
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not answer /api/health within 120 s");
}

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  throw new Error("no Chromium: install Debian's chromium or set CHROMIUM_PATH");
}

async function main() {
  const started = Date.now();
  const secret = randomBytes(32).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AUTH_SECRET: secret,
    AUTH_TRUST_HOST: "true",
    BALAGH_DEMO_MODE: "true",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const next = path.join(root, "node_modules", ".bin", "next");
  if (needsBuild()) {
    console.log("Building for production (next build) ...");
    await run(next, ["build"], env);
  }

  const server = spawn(next, ["start", "-p", String(port)], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  let chrome: chromeLauncher.LaunchedChrome | null = null;
  const { db, ensureDatabase, sqlClient } = await import("../db");
  try {
    await waitForHealth(server);
    // After the server is up: it has started the embedded database (if any), which this process attaches to.
    await ensureDatabase();
    const { employerUsers, workers } = await import("../db/schema");
    const { DEMO_ACCOUNTS, DEMO_WORKERS, seedDatabase } = await import("../db/seed");
    const { createSession, SESSION_TTL_MS } = await import("../lib/auth/sessions");
    await seedDatabase(db);
    const cookie = async (userKind: "employer" | "worker", userId: string) => {
      const sid = await createSession(db, { userKind, userId, ip: "127.0.0.1", userAgent: "lighthouse" });
      const salt = "authjs.session-token";
      const value = await encode({ token: { sid, sub: sid }, secret, salt, maxAge: SESSION_TTL_MS[userKind] / 1000 });
      return `${salt}=${value}`;
    };
    const [owner] = await db.select({ id: employerUsers.id }).from(employerUsers).where(eq(employerUsers.email, DEMO_ACCOUNTS.employer[0].email));
    const [worker] = await db.select({ id: workers.id }).from(workers).where(eq(workers.civilId, DEMO_WORKERS[0]!.civilId));
    if (!owner || !worker) throw new Error("the demo employer or worker is missing");

    const pages = [
      { name: "landing", path: `/${locale}`, cookie: null },
      { name: "worker look-up", path: `/${locale}/worker`, cookie: await cookie("worker", worker.id) },
      { name: "filing, first step", path: `/${locale}/employer/reports/new`, cookie: await cookie("employer", owner.id) },
    ];

    chrome = await chromeLauncher.launch({
      chromePath: chromiumPath(),
      chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      logLevel: "error",
    });
    let version = "";
    const results: { page: string; url: string; scores: Record<string, number | null>; seconds: number }[] = [];
    for (const p of pages) {
      const t0 = Date.now();
      const url = `${base}${p.path}`;
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: [...CATEGORIES],
        extraHeaders: p.cookie ? { Cookie: p.cookie } : undefined,
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (lhr.finalDisplayedUrl !== url) throw new Error(`${url} ended on ${lhr.finalDisplayedUrl} (not signed in?)`);
      version = lhr.lighthouseVersion;
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c]!.score! * 100)]));
      results.push({ page: p.name, url: p.path, scores, seconds: Math.round((Date.now() - t0) / 100) / 10 });
    }

    const header = ["page", "path", ...CATEGORIES];
    const rows = results.map((r) => [r.page, r.url, ...CATEGORIES.map((c) => String(r.scores[c] ?? "n/a"))]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const fmt = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
    console.log(`\nLighthouse ${version} (mobile emulation, simulated throttling), scores out of 100:\n${fmt(header)}\n${rows.map(fmt).join("\n")}`);

    const out = {
      measuredAt: new Date().toISOString(),
      lighthouse: version,
      chromium: chromiumPath(),
      formFactor: "mobile",
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
      results,
    };
    mkdirSync(path.join(root, "bench"), { recursive: true });
    writeFileSync(path.join(root, "bench", "lighthouse.json"), `${JSON.stringify(out, null, 2)}\n`);
    console.log(`\nWritten to bench/lighthouse.json (${Math.round((Date.now() - started) / 1000)} s in all).`);
  } finally {
    chrome?.kill();
    await sqlClient().end({ timeout: 5 });
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
