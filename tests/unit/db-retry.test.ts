import { describe, expect, it } from "vitest";
import { isConnectionError, retryOnConnectionError } from "@/db/errors";

/** Errors shaped as postgres.js and drizzle raise them (drizzle wraps the driver's error as `cause`). */
const driverError = (code: string) => Object.assign(new Error(`driver ${code}`), { code });
const wrapped = (code: string) =>
  Object.assign(new Error("Failed query: update notifications ..."), { cause: driverError(code) });

describe("isConnectionError", () => {
  it("recognises a database that went away or cannot be reached, wrapped or not", () => {
    for (const code of [
      "CONNECTION_CLOSED",
      "CONNECTION_ENDED",
      "CONNECT_TIMEOUT",
      "ECONNREFUSED",
      "ECONNRESET",
      "57P01",
      "57P03",
      "08006",
    ]) {
      expect(isConnectionError(driverError(code)), code).toBe(true);
      expect(isConnectionError(wrapped(code)), `wrapped ${code}`).toBe(true);
    }
  });

  it("does not take a query's own failure for one", () => {
    for (const code of ["23505", "40001", "22P02", "42P01"])
      expect(isConnectionError(wrapped(code)), code).toBe(false);
    expect(isConnectionError(new Error("plain"))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });
});

describe("retryOnConnectionError", () => {
  const noSleep = async () => {};

  it("tries again after each delay while the database is unreachable, then returns the result", async () => {
    let calls = 0;
    const slept: number[] = [];
    const retried: number[] = [];
    const result = await retryOnConnectionError(
      async () => {
        calls++;
        if (calls < 3) throw wrapped(calls === 1 ? "57P01" : "ECONNREFUSED");
        return "recorded";
      },
      [10, 20, 40],
      (_e, attempt) => retried.push(attempt),
      async (ms) => slept.push(ms),
    );
    expect(result).toBe("recorded");
    expect(calls).toBe(3);
    expect(slept).toEqual([10, 20]);
    expect(retried).toEqual([1, 2]);
  });

  it("gives up after the last delay with the last error", async () => {
    let calls = 0;
    await expect(
      retryOnConnectionError(
        async () => {
          calls++;
          throw wrapped("CONNECTION_CLOSED");
        },
        [1, 1],
        undefined,
        noSleep,
      ),
    ).rejects.toThrow("Failed query");
    expect(calls).toBe(3);
  });

  it("throws any other error at once", async () => {
    let calls = 0;
    await expect(
      retryOnConnectionError(
        async () => {
          calls++;
          throw wrapped("23505");
        },
        [1, 1, 1],
        undefined,
        noSleep,
      ),
    ).rejects.toThrow("Failed query");
    expect(calls).toBe(1);
  });
});

describe("reconnectDelaySeconds (postgres.js backoff)", () => {
  it("grows with the failures in a row but never waits more than 2 s", async () => {
    const { reconnectDelaySeconds } = await import("@/db");
    for (let failures = 0; failures < 40; failures++) {
      const d = reconnectDelaySeconds(failures);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(2);
    }
    expect(reconnectDelaySeconds(1)).toBeLessThanOrEqual(0.03);
    expect(reconnectDelaySeconds(20)).toBeGreaterThanOrEqual(1);
  });
});
