/**
 * Read-your-writes with read replicas (db/replicas.ts, lib/read-db.ts): a request that changes something (a
 * POST: server actions and forms) reads from the primary, and so does the same browser for the next few
 * seconds, so nobody sees their own change missing because a replica has not replayed it yet. proxy.ts marks
 * such a request with the header below and sets the cookie on its response. No server-only imports: the proxy
 * uses this file too.
 */
export const PRIMARY_HEADER = "x-balagh-primary";
export const PRIMARY_COOKIE = "balagh-primary-until";

/** Seconds a browser keeps reading from the primary after it changed something (DATABASE_REPLICA_STICKY_SECONDS). */
export function stickySeconds(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.DATABASE_REPLICA_STICKY_SECONDS ?? 5);
  return Number.isFinite(n) && n >= 0 ? n : 5;
}

/** Whether a request reads from the primary: it writes itself, or its browser wrote within the window. */
export function prefersPrimary(input: { marked: boolean; cookie: string | undefined; now: number }): boolean {
  if (input.marked) return true;
  const until = Number(input.cookie);
  return Number.isFinite(until) && until > input.now;
}

/** Whether this deployment has replicas (the proxy sets the cookie only then). */
export function hasReplicas(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DATABASE_REPLICA_URLS?.trim());
}
