#!/usr/bin/env node
// `npm run start:standalone`: the self-hosting artefact (next.config.ts `output: "standalone"`). Builds first if
// there is no standalone build, copies the static files (.next/static, public) beside its server.js as Next.js
// expects, and runs it with the same environment (PORT, HOSTNAME, DATABASE_URL, AUTH_SECRET, …). The folder
// .next/standalone can then be shipped on its own: it needs Node.js, not this repository or its node_modules.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const standalone = path.join(root, ".next", "standalone");
const server = path.join(standalone, "server.js");

if (!existsSync(server)) {
  console.log("no standalone build yet: running next build");
  const build = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}
cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
if (existsSync(path.join(root, "public")))
  cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });

// `-p <port>` and `-H <host>` as for `next start`; else PORT (default 3000) and all interfaces.
const arg = (flag) =>
  process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined;
const port = arg("-p") ?? process.env.PORT ?? "3000";
const host = arg("-H") ?? "0.0.0.0";
const child = spawn(process.execPath, [server], {
  cwd: standalone,
  stdio: "inherit",
  env: {
    NODE_ENV: "production",
    ...process.env,
    PORT: port,
    HOSTNAME: host,
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
