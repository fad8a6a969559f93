import "server-only";
import { cookies, headers } from "next/headers";
import { db, type Db } from "@/db";
import { replicatedDb } from "@/db/replicas";
import { PRIMARY_COOKIE, PRIMARY_HEADER, prefersPrimary } from "./read-your-writes";

/**
 * The database a read-only page reads from (statistics, the worker's look-up, staff queues, exports): a
 * replica when DATABASE_REPLICA_URLS names any, except for read-your-writes (lib/read-your-writes.ts), when it
 * is the primary. Writes and use cases always use `db` (the primary).
 */
export async function readDatabase(): Promise<Db> {
  const replicas = replicatedDb();
  if (replicas === db) return db;
  const [h, c] = await Promise.all([headers(), cookies()]);
  return pickReadDatabase(db, replicas, {
    marked: h.get(PRIMARY_HEADER) === "1",
    cookie: c.get(PRIMARY_COOKIE)?.value,
    now: Date.now(),
  });
}

/** The choice itself, apart from the request (tests drive it with their own primary and replica). */
export function pickReadDatabase(
  primary: Db,
  replicas: Db,
  request: { marked: boolean; cookie: string | undefined; now: number },
): Db {
  return prefersPrimary(request) ? primary : replicas;
}
