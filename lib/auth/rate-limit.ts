import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/db";
import { rateLimits } from "@/db/schema";

/**
 * Failed sign-ins (employers and staff), counted in PostgreSQL so the limits hold across app instances. Brute
 * force is kept out without letting a stranger lock someone else out (issue 11, finding 3):
 *
 * - **account + source**: 5 failures in 15 minutes from one address lock that address out of that account
 *   (and only that address); the account's owner, elsewhere, still signs in.
 * - **source**: 30 failures in 15 minutes from one address, across accounts, lock that address out of all of
 *   them (password spraying).
 * - **account, all sources together**: from the 5th failure in 15 minutes on, an address that has never signed
 *   in to this account is slowed down (a delay that grows with the failures, at most 5 s a try) rather than
 *   locked; an address the account signed in from in the last 30 days is not. At the 5th failure the account's
 *   owner is told by e-mail, once per window.
 * The lockout ends by itself. A success clears the failures of that account from that address.
 */
export const SIGN_IN_LIMITS = {
  perAccountAndSource: { points: 5, durationSec: 15 * 60 },
  perIp: { points: 30, durationSec: 15 * 60 },
  /** Failures of the account from every address: from this many on, new addresses are slowed down. */
  perAccount: { slowFrom: 5, durationSec: 15 * 60 },
  slowdown: { stepMs: 500, maxMs: 5_000 },
  knownSourceDays: 30,
} as const;

type Limiters = {
  pair: RateLimiterDrizzle;
  ip: RateLimiterDrizzle;
  account: RateLimiterDrizzle;
  known: RateLimiterDrizzle;
};
type Holder = { __balaghSignInLimiters?: Limiters };
const holder = globalThis as unknown as Holder;

function make(keyPrefix: string, points: number, duration: number): RateLimiterDrizzle {
  return new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix,
    points,
    duration,
    clearExpiredByTimeout: false,
  });
}

function limiters(): Limiters {
  holder.__balaghSignInLimiters ??= {
    pair: make(
      "signin_pair",
      SIGN_IN_LIMITS.perAccountAndSource.points,
      SIGN_IN_LIMITS.perAccountAndSource.durationSec,
    ),
    ip: make("signin_ip", SIGN_IN_LIMITS.perIp.points, SIGN_IN_LIMITS.perIp.durationSec),
    // Only counted, never refused on: a large allowance.
    account: make("signin_account_all", 1_000_000, SIGN_IN_LIMITS.perAccount.durationSec),
    known: make("signin_known", 1_000_000, SIGN_IN_LIMITS.knownSourceDays * 24 * 3600),
  };
  return holder.__balaghSignInLimiters;
}

const source = (ip: string | null) => ip ?? "unknown";
const pairKey = (accountKey: string, ip: string | null) => `${accountKey}|${source(ip)}`;

export type LockState = { locked: false } | { locked: true; retryAt: Date };

function lockedFrom(res: RateLimiterRes | null, limit: number): LockState {
  if (res && res.consumedPoints >= limit)
    return { locked: true, retryAt: new Date(Date.now() + res.msBeforeNext) };
  return { locked: false };
}

async function consume(limiter: RateLimiterDrizzle, key: string): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) return e;
    throw e;
  }
}

/** Is this address locked out of this account (or out of every account) right now? */
export async function signInLockState(accountKey: string, ip: string | null): Promise<LockState> {
  const l = limiters();
  const [pair, byIp] = await Promise.all([
    l.pair.get(pairKey(accountKey, ip)),
    ip ? l.ip.get(ip) : Promise.resolve(null),
  ]);
  const locked = lockedFrom(pair, SIGN_IN_LIMITS.perAccountAndSource.points);
  if (locked.locked) return locked;
  return lockedFrom(byIp, SIGN_IN_LIMITS.perIp.points);
}

/** The delay before answering a new address when the account is under attack from many (0: none). */
export function slowdownMs(accountFailures: number): number {
  const over = accountFailures - SIGN_IN_LIMITS.perAccount.slowFrom + 1;
  if (over <= 0) return 0;
  return Math.min(over * SIGN_IN_LIMITS.slowdown.stepMs, SIGN_IN_LIMITS.slowdown.maxMs);
}

/**
 * How long to hold this attempt back before checking the password: 0 for an address the account signed in
 * from recently, else by the account's failures from every address in the window.
 */
export async function signInDelayMs(accountKey: string, ip: string | null): Promise<number> {
  const l = limiters();
  const [all, known] = await Promise.all([l.account.get(accountKey), l.known.get(pairKey(accountKey, ip))]);
  if (known) return 0;
  return slowdownMs(all?.consumedPoints ?? 0);
}

export type FailureOutcome = LockState & {
  /** This failure was the account's `slowFrom`-th in the window: tell the owner (once a window). */
  warnOwner: boolean;
};

/** Counts one failed attempt against the account from this address, the address, and the account. */
export async function recordSignInFailure(accountKey: string, ip: string | null): Promise<FailureOutcome> {
  const l = limiters();
  const [pair, , all] = await Promise.all([
    consume(l.pair, pairKey(accountKey, ip)),
    ip ? consume(l.ip, ip) : Promise.resolve(null),
    consume(l.account, accountKey),
  ]);
  return {
    ...lockedFrom(pair, SIGN_IN_LIMITS.perAccountAndSource.points),
    warnOwner: all.consumedPoints === SIGN_IN_LIMITS.perAccount.slowFrom,
  };
}

/** A successful sign-in: this address's failures on the account are forgotten and it becomes known. */
export async function recordSignInSuccess(accountKey: string, ip: string | null): Promise<void> {
  const l = limiters();
  await Promise.all([l.pair.delete(pairKey(accountKey, ip)), consume(l.known, pairKey(accountKey, ip))]);
}

/** Waits `ms` (the slowdown). */
export function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
