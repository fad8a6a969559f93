/**
 * The processes a fault scenario runs: `next start` instances and `npm run worker` processes, each in its own
 * process group (so a SIGKILL takes the whole of it), logging to a file under .data/faults-logs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";

export type Managed = {
  name: string;
  pid: number;
  logFile: string;
  exited: () => boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop: (graceMs?: number) => Promise<void>;
  /** SIGKILL to the whole process group: no shutdown code runs. */
  kill: () => Promise<void>;
};

const logsDir = path.join(process.cwd(), ".data", "faults-logs");

function manage(name: string, child: ChildProcess, logFile: string): Managed {
  let exited = false;
  const done = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // Already gone.
    }
  };
  return {
    name,
    pid: child.pid!,
    logFile,
    exited: () => exited,
    async stop(graceMs = 10_000) {
      if (exited) return;
      signal("SIGTERM");
      const t = setTimeout(() => signal("SIGKILL"), graceMs);
      await done;
      clearTimeout(t);
    },
    async kill() {
      if (exited) return;
      signal("SIGKILL");
      await done;
    },
  };
}

function spawnLogged(name: string, cmd: string, args: string[], env: Record<string, string>): Managed {
  mkdirSync(logsDir, { recursive: true });
  const logFile = path.join(logsDir, `${name}.log`);
  const out = createWriteStream(logFile, { flags: "a" });
  out.write(`\n--- ${new Date().toISOString()} ${cmd} ${args.join(" ")}\n`);
  const child = spawn(cmd, args, {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  return manage(name, child, logFile);
}

export async function waitForHttp(url: string, timeoutMs: number, proc?: Managed): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc?.exited()) throw new Error(`${proc.name} exited while starting; see ${proc.logFile}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `next start -p <port>` on the production build, ready once /api/health answers. */
export async function startApp(
  name: string,
  port: number,
  env: Record<string, string>,
): Promise<Managed & { url: string }> {
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const proc = spawnLogged(
    name,
    process.execPath,
    [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"],
    env,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/health`, 60_000, proc);
  return { ...proc, url };
}

/** `npm run worker` (the job runner alone), without npm in between so that signals reach it. */
export function startWorker(name: string, env: Record<string, string>): Managed {
  return spawnLogged(name, process.execPath, ["--import", "tsx", "scripts/worker.ts"], env);
}

/** A one-shot command (e.g. `npm run payments:reconcile`); resolves with its exit code and output. */
export function runOnce(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const t = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(t);
      resolve({ code, output });
    });
  });
}
