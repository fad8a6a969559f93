import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/db";

/** A short random suffix for rows a test creates (e-mails, CR numbers...), so test files never collide. */
export function uniqueSuffix(length = 8): string {
  return randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

/** A random string of `length` decimal digits (CR numbers, civil IDs, phone numbers). */
export function uniqueDigits(length: number): string {
  let out = "";
  while (out.length < length) out += randomBytes(8).readBigUInt64BE().toString().slice(1);
  return out.slice(0, length);
}

class Rollback extends Error {
  constructor() {
    super("rollback");
  }
}

/**
 * Runs `fn` in a transaction that is always rolled back, and returns what `fn` returned: for tests that
 * change shared rows (a governorate's dates, say) without leaving a trace. Code under test must use the
 * transaction it is given (use cases accept a `Tx`).
 */
export async function withRollback<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await fn(tx);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return result as T;
}
