#!/usr/bin/env node
// Fails when a secret reaches what the browser downloads: every file under `.next/static/` (scripts, styles,
// manifests) and the prerendered pages and payloads under `.next/server/app/` (.html, .rsc, .body).
// It looks for
//   - the values of the server's secrets at build time (`npm test` builds with canary values for each one);
//   - key patterns: Stripe (sk_/rk_ live or test, whsec_), Resend (re_…), PostgreSQL connection strings;
//   - the names of server-only environment variables (a client bundle has no business naming them).
// Usage after `next build`: node scripts/check-client-secrets.mjs   (exit code 1 and the findings on failure)
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// NEXT_DIR: another build directory (the script's own test points it at a fixture).
const next = process.env.NEXT_DIR ? path.resolve(process.env.NEXT_DIR) : path.join(root, ".next");

const SECRET_NAMES = [
  "AUTH_SECRET",
  "DATABASE_URL",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "RESEND_API_KEY",
  "RESEND_WEBHOOK_SECRET",
  "SMS_GATEWAY_TOKEN",
  "SMS_CALLBACK_TOKEN",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "S3_SESSION_TOKEN",
];

const PATTERNS = [
  { name: "Stripe secret or restricted key", re: /\b[sr]k_(live|test)_[A-Za-z0-9]{8,}/ },
  { name: "Stripe webhook secret", re: /\bwhsec_[A-Za-z0-9+/=]{8,}/ },
  { name: "Resend API key", re: /\bre_[A-Za-z0-9]{6,}_[A-Za-z0-9]{8,}/ },
  { name: "PostgreSQL connection string", re: /\bpostgres(ql)?:\/\/[^\s"'`]+/ },
  ...SECRET_NAMES.map((n) => ({ name: `the name ${n}`, re: new RegExp(`\\b${n}\\b`) })),
];

/** Values worth looking for: long enough that finding one is not a coincidence. */
const values = SECRET_NAMES.map((n) => [n, process.env[n]]).filter(
  ([, v]) => typeof v === "string" && v.length >= 8,
);

function* files(dir, keep) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) yield* files(p, keep);
    else if (keep(p)) yield p;
  }
}

const targets = [
  ...files(path.join(next, "static"), () => true),
  ...files(path.join(next, "server", "app"), (p) => /\.(html|rsc|body)$/.test(p)),
];
if (!targets.some((p) => p.endsWith(".js"))) {
  console.error("No client scripts under .next/static: run `next build` first.");
  process.exit(1);
}

const findings = [];
for (const file of targets) {
  const text = readFileSync(file, "latin1");
  const rel = path.relative(next, file);
  for (const [name, value] of values) {
    if (text.includes(value)) findings.push(`${rel}: the value of ${name}`);
  }
  for (const { name, re } of PATTERNS) {
    const m = re.exec(text);
    if (m) findings.push(`${rel}: ${name} (${JSON.stringify(m[0].slice(0, 40))})`);
  }
}

if (findings.length > 0) {
  console.error(`Secrets in what the browser downloads (${findings.length}):\n  ${findings.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `No secret in ${targets.length} client files: looked for ${values.length} secret values (${values.map(([n]) => n).join(", ")}), ` +
    `${PATTERNS.length} patterns and names.`,
);
