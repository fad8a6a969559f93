import { drizzle } from "drizzle-orm/postgres-js";
import { withReplicas } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { db, reconnectDelaySeconds, schema, type Db } from "./index";

/**
 * Read replicas (issue 12). `DATABASE_REPLICA_URLS` (comma-separated) names PostgreSQL streaming replicas of
 * DATABASE_URL. Read-only pages (statistics, the worker's look-up, staff queues, exports) ask
 * `readDatabase()` (lib/read-db.ts) for their connection: drizzle's `withReplicas` over the primary and
 * these, with every query (raw SQL too) sent to a replica picked at random. Everything else (writes, use cases,
 * the session check, anything in a transaction) uses `db`, the primary. Without replicas both are the primary.
 */
export type ReadDb = Db;

type Holder = { __balaghReplicas?: ReadDb | null };
const holder = globalThis as unknown as Holder;

export function replicaUrls(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.DATABASE_REPLICA_URLS ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);
}

/** A replica's postgres.js client, with the primary's pool size and reconnect behaviour. */
function replicaClient(url: string): postgres.Sql {
  return postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connect_timeout: Number(process.env.DATABASE_CONNECT_TIMEOUT_SECONDS ?? 10),
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
  });
}

/**
 * `primary` with reads spread over `replicas` (drizzle's withReplicas). withReplicas sends raw `execute` to
 * the primary; pages that read through this object are read-only, so their raw SQL goes to the replica too.
 */
export function replicated(primary: Db, replicas: Db[]): ReadDb {
  if (replicas.length === 0) return primary;
  const pick = () => replicas[Math.floor(Math.random() * replicas.length)]!;
  const routed = withReplicas(primary, replicas as [Db, ...Db[]], pick) as unknown as Db & {
    execute: Db["execute"];
  };
  routed.execute = ((...args: Parameters<Db["execute"]>) => pick().execute(...args)) as Db["execute"];
  return routed;
}

/** drizzle over each URL, as `replicated` wants them. */
export function replicaDatabases(urls: string[]): Db[] {
  return urls.map((url) => drizzle(replicaClient(url), { schema }));
}

/** This process's replicated database (the primary alone when DATABASE_REPLICA_URLS is empty). */
export function replicatedDb(): ReadDb {
  if (holder.__balaghReplicas === undefined) {
    const urls = replicaUrls();
    holder.__balaghReplicas = urls.length ? replicated(db, replicaDatabases(urls)) : null;
  }
  return holder.__balaghReplicas ?? db;
}
