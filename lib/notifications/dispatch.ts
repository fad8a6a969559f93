import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db";
import { retryOnConnectionError } from "@/db/errors";
import { isDemoMode } from "@/lib/config";
import { notifications } from "@/db/schema";
import { isLocale } from "@/lib/i18n/routing";
import { log } from "@/lib/log";
import { providersFromEnv, type OutgoingMessage, type Providers, type SendOutcome } from "./providers";

/**
 * Delivery after commit. A dispatcher claims due rows with `FOR UPDATE SKIP LOCKED` and moves them to
 * `sending` in one statement, so two dispatchers (two app instances, two workers, the scheduled job and an
 * immediate nudge) never claim the same row; then it sends each claimed message outside any transaction and
 * records the outcome. A temporary failure is retried after an exponential backoff until the attempts run out;
 * a permanent one is not retried.
 */

export const RETRY = {
  /** After the n-th failed attempt, wait base × 2^(n-1), at most `maxDelayMs`. */
  baseDelayMs: Number(process.env.NOTIFY_RETRY_BASE_SECONDS ?? 30) * 1000,
  maxDelayMs: 60 * 60 * 1000,
  /** The attempt that fails temporarily for the last time makes the row a permanent failure. */
  maxAttempts: Number(process.env.NOTIFY_MAX_ATTEMPTS ?? 8),
  /** How long a claim holds a row: a dispatcher that died mid-send leaves it due again after this. */
  leaseMs: 10 * 60 * 1000,
  /** A provider that has not answered by then counts as a temporary failure (its own retries de-duplicate). */
  sendTimeoutMs: 30_000,
  /**
   * A message was handed to the provider but the database went away before its outcome was written: writing it
   * is tried again after these delays (about a minute in all), so the row is not left claimed until the lease
   * runs out and then sent a second time (seen with `npm run faults`, PostgreSQL restarted mid-dispatch).
   */
  recordRetryDelaysMs: [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000],
} as const;

export function retryDelayMs(
  failedAttempts: number,
  retry: Pick<typeof RETRY, "baseDelayMs" | "maxDelayMs"> = RETRY,
): number {
  return Math.min(retry.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1), retry.maxDelayMs);
}

export type DispatchOptions = {
  /** The providers to send through; by default those the environment configures. */
  providers?: Providers;
  /** Only these notifications (tests; a nudge for rows just written). */
  ids?: string[];
  /** The clock: tests move it forward instead of waiting for a backoff. */
  now?: Date;
  batchSize?: number;
  /** At most this many messages per call; the next run takes the rest. */
  maxPerRun?: number;
  maxAttempts?: number;
  concurrency?: number;
  /** Delays between attempts to record an outcome while the database is unreachable (tests shorten them). */
  recordRetryDelaysMs?: readonly number[];
};

export type DispatchSummary = {
  claimed: number;
  delivered: number;
  accepted: number;
  temporaryFailures: number;
  permanentFailures: number;
};

type ClaimedRow = OutgoingMessage & { attempts: number };

async function claimDue(at: Date, limit: number, ids: string[] | undefined): Promise<ClaimedRow[]> {
  const leaseUntil = new Date(at.getTime() + RETRY.leaseMs);
  const onlyIds = ids ? sql`and ${inArray(notifications.id, ids)}` : sql``;
  const rows = await db.execute<{
    id: string;
    channel: "sms" | "email";
    recipient: string;
    locale: string;
    subject: string | null;
    body: string;
    attempts: number;
  }>(sql`
    with due as (
      select id from notifications
      where next_attempt_at <= ${at.toISOString()}::timestamptz
        and status in ('created', 'temporary_failure', 'sending')
        ${onlyIds}
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update notifications as n
    set status = 'sending', attempts = n.attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
    from due
    where n.id = due.id
    returning n.id, n.channel, n.recipient, n.locale, n.subject, n.body, n.attempts
  `);
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    locale: isLocale(r.locale) ? r.locale : "ar",
    subject: r.subject,
    body: r.body,
    attempts: Number(r.attempts),
  }));
}

