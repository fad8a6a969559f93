/**
 * PostgreSQL's SQLSTATE of a failed query. drizzle-orm wraps the driver's error in a DrizzleQueryError whose
 * `cause` is the PostgresError, so the code is looked for along the `cause` chain, not only on the error.
 */
export function pgErrorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = "23505";

const CONNECTION_CODES = new Set([
  // postgres.js
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // Node's sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now
  "57P01",
  "57P02",
  "57P03",
]);

/**
 * True when a query failed because the database could not be reached or went away (a restart, a failover),
 * not because of the query: worth trying again a moment later. Looks along the `cause` chain like pgErrorCode.
 */
export function isConnectionError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `fn`, and again after each of `delaysMs` while it fails with a connection error (any other error is
 * thrown at once). For writes that must not be lost to a short database outage and are safe to repeat.
 */
export async function retryOnConnectionError<T>(
  fn: () => Promise<T>,
  delaysMs: readonly number[],
  onRetry?: (e: unknown, attempt: number) => void,
  sleep: (ms: number) => Promise<unknown> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= delaysMs.length || !isConnectionError(e)) throw e;
      onRetry?.(e, attempt + 1);
      await sleep(delaysMs[attempt]!);
    }
  }
}
