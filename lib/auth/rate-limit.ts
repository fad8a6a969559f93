import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/db";
import { rateLimits } from "@/db/schema";

/**
 * Failed sign-ins, counted in PostgreSQL so the limit holds across app instances. An account is locked for
 * 15 minutes after 5 failures in 15 minutes; an IP address after 30. The lockout ends by itself.
 */
export const SIGN_IN_LIMITS = {
  perAccount: { points: 5, durationSec: 15 * 60 },
  perIp: { points: 30, durationSec: 15 * 60 },
} as const;

type Holder = { __balaghLimiters?: { account: RateLimiterDrizzle; ip: RateLimiterDrizzle } };
const holder = globalThis as unknown as Holder;

function limiters() {
  holder.__balaghLimiters ??= {
    account: new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: "signin_account",
      points: SIGN_IN_LIMITS.perAccount.points,
      duration: SIGN_IN_LIMITS.perAccount.durationSec,
      clearExpiredByTimeout: false,
    }),
    ip: new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: "signin_ip",
      points: SIGN_IN_LIMITS.perIp.points,
      duration: SIGN_IN_LIMITS.perIp.durationSec,
      clearExpiredByTimeout: false,
    }),
  };
  return holder.__balaghLimiters;
}

export type LockState = { locked: false } | { locked: true; retryAt: Date };

function lockedFrom(res: RateLimiterRes | null, limit: number): LockState {
  if (res && res.consumedPoints >= limit)
    return { locked: true, retryAt: new Date(Date.now() + res.msBeforeNext) };
  return { locked: false };
}

/** Is this account (scope + identifier) or this IP locked out right now? */
export async function signInLockState(accountKey: string, ip: string | null): Promise<LockState> {
  const l = limiters();
  const account = lockedFrom(await l.account.get(accountKey), SIGN_IN_LIMITS.perAccount.points);
  if (account.locked) return account;
  if (ip) return lockedFrom(await l.ip.get(ip), SIGN_IN_LIMITS.perIp.points);
  return { locked: false };
}

/** Counts one failed attempt against the account and the IP; returns the lock state after it. */
export async function recordSignInFailure(accountKey: string, ip: string | null): Promise<LockState> {
  const l = limiters();
  const consume = async (limiter: RateLimiterDrizzle, key: string) => {
    try {
      return await limiter.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) return e;
      throw e;
    }
  };
  const account = await consume(l.account, accountKey);
  if (ip) await consume(l.ip, ip);
  return lockedFrom(account, SIGN_IN_LIMITS.perAccount.points);
}

export async function clearSignInFailures(accountKey: string): Promise<void> {
  await limiters().account.delete(accountKey);
}
