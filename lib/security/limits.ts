import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/db";
import { rateLimits } from "@/db/schema";

/**
 * Limits on requests that send a message or answer about someone's account (issue 11, finding 4), counted in
 * PostgreSQL (table `rate_limits`) so they hold across app instances. Each is keyed on what was typed or on the
 * source address, never on whether the account exists, so reaching one reveals nothing: the caller gives the
 * same answer as always and simply does not do the work.
 */
export const REQUEST_LIMITS = {
  resetPerEmail: { points: 3, durationSec: 15 * 60 },
  resetPerIp: { points: 20, durationSec: 15 * 60 },
  signUpPerCr: { points: 5, durationSec: 60 * 60 },
  signUpPerIp: { points: 10, durationSec: 60 * 60 },
} as const;

type Name = keyof typeof REQUEST_LIMITS;
type Holder = { __balaghRequestLimiters?: Partial<Record<Name, RateLimiterDrizzle>> };
const holder = globalThis as unknown as Holder;

function limiter(name: Name): RateLimiterDrizzle {
  const all = (holder.__balaghRequestLimiters ??= {});
  return (all[name] ??= new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix: `limit_${name}`,
    points: REQUEST_LIMITS[name].points,
    duration: REQUEST_LIMITS[name].durationSec,
    clearExpiredByTimeout: false,
  }));
}

/** Spends one point of each limit given; true when any of them was already used up (refuse quietly). */
export async function overLimit(hits: { name: Name; key: string | null }[]): Promise<boolean> {
  const results = await Promise.all(
    hits
      .filter((h): h is { name: Name; key: string } => !!h.key)
      .map(async ({ name, key }) => {
        try {
          await limiter(name).consume(key.toLowerCase());
          return false;
        } catch (e) {
          if (e instanceof RateLimiterRes) return true;
          throw e;
        }
      }),
  );
  return results.some(Boolean);
}
