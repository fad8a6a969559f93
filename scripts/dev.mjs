#!/usr/bin/env node
// `npm run dev`: `next dev`, after making sure Auth.js has a secret. On a fresh clone a random AUTH_SECRET is
// generated once into `.env.local` (git-ignored), which Next.js loads, so the quick start needs no setup.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { constants as osConstants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const envFile = path.join(root, ".env.local");

if (!process.env.AUTH_SECRET) {
  const current = existsSync(envFile) ? readFileSync(envFile, "utf8") : "";
  if (!/^\s*(export\s+)?AUTH_SECRET\s*=\s*\S/m.test(current)) {
    const secret = randomBytes(32).toString("base64url");
    const separator = current === "" || current.endsWith("\n") ? "" : "\n";
    appendFileSync(envFile, `${separator}AUTH_SECRET=${secret}\n`, { mode: 0o600 });
    console.log("Generated AUTH_SECRET into .env.local (git-ignored; used by this machine only).");
  }
}

const env = { ...process.env };
// `next start`/`next dev` on localhost: without it Auth.js refuses the host and sign-in fails silently.
env.AUTH_TRUST_HOST ??= "true";
// `next dev` gives its server process only 100 ms to exit after Ctrl-C before killing it, too little for
// the embedded PostgreSQL to stop cleanly (a leftover server is reattached next time, but a clean stop is
// better).
env.NEXT_EXIT_TIMEOUT_MS ??= "5000";

const child = spawn(path.join(root, "node_modules", ".bin", "next"), ["dev", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env,
});

// Ctrl-C in a terminal reaches the child directly (same process group); forward signals sent to this
// process alone (`kill`, a process manager) and wait for the child to finish.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on("error", (e) => {
  console.error(`Could not start next dev: ${e.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 0) : 1));
});
