import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/db";
import { rateLimits } from "@/db/schema";

/**
 * Limits on the worker's sign-in, counted in PostgreSQL (table `rate_limits`, like lib/auth/rate-limit.ts, with
 * their own key prefixes) so they hold across app instances. Every limit is keyed on what was typed, never on
 * whether the civil ID exists, so hitting one reveals nothing.
 *
 * - Codes sent per civil ID: 3 in 15 minutes (each one is an SMS to a real person).
 * - Codes asked for per IP address: 20 in 15 minutes (Sanad centres sign many workers in from one address).
 * - Wrong codes per civil ID: 5, then "locked" until a new code is asked for; the count restarts with each new
 *   code, mirroring the 5 tries a code row allows (worker_otps.attempts), so a civil ID that does not exist
 *   locks exactly like one that does.
 * - Wrong codes per IP address: 30 in 15 minutes.
 */
export const WORKER_SIGN_IN_LIMITS = {
  codesPerCivilId: { points: 3, durationSec: 15 * 60 },
  codesPerIp: { points: 20, durationSec: 15 * 60 },
  wrongCodesPerCivilId: { points: 5, durationSec: 15 * 60 },
  wrongCodesPerIp: { points: 30, durationSec: 15 * 60 },
} as const;

type Name = keyof typeof WORKER_SIGN_IN_LIMITS;
type Holder = { __balaghWorkerLimiters?: Record<Name, RateLimiterDrizzle> };
const holder = globalThis as unknown as Holder;

const PREFIX: Record<Name, string> = {
  codesPerCivilId: "worker_code_civil",
  codesPerIp: "worker_code_ip",
  wrongCodesPerCivilId: "worker_wrong_civil",
  wrongCodesPerIp: "worker_wrong_ip",
};

function limiter(name: Name): RateLimiterDrizzle {
  holder.__balaghWorkerLimiters ??= Object.fromEntries(
    (Object.keys(WORKER_SIGN_IN_LIMITS) as Name[]).map((n) => [
      n,
      new RateLimiterDrizzle({
        storeClient: db,
        schema: rateLimits,
        keyPrefix: PREFIX[n],
        points: WORKER_SIGN_IN_LIMITS[n].points,
        duration: WORKER_SIGN_IN_LIMITS[n].durationSec,
        clearExpiredByTimeout: false,
      }),
    ]),
  ) as Record<Name, RateLimiterDrizzle>;
  return holder.__balaghWorkerLimiters[name];
}

export type LimitState = { limited: false } | { limited: true; retryAt: Date };

function stateOf(res: RateLimiterRes | null, points: number, strict: boolean): LimitState {
  if (!res) return { limited: false };
  const over = strict ? res.consumedPoints > points : res.consumedPoints >= points;
  return over ? { limited: true, retryAt: new Date(Date.now() + res.msBeforeNext) } : { limited: false };
}

/**
 * Spends one point. `over`: limited only when this point went past the allowance (the request is refused);
 * `reached`: limited as soon as the allowance is used up (this failure was the last one allowed).
 */
export async function spend(name: Name, key: string, mode: "over" | "reached"): Promise<LimitState> {
  let res: RateLimiterRes;
  try {
    res = await limiter(name).consume(key);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    res = e;
  }
  return stateOf(res, WORKER_SIGN_IN_LIMITS[name].points, mode === "over");
}

/** Is the allowance used up (without spending)? */
export async function exhausted(name: Name, key: string): Promise<LimitState> {
  return stateOf(await limiter(name).get(key), WORKER_SIGN_IN_LIMITS[name].points, false);
}

export async function reset(name: Name, key: string): Promise<void> {
  await limiter(name).delete(key);
}
