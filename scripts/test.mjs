#!/usr/bin/env node
// `npm test`: every test of the project, in order, stopping at the first failing stage:
//   unit tests (vitest) -> integration tests (vitest, DATABASE_URL or the embedded server)
//   -> production build -> browser journeys (Playwright, Chromium).
// Ends with one line `N passed, N failed` summing the tests of every stage that ran.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { constants as osConstants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const resultsDir = path.join(root, ".data", "test-results");

/** CHROMIUM_PATH, else Debian's chromium, else Playwright's own browser when it is installed. */
async function findBrowser() {
  if (process.env.CHROMIUM_PATH) {
    if (existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    fail(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but there is no such file.`);
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  try {
    const pw = await import("@playwright/test");
    const chromium = pw.chromium ?? pw.default?.chromium;
    const p = chromium?.executablePath();
    if (p && existsSync(p)) return p;
  } catch {
    // @playwright/test missing or broken: reported below as "no browser".
  }
  return null;
}

function fail(message) {
  console.error(`\n${message}\n`);
  console.log("0 passed, 0 failed");
  process.exit(1);
}

let child = null;
process.on("SIGTERM", () => child?.kill("SIGTERM"));
// Ctrl-C reaches the child directly (same process group); just don't die before it has cleaned up.
process.on("SIGINT", () => {});

function run(cmd, args, env) {
  return new Promise((resolve) => {
    child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", (e) => {
      console.error(`Could not start ${cmd}: ${e.message}`);
      child = null;
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      child = null;
      resolve(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 0) : 1));
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** vitest's JSON reporter. */
function vitestCounts(file) {
  const r = readJson(file);
  if (!r) return null;
  return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0 };
}

/** Playwright's JSON reporter: a flaky test passed on retry. */
function playwrightCounts(file) {
  const r = readJson(file);
  if (!r?.stats) return null;
  return { passed: (r.stats.expected ?? 0) + (r.stats.flaky ?? 0), failed: r.stats.unexpected ?? 0 };
}

const browser = await findBrowser();
if (!browser) {
  fail(
    [
      "No Chromium found for the browser tests (they are part of `npm test` and are never skipped).",
      "Install one of these, then run `npm test` again:",
      "  sudo apt-get install chromium        (Debian/Ubuntu; used from /usr/bin/chromium)",
      "  npx playwright install chromium      (Playwright's own build)",
      "or point CHROMIUM_PATH at an existing Chrome/Chromium executable.",
    ].join("\n"),
  );
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const unitJson = path.join(resultsDir, "unit.json");
const integrationJson = path.join(resultsDir, "integration.json");
const e2eJson = path.join(resultsDir, "e2e.json");

const vitestArgs = (project, file) => [
  "run",
  "--project",
  project,
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${file}`,
];

// The build runs with a canary value for every server secret, and the stage after it looks for them (and for
// key patterns and the secrets' names) in what the browser downloads: scripts/check-client-secrets.mjs.
const canary = (prefix) => `${prefix}${randomBytes(12).toString("hex")}`;
const secretCanaries = {
  AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64url"),
  STRIPE_SECRET_KEY: canary("sk_test_balaghcanary"),
  STRIPE_WEBHOOK_SECRET: canary("whsec_balaghcanary"),
  RESEND_API_KEY: canary("re_balagh_canary"),
  RESEND_WEBHOOK_SECRET: canary("whsec_resendcanary"),
  SMS_GATEWAY_TOKEN: canary("sms-gateway-canary-"),
  SMS_CALLBACK_TOKEN: canary("sms-callback-canary-"),
  S3_SECRET_ACCESS_KEY: canary("s3-secret-canary-"),
};

const stages = [
  {
    title: "Unit tests",
    cmd: bin("vitest"),
    args: vitestArgs("unit", unitJson),
    counts: () => vitestCounts(unitJson),
  },
  {
    title: `Integration tests (${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL, database balagh_test"})`,
    cmd: bin("vitest"),
    args: vitestArgs("integration", integrationJson),
    counts: () => vitestCounts(integrationJson),
  },
  {
    title: "Production build (next build)",
    cmd: bin("next"),
    args: ["build"],
    env: { NEXT_TELEMETRY_DISABLED: "1", ...secretCanaries },
  },
  {
    title: "No secret in the client bundles",
    cmd: process.execPath,
    args: ["scripts/check-client-secrets.mjs"],
    env: secretCanaries,
  },
  {
    title: "A fresh database for the browser journeys",
    cmd: process.execPath,
    args: ["--import", "tsx", "tests/e2e/reset-db.ts"],
  },
  {
    title: `Browser journeys (Playwright, ${browser})`,
    cmd: bin("playwright"),
    args: ["test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson, NEXT_TELEMETRY_DISABLED: "1" },
    counts: () => playwrightCounts(e2eJson),
  },
];

let passed = 0;
let failed = 0;
let exitCode = 0;
for (const stage of stages) {
  console.log(`\n==> ${stage.title}\n`);
  const started = Date.now();
  const code = await run(stage.cmd, stage.args, stage.env);
  const counts = stage.counts?.();
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n<== ${stage.title}: ${code === 0 ? "ok" : `failed (exit code ${code})`} in ${seconds} s`);
  if (code !== 0) {
    exitCode = code;
    console.log(`\nStopped after "${stage.title}" failed; the later stages did not run.`);
    break;
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
