/**
 * The fault scenarios' own, throwaway PostgreSQL cluster (never the system one on 5432): initialised under
 * `$TMPDIR/balagh-faults-pg/data` (log: `…/postgres.log`) with the system's `initdb` / `pg_ctl` (PostgreSQL 15 on Debian:
 * /usr/lib/postgresql/15/bin, or PG_BIN), listening on 127.0.0.1 only, trust authentication. As root the
 * server runs as the `postgres` OS user (PostgreSQL refuses to run as root).
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  for (const v of ["18", "17", "16", "15"]) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    if (existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  throw new Error(
    "no PostgreSQL binaries found: install postgresql or set PG_BIN to the directory of pg_ctl",
  );
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the postgres OS user when we are root. */
async function pg(bin: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const exe = path.join(pgBin(), bin);
  const [cmd, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", exe, ...args]] : [exe, args];
  const { stdout, stderr } = await run(cmd, argv, { timeout: timeoutMs });
  return `${stdout}${stderr}`;
}

export type FaultsCluster = {
  port: number;
  dataDir: string;
  url: (db: string) => string;
  start: () => Promise<void>;
  /** `pg_ctl stop -m <mode>`: fast rolls back open transactions and closes every connection. */
  stop: (mode?: "fast" | "immediate") => Promise<void>;
  /** Stop, then remove the data directory. */
  destroy: () => Promise<void>;
};

function chownTree(dir: string, uid: number, gid: number) {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, uid, gid);
    else chownSync(p, uid, gid);
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const { stdout: u } = await run("id", ["-u", "postgres"]);
  const { stdout: g } = await run("id", ["-g", "postgres"]);
  return { uid: Number(u.trim()), gid: Number(g.trim()) };
}

/** A fresh cluster (any previous one in `dataDir` is stopped and removed), started. */
export async function createCluster(rootDir: string, port: number): Promise<FaultsCluster> {
  const dataDir = path.join(rootDir, "data");
  const logFile = path.join(rootDir, "postgres.log");
  const cluster: FaultsCluster = {
    port,
    dataDir,
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    async start() {
      await pg("pg_ctl", [
        "start",
        "-w",
        "-t",
        "60",
        "-D",
        dataDir,
        "-l",
        logFile,
        "-o",
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c fsync=off`,
      ]);
    },
    async stop(mode = "fast") {
      await pg("pg_ctl", ["stop", "-w", "-t", "60", "-m", mode, "-D", dataDir]);
    },
    async destroy() {
      if (existsSync(path.join(dataDir, "postmaster.pid"))) await cluster.stop("immediate").catch(() => {});
      rmSync(rootDir, { recursive: true, force: true });
    },
  };

  await cluster.destroy();
  mkdirSync(dataDir, { recursive: true });
  if (isRoot) {
    // The server (and its log file next to the data directory) run as postgres.
    const { uid, gid } = await postgresIds();
    chownTree(rootDir, uid, gid);
  }
  await pg(
    "initdb",
    ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
    120_000,
  );
  await cluster.start();
  await run(path.join(pgBin(), "createdb"), [
    "-h",
    "127.0.0.1",
    "-p",
    String(port),
    "-U",
    "postgres",
    "balagh_faults",
  ]);
  return cluster;
}

/**
 * A streaming replica of `primary` (issue 12's replica test): `pg_basebackup -R` (it writes
 * standby.signal and primary_conninfo) into `rootDir`, started on `port` as a hot standby. The primary's
 * defaults already allow it (wal_level replica, max_wal_senders 10, trust for replication from 127.0.0.1).
 */
export async function createReplica(
  primary: FaultsCluster,
  rootDir: string,
  port: number,
): Promise<FaultsCluster> {
  const dataDir = path.join(rootDir, "data");
  const logFile = path.join(rootDir, "postgres.log");
  rmSync(rootDir, { recursive: true, force: true });
  mkdirSync(rootDir, { recursive: true });
  if (isRoot) {
    const { uid, gid } = await postgresIds();
    chownTree(rootDir, uid, gid);
  }
  await pg(
    "pg_basebackup",
    [
      "-h",
      "127.0.0.1",
      "-p",
      String(primary.port),
      "-U",
      "postgres",
      "-D",
      dataDir,
      "-R",
      "-X",
      "stream",
      "--no-sync",
    ],
    120_000,
  );
  const replica: FaultsCluster = {
    port,
    dataDir,
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    async start() {
      await pg("pg_ctl", [
        "start",
        "-w",
        "-t",
        "60",
        "-D",
        dataDir,
        "-l",
        logFile,
        "-o",
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c hot_standby=on -c max_connections=200 -c fsync=off`,
      ]);
    },
    async stop(mode = "fast") {
      await pg("pg_ctl", ["stop", "-w", "-t", "60", "-m", mode, "-D", dataDir]);
    },
    async destroy() {
      if (existsSync(path.join(dataDir, "postmaster.pid"))) await replica.stop("immediate").catch(() => {});
      rmSync(rootDir, { recursive: true, force: true });
    },
  };
  await replica.start();
  return replica;
}
