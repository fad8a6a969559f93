import net from "node:net";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { ensureEmbeddedServer, EMBEDDED_PASSWORD, EMBEDDED_USER } from "./embedded";
import { prepareDatabase } from "./prepare";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction or the database itself: use cases accept either, so callers can compose them. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

export function embeddedDatabaseName(): string {
  return process.env.EMBEDDED_DB_NAME ?? "balagh";
}

export function usesEmbeddedDatabase(): boolean {
  return !process.env.DATABASE_URL;
}

type Holder = { __balaghSql?: postgres.Sql; __balaghReady?: Promise<{ port: number | null }> };
const holder = globalThis as unknown as Holder;

/**
 * Makes the database usable once per process: starts the embedded server when there is no DATABASE_URL,
 * creates its database, applies migrations under an advisory lock, and seeds a freshly created embedded
 * database. Safe to call from anywhere, any number of times.
 */
export function ensureDatabase(): Promise<{ port: number | null }> {
  holder.__balaghReady ??= (async () => {
    if (!usesEmbeddedDatabase()) {
      await prepareDatabase({ url: process.env.DATABASE_URL!, seedIfCreated: false, created: false });
      return { port: null };
    }
    const server = await ensureEmbeddedServer();
    const base = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${server.port}`;
    const name = embeddedDatabaseName();
    const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
    let created = false;
    try {
      const rows = await admin`select 1 from pg_database where datname = ${name}`;
      if (rows.length === 0) {
        try {
          await admin.unsafe(`create database "${name.replace(/"/g, "")}"`);
          created = true;
        } catch (e) {
          // Another process created it at the same moment.
          if ((e as { code?: string }).code !== "42P04") throw e;
        }
      }
    } finally {
      await admin.end();
    }
    await prepareDatabase({ url: `${base}/${name}`, seedIfCreated: true, created });
    return { port: server.port };
  })().catch((e) => {
    holder.__balaghReady = undefined;
    throw e;
  });
  return holder.__balaghReady;
}

/**
 * How long postgres.js waits before connecting again after `failures` failed attempts in a row: its default
 * (3^n / 100 s, up to 20 s) left requests waiting up to 20 s for a connection during a database outage and for
 * a while after it ended (npm run faults); this one grows the same way but stops at 2 s.
 */
export function reconnectDelaySeconds(failures: number): number {
  return (0.5 + Math.random() / 2) * Math.min(3 ** failures / 100, 2);
}

/**
 * A new postgres.js client on the application's database (the shared one is `sqlClient()`); `max` is its pool
 * size. The job runner's LISTEN connection uses one of its own (lib/jobs/listener.ts).
 */
export function createSqlClient(opts: { max?: number } = {}): postgres.Sql {
  const common = {
    max: opts.max ?? Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // postgres.js waits 30 s by default for a connection; right after a database restart a connection attempt
    // was seen hanging that long (npm run faults). A query then fails sooner and is retried or answered 500.
    connect_timeout: Number(process.env.DATABASE_CONNECT_TIMEOUT_SECONDS ?? 10),
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
  } as const;
  if (!usesEmbeddedDatabase()) return postgres(process.env.DATABASE_URL!, common);
  // `socket` is supported by postgres.js (src/connection.js) but missing from its type definitions.
  const options = {
    ...common,
    host: "127.0.0.1",
    database: embeddedDatabaseName(),
    username: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    // The embedded server's port is only known once it has started: connect through our own socket, which
    // waits for it (and for migrations) on first use.
    socket: async () => {
      const { port } = await ensureDatabase();
      return await new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect(port!, "127.0.0.1");
        s.once("connect", () => resolve(s));
        s.once("error", reject);
      });
    },
  };
  return postgres(options as postgres.Options<Record<string, postgres.PostgresType>>);
}

export function sqlClient(): postgres.Sql {
  holder.__balaghSql ??= createSqlClient();
  return holder.__balaghSql;
}

export const db: Db = drizzle(sqlClient(), { schema });

export { schema };