async function sendWithTimeout(providers: Providers, m: OutgoingMessage): Promise<SendOutcome> {
  const provider = m.channel === "sms" ? providers.sms : providers.email;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SendOutcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ kind: "temporary_failure", error: `${provider.name}: no answer in time` }),
      RETRY.sendTimeoutMs,
    );
  });
  try {
    return await Promise.race([
      provider.send(m).catch((e: unknown): SendOutcome => ({
        kind: "temporary_failure",
        error: `${provider.name}: ${(e as Error)?.message ?? "error"}`,
      })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A worker's one-time sign-in code is a secret: once the provider has it, our copy of the text is replaced.
 * In development and demo mode it is kept, because the outbox page is how the code is read there.
 */
async function redactOneTimeCode(id: string): Promise<void> {
  await db
    .update(notifications)
    .set({ body: "[one-time code removed after sending]" })
    .where(and(eq(notifications.id, id), eq(notifications.entityType, "worker_otp")));
}

/** Writes the outcome, but only over our own claim (a delivery receipt may already have finished the row). */
async function recordOutcome(
  row: ClaimedRow,
  outcome: SendOutcome,
  at: Date,
  maxAttempts: number,
): Promise<SendOutcome["kind"]> {
  const mine = and(eq(notifications.id, row.id), eq(notifications.status, "sending"));
  let kind = outcome.kind;
  switch (outcome.kind) {
    case "delivered":
    case "accepted": {
      const delivered = outcome.kind === "delivered";
      const updated = await db
        .update(notifications)
        .set({
          status: delivered ? "delivered" : "sending",
          providerId: outcome.providerId ?? sql`${notifications.providerId}`,
          sentAt: at,
          deliveredAt: delivered ? at : null,
          lastError: null,
          nextAttemptAt: null,
        })
        .where(mine)
        .returning({ id: notifications.id });
      if (!isDemoMode()) await redactOneTimeCode(row.id);
      if (updated.length === 0 && outcome.providerId) {
        // The receipt came back before we got here: keep the provider's id all the same.
        await db
          .update(notifications)
          .set({
            providerId: sql`coalesce(${notifications.providerId}, ${outcome.providerId})`,
            sentAt: sql`coalesce(${notifications.sentAt}, ${at.toISOString()}::timestamptz)`,
          })
          .where(eq(notifications.id, row.id));
      }
      break;
    }
    case "temporary_failure": {
      const giveUp = row.attempts >= maxAttempts;
      if (giveUp) kind = "permanent_failure";
      await db
        .update(notifications)
        .set(
          giveUp
            ? {
                status: "permanent_failure",
                lastError: `gave up after ${row.attempts} attempts: ${outcome.error}`,
                nextAttemptAt: null,
              }
            : {
                status: "temporary_failure",
                lastError: outcome.error,
                nextAttemptAt: new Date(at.getTime() + retryDelayMs(row.attempts)),
              },
        )
        .where(mine);
      break;
    }
    case "permanent_failure":
      await db
        .update(notifications)
        .set({ status: "permanent_failure", lastError: outcome.error, nextAttemptAt: null })
        .where(mine);
      break;
  }
  return kind;
}

/** Sends every due notification (or the given ones). Safe to run from any number of processes at once. */
export async function dispatchDue(options: DispatchOptions = {}): Promise<DispatchSummary> {
  const providers = options.providers ?? providersFromEnv();
  const batchSize = options.batchSize ?? 50;
  const maxPerRun = options.maxPerRun ?? 500;
  const maxAttempts = options.maxAttempts ?? RETRY.maxAttempts;
  const concurrency = options.concurrency ?? 5;
  const summary: DispatchSummary = {
    claimed: 0,
    delivered: 0,
    accepted: 0,
    temporaryFailures: 0,
    permanentFailures: 0,
  };

  while (summary.claimed < maxPerRun) {
    const at = options.now ?? new Date();
    const batch = await claimDue(at, Math.min(batchSize, maxPerRun - summary.claimed), options.ids);
    summary.claimed += batch.length;
    for (let i = 0; i < batch.length; i += concurrency) {
      await Promise.all(
        batch.slice(i, i + concurrency).map(async (row) => {
          const outcome = await sendWithTimeout(providers, row);
          const at = options.now ?? new Date();
          const kind = await retryOnConnectionError(
            () => recordOutcome(row, outcome, at, maxAttempts),
            options.recordRetryDelaysMs ?? RETRY.recordRetryDelaysMs,
            (e, attempt) =>
              log.warn(
                { notificationId: row.id, attempt, err: { message: (e as Error).message } },
                "could not record a send's outcome; trying again",
              ),
          );
          if (kind === "delivered") summary.delivered++;
          else if (kind === "accepted") summary.accepted++;
          else if (kind === "temporary_failure") summary.temporaryFailures++;
          else summary.permanentFailures++;
          log.info(
            {
              notificationId: row.id,
              channel: row.channel,
              attempt: row.attempts,
              outcome: kind,
              ...("error" in outcome ? { error: outcome.error } : {}),
            },
            "notification dispatched",
          );
        }),
      );
    }
    if (batch.length < batchSize) break;
  }
  return summary;
}

/** The earliest time a row becomes due again (a retry, an expired lease), for scheduling the next run. */
export async function nextDueAt(): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<string | null>`min(${notifications.nextAttemptAt})` })
    .from(notifications)
    .where(inArray(notifications.status, ["created", "temporary_failure", "sending"]));
  return row?.at ? new Date(row.at) : null;
}
