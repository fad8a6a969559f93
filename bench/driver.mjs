#!/usr/bin/env node
// The postgres.js queue patch, measured on the driver alone: the same sustained load of tiny queries through a
// pool, once with the installed (patched) postgres.js and once with a copy of it with the patch taken out.
//
//   node bench/driver.mjs [--rounds 3] [--seconds 15] [--pool 10] [--inflight 200] [--url postgres://…]
//
// It only reads (`select $1::int`); any database will do (default: DATABASE_URL, else the server's
// `postgres` database). Prints queries per second for each round; the unpatched driver slows down round by
// round because its pool queue never drains under load (see README, Performance).
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const DRIVER_OPTIONS = {
  rounds: { type: "string", default: "3" },
  seconds: { type: "string", default: "15" },
  pool: { type: "string", default: "10" },
  inflight: { type: "string", default: "200" },
  url: { type: "string" },
  child: { type: "string" },
  help: { type: "boolean", default: false },
};

export function parseDriverArgs(argv) {
  const { values } = parseArgs({ args: argv, options: DRIVER_OPTIONS, strict: true });
  const int = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
  return {
    rounds: int("rounds", 1),
    seconds: int("seconds", 1),
    pool: int("pool", 1),
    inflight: int("inflight", 1),
    url: values.url ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    child: values.child ?? null,
    help: values.help,
  };
}

/** In a child process: load postgres.js from `entry`, keep `inflight` queries going, report each round. */
async function runChild(opts) {
  const { default: postgres } = await import(opts.child);
  const sql = postgres(opts.url, { max: opts.pool, onnotice: () => {} });
  await sql`select 1`;
  let done = 0;
  let stop = false;
  const loop = async () => {
    while (!stop) {
      await sql`select ${done}::int as n`;
      done++;
    }
  };
  const loops = Array.from({ length: opts.inflight }, loop);
  for (let r = 0; r < opts.rounds; r++) {
    const start = performance.now();
    const before = done;
    await new Promise((resolve) => setTimeout(resolve, opts.seconds * 1000));
    const qps = ((done - before) * 1000) / (performance.now() - start);
    process.stdout.write(`${JSON.stringify({ round: r + 1, qps: Math.round(qps) })}\n`);
  }
  stop = true;
  await Promise.all(loops);
  await sql.end({ timeout: 5 });
}

/** A copy of the installed postgres.js with patches/postgres+3.4.9.patch reversed: the upstream code. */
function unpatchedCopy() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "balagh-driver-"));
  cpSync(path.join(root, "node_modules", "postgres"), path.join(dir, "node_modules", "postgres"), {
    recursive: true,
  });
  const patch = path.join(root, "patches", "postgres+3.4.9.patch");
  // `git apply` works outside a repository too; the patch's paths start at node_modules/.
  execFileSync("git", ["apply", "-R", patch], { cwd: dir, stdio: "pipe" });
  return { dir, entry: pathToFileURL(path.join(dir, "node_modules", "postgres", "src", "index.js")).href };
}

function runVariant(label, entry, opts) {
  return new Promise((resolve, reject) => {
    const args = [fileURLToPath(import.meta.url), "--child", entry, "--url", opts.url];
    for (const k of ["rounds", "seconds", "pool", "inflight"]) args.push(`--${k}`, String(opts[k]));
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    const rounds = [];
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const { round, qps } = JSON.parse(line);
        rounds.push(qps);
        console.log(`  ${label.padEnd(10)} round ${round}: ${qps.toLocaleString("en")} queries/s`);
      }
    });
    child.on("exit", (code) =>
      code === 0 ? resolve(rounds) : reject(new Error(`${label} run exited with ${code}`)),
    );
  });
}

export async function main(argv = process.argv.slice(2)) {
  const opts = parseDriverArgs(argv);
  if (opts.help) {
    console.log(
      "node bench/driver.mjs [--rounds 3] [--seconds 15] [--pool 10] [--inflight 200] [--url postgres://…]",
    );
    return null;
  }
  if (opts.child) return runChild(opts);
  const require = createRequire(import.meta.url);
  const patchedEntry = pathToFileURL(
    path.join(path.dirname(require.resolve("postgres")), "..", "..", "src", "index.js"),
  ).href;
  const upstream = unpatchedCopy();
  const total = 2 * opts.rounds * opts.seconds;
  console.log(
    `postgres.js driver only: ${opts.inflight} queries in flight on a pool of ${opts.pool}, ` +
      `${opts.rounds} rounds of ${opts.seconds} s each, patched then unpatched (about ${total} s)`,
  );
  try {
    const patched = await runVariant("patched", patchedEntry, opts);
    const unpatched = await runVariant("unpatched", upstream.entry, opts);
    const last = (xs) => xs[xs.length - 1];
    console.log(
      `last round: patched ${last(patched).toLocaleString("en")} queries/s, unpatched ${last(unpatched).toLocaleString("en")} ` +
        `(${(last(patched) / last(unpatched)).toFixed(1)}×)`,
    );
    return { patched, unpatched };
  } finally {
    rmSync(upstream.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    // A benchmark prints figures; it never fails a build.
    process.exitCode = 0;
  });
}
