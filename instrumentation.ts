/**
 * Runs once when a server instance starts: prepares the database (embedded server, migrations under an
 * advisory lock, first-run seed) before the first request needs it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Skip during `next build`, which must not start a database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { ensureDatabase } = await import("./db");
  await ensureDatabase();
}
