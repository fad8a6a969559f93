import { sql } from "drizzle-orm";
import type { Tx } from "@/db";

/**
 * The immediate nudge after commit: PostgreSQL delivers a NOTIFY only when the transaction that sent it
 * commits (and drops it on rollback), so `notify()` sends one inside the caller's transaction and the job
 * runner, listening on this channel in whichever process runs jobs, dispatches within moments of the commit.
 * Identical notifications in one transaction are folded into one.
 */
export const DISPATCH_CHANNEL = "balagh_notifications";

export async function wakeDispatcher(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_notify(${DISPATCH_CHANNEL}, '')`);
}
