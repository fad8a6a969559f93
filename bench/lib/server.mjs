// Starting and stopping the servers under test as child processes of the bench (the load comes from the
// bench's own process: a second process on loopback). Each server's output goes to a log file.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { waitForHttp } from "./http.mjs";

export function startProcess({ name, args, env, cwd, logFile, readyUrl, timeoutMs = 120_000 }) {
  const log = createWriteStream(logFile, { flags: "a" });
  log.write(`\n--- ${new Date().toISOString()} ${name}: ${args.join(" ")}\n`);
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let exited = false;
  const exit = new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );
  const handle = {
    name,
    pid: child.pid,
    logFile,
    ready: waitForHttp(readyUrl, timeoutMs, () => !exited).catch((e) => {
      throw new Error(`${name}: ${e.message} — see ${logFile}`);
    }),
    /** SIGTERM (next start stops cleanly on it), then SIGKILL if it is still there after `graceMs`. */
    async stop(graceMs = 10_000) {
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => !exited && child.kill("SIGKILL"), graceMs);
      await exit;
      clearTimeout(timer);
      log.end();
    },
  };
  return handle;
}

/** `next start` of the production build in `root`. */
export function startNext({ root, port, env, logFile }) {
  return startProcess({
    name: `next start :${port}`,
    args: [
      path.join(root, "node_modules", "next", "dist", "bin", "next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    logFile,
    readyUrl: `http://127.0.0.1:${port}/api/health`,
  });
}
