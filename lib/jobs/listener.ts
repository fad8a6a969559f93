import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import { createSqlClient, sqlClient } from "@/db";
import { log } from "@/lib/log";

/**
 * LISTEN on a channel, and keep listening across database restarts.
 *
 * postgres.js (3.4.9) re-subscribes once when its LISTEN connection closes; if the database is still down at
 * that moment for longer than the connect timeout (about 30 s), that attempt fails and the subscription is gone
 * for good, silently (measured by `npm run faults`: after a 35 s outage no NOTIFY ever arrived again). So this
 * process pings itself on the channel every `checkEveryMs` with a payload only it knows (`ping:<token>`); when
 * the ping has not come back within `pongTimeoutMs`, the listening client is thrown away and a new one
 * subscribes. Other listeners ignore `ping:` payloads. Until the next check, the scheduled dispatch covers.
 */

export const PING_PREFIX = "ping:";

export type ListenerOptions = {
  /** A new client with its own connection (default: the app's database, pool of 1). */
  connect?: () => postgres.Sql;
  /** Sends a NOTIFY on the channel (default: through the shared client). */
  notify?: (channel: string, payload: string) => Promise<unknown>;
  checkEveryMs?: number;
  pongTimeoutMs?: number;
};

export type ResilientListener = {
  /** Runs one liveness check now (the timer does this every `checkEveryMs`); true if the listener answered. */
  check: () => Promise<boolean>;
  /** How many times the listening client was replaced. */
  reconnects: () => number;
  stop: () => Promise<void>;
};

export async function listenResilient(
  channel: string,
  onNotify: () => void,
  options: ListenerOptions = {},
): Promise<ResilientListener> {
  const connect = options.connect ?? (() => createSqlClient({ max: 1 }));
  const notify = options.notify ?? ((c: string, p: string) => sqlClient().notify(c, p));
  const checkEveryMs = options.checkEveryMs ?? 15_000;
  const pongTimeoutMs = options.pongTimeoutMs ?? 3_000;
  const token = `${PING_PREFIX}${randomBytes(8).toString("hex")}`;

  let client: postgres.Sql | null = null;
  let stopped = false;
  let reconnects = 0;
  let pongs = 0;
  const pongWaiters = new Set<() => void>();

  const subscribe = async () => {
    const c = connect();
    client = c;
    try {
      await c.listen(channel, (payload) => {
        if (payload === token) {
          pongs++;
          for (const w of pongWaiters) w();
        } else if (!payload.startsWith(PING_PREFIX)) onNotify();
      });
    } catch (e) {
      // The database is unreachable now: the next check tries again.
      await c.end({ timeout: 0 }).catch(() => {});
      if (client === c) client = null;
      throw e;
    }
  };

  const awaitPong = (since: number) =>
    new Promise<boolean>((resolve) => {
      if (pongs > since) return resolve(true);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        pongWaiters.delete(waiter);
        resolve(ok);
      };
      const waiter = () => done(true);
      const timer = setTimeout(() => done(false), pongTimeoutMs);
      pongWaiters.add(waiter);
    });

  let checking: Promise<boolean> | null = null;
  const check = () =>
    (checking ??= (async () => {
      try {
        if (stopped) return false;
        if (client) {
          const since = pongs;
          try {
            await notify(channel, token);
          } catch {
            // The database itself is unreachable: nothing to learn about the listener now.
            return false;
          }
          if (await awaitPong(since)) return true;
          log.warn({ channel }, "LISTEN connection lost (no answer to its ping): subscribing again");
          const old = client;
          client = null;
          await old.end({ timeout: 0 }).catch(() => {});
        }
        if (stopped) return false;
        try {
          await subscribe();
          reconnects++;
          log.info({ channel }, "LISTEN subscription restored");
          return true;
        } catch (e) {
          log.warn({ err: e, channel }, "LISTEN could not subscribe yet; retrying at the next check");
          return false;
        }
      } finally {
        checking = null;
      }
    })());

  await subscribe().catch((e: unknown) =>
    log.warn({ err: e, channel }, "LISTEN could not subscribe yet; retrying at the next check"),
  );
  const timer = setInterval(() => void check(), checkEveryMs);
  timer.unref();

  return {
    check,
    reconnects: () => reconnects,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await checking?.catch(() => {});
      const c = client;
      client = null;
      await c?.end({ timeout: 1 }).catch(() => {});
    },
  };
}
