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
