/**
 * PostgreSQL's unique_violation (23505), as postgres.js reports it, possibly wrapped (drizzle puts the driver's
 * error in `cause`, sometimes more than once); with `constraint`, only a violation of that index. The one
 * check every use case uses to turn a lost race into its refusal.
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  for (let c: unknown = e; c && typeof c === "object"; c = (c as { cause?: unknown }).cause) {
    const pg = c as { code?: string; constraint_name?: string };
    if (pg.code === "23505") return constraint === undefined || pg.constraint_name === constraint;
  }
  return false;
}
