/**
 * Runs once when a server instance starts: prepares the database (embedded server, migrations under an
 * advisory lock, first-run seed) before the first request needs it, then starts the background jobs in this
 * process unless JOBS_IN_PROCESS=false (deployments that run `npm run worker` apart).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Skip during `next build`, which must not start a database or jobs.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // APP_URL in production, demo mode only on a private address, a valid TRUSTED_PROXIES: else exit 1, one line.
  const { assertStartupConfig } = await import("./lib/startup-config");
  assertStartupConfig();
  const { ensureDatabase } = await import("./db");
  await ensureDatabase();
  const { startJobsInProcess } = await import("./lib/jobs/in-process");
  startJobsInProcess();
}
