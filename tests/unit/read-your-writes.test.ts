import { describe, expect, it } from "vitest";
import { hasReplicas, prefersPrimary, stickySeconds } from "@/lib/read-your-writes";

describe("read-your-writes", () => {
  const now = 1_800_000_000_000;
  it("reads from the primary for a writing request and within the window after a write", () => {
    expect(prefersPrimary({ marked: true, cookie: undefined, now })).toBe(true);
    expect(prefersPrimary({ marked: false, cookie: String(now + 1), now })).toBe(true);
  });
  it("reads from a replica otherwise: no cookie, the window over, or a cookie that is not a time", () => {
    expect(prefersPrimary({ marked: false, cookie: undefined, now })).toBe(false);
    expect(prefersPrimary({ marked: false, cookie: String(now), now })).toBe(false);
    expect(prefersPrimary({ marked: false, cookie: "soon", now })).toBe(false);
  });
  it("keeps 5 seconds unless DATABASE_REPLICA_STICKY_SECONDS says otherwise, and knows when replicas exist", () => {
    expect(stickySeconds({} as NodeJS.ProcessEnv)).toBe(5);
    expect(stickySeconds({ DATABASE_REPLICA_STICKY_SECONDS: "12" } as unknown as NodeJS.ProcessEnv)).toBe(12);
    expect(stickySeconds({ DATABASE_REPLICA_STICKY_SECONDS: "-1" } as unknown as NodeJS.ProcessEnv)).toBe(5);
    expect(hasReplicas({} as NodeJS.ProcessEnv)).toBe(false);
    expect(hasReplicas({ DATABASE_REPLICA_URLS: "postgres://r/db" } as unknown as NodeJS.ProcessEnv)).toBe(
      true,
    );
  });
});
