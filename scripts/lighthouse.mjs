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
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

// `npm run lighthouse` runs from the project root.
const root = process.cwd();
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg("port") ?? 3031);
const locale = arg("locale") ?? "ar";
const base = `http://127.0.0.1:${port}`;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  const id = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = ["app", "components", "lib", "messages"].map((d) => newestMtime(path.join(root, d)));
  return Math.max(...sources) > built;
}

function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

async function waitForHealth(server) {
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

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  throw new Error("no Chromium: install Debian's chromium or set CHROMIUM_PATH");
}

async function main() {
  const started = Date.now();
  const secret = randomBytes(32).toString("base64url");
  const env = {
    ...process.env,
    AUTH_SECRET: secret,
    AUTH_TRUST_HOST: "true",
    APP_URL: `http://127.0.0.1:${port}`,
    BALAGH_DEMO_MODE: "true",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const next = path.join(root, "node_modules", ".bin", "next");
  if (needsBuild()) {
    console.log("Building for production (next build) ...");
    await run(next, ["build"], env);
  }

  const server = spawn(next, ["start", "-p", String(port)], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  let chrome = null;
  try {
    await waitForHealth(server);
    // Sessions for the demo worker and employer, made by a TypeScript helper (it needs the app's modules).
    const cookies = JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", "scripts/lighthouse-sessions.ts"], {
        cwd: root,
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
    const pages = [
      { name: "landing", path: `/${locale}`, cookie: null },
      { name: "worker look-up", path: `/${locale}/worker`, cookie: cookies.worker },
      { name: "filing, first step", path: `/${locale}/employer/reports/new`, cookie: cookies.employer },
    ];

    chrome = await chromeLauncher.launch({
      chromePath: chromiumPath(),
      chromeFlags: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
      logLevel: "error",
    });
    let version = "";
    const results = [];
    for (const p of pages) {
      const t0 = Date.now();
      const url = `${base}${p.path}`;
      // The session cookie is put into the browser (Lighthouse's extraHeaders did not reach the page's own
      // request here), and Lighthouse is told not to clear the origin's storage, cookies included.
      const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
      const page = await browser.newPage();
      await page.deleteCookie(...(await page.cookies(base)));
      if (p.cookie) {
        const [name, ...value] = p.cookie.split("=");
        await page.setCookie({ name, value: value.join("="), url: base, httpOnly: true, sameSite: "Lax" });
      }
      const result = await lighthouse(
        url,
        {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: CATEGORIES,
          disableStorageReset: Boolean(p.cookie),
        },
        undefined,
        page,
      );
      await page.close();
      await browser.disconnect();
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (lhr.finalDisplayedUrl !== url)
        throw new Error(`${url} ended on ${lhr.finalDisplayedUrl} (not signed in?)`);
      version = lhr.lighthouseVersion;
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(
        CATEGORIES.map((c) => [
          c,
          lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100),
        ]),
      );
      results.push({ page: p.name, url: p.path, scores, seconds: Math.round((Date.now() - t0) / 100) / 10 });
    }

    const header = ["page", "path", ...CATEGORIES];
    const rows = results.map((r) => [r.page, r.url, ...CATEGORIES.map((c) => String(r.scores[c] ?? "n/a"))]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const fmt = (cells) =>
      cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    console.log(
      `\nLighthouse ${version} (mobile emulation, simulated throttling), scores out of 100:\n${fmt(header)}\n${rows.map(fmt).join("\n")}`,
    );

    const out = {
      measuredAt: new Date().toISOString(),
      lighthouse: version,
      chromium: chromiumPath(),
      formFactor: "mobile",
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "unknown",
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      results,
    };
    mkdirSync(path.join(root, "bench"), { recursive: true });
    writeFileSync(path.join(root, "bench", "lighthouse.json"), `${JSON.stringify(out, null, 2)}\n`);
    console.log(
      `\nWritten to bench/lighthouse.json (${Math.round((Date.now() - started) / 1000)} s in all).`,
    );
  } finally {
    chrome?.kill();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
