/**
 * Read replicas on a real engine (issue 12): a primary this test starts on its own ports (initdb, never the
 * system server) and a streaming replica made from it with pg_basebackup. Reads through db/replicas.ts are
 * served by the replica (pg_is_in_recovery()), writes go to the primary, the app's read-only queries
 * (statistics, a staff queue) run on the hot standby, and read-your-writes sends a browser that just wrote to
 * the primary while the replica is behind (its replay paused).
 */
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { prepareDatabase } from "@/db/prepare";
import { replicaDatabases, replicated, replicaUrls } from "@/db/replicas";
import { loadStatistics } from "@/lib/admin/statistics";
import { listQueue } from "@/lib/admin/queues";
import type { Actor } from "@/lib/auth/actor";
import { pickReadDatabase } from "@/lib/read-db";
import { createCluster, createReplica, type FaultsCluster } from "@/scripts/faults/pg";

const PORT = Number(process.env.REPLICA_TEST_PG_PORT ?? 5470);
// Under the system's temporary directory, not the checkout: the clusters run as the postgres user, who cannot
// enter a checkout in a private directory (a clone in /root, mode 700).
const ROOT = path.join(os.tmpdir(), `balagh-replica-test-${PORT}`);

let primary: FaultsCluster;
let replica: FaultsCluster;
let primaryClient: postgres.Sql;
let primaryDb: Db;
let replicas: Db[];
let readDb: Db;
const staff = {
  kind: "staff",
  sessionId: randomUUID(),
  userId: randomUUID(),
  role: "supervisor",
  name: "Replica test",
  email: "replica@test.example.om",
} as Actor;

/** Waits until `check` holds (the replica replays within moments), up to 15 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("the replica did not catch up within 15 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  primary = await createCluster(path.join(ROOT, "primary"), PORT);
  await prepareDatabase({ url: primary.url("balagh_faults"), created: false, seedIfCreated: false });
  replica = await createReplica(primary, path.join(ROOT, "replica"), PORT + 1);
  primaryClient = postgres(primary.url("balagh_faults"), { max: 2, onnotice: () => {} });
  primaryDb = drizzle(primaryClient, { schema });
  replicas = replicaDatabases(
    replicaUrls({
      DATABASE_REPLICA_URLS: ` ${replica.url("balagh_faults")} , `,
    } as unknown as NodeJS.ProcessEnv),
  );
  readDb = replicated(primaryDb, replicas);
}, 180_000);

afterAll(async () => {
  await primaryClient?.end({ timeout: 5 });
  for (const r of replicas ?? [])
    await (r as unknown as { $client: postgres.Sql }).$client.end({ timeout: 5 });
  await replica?.destroy();
  await primary?.destroy();
}, 60_000);

describe("read replicas", () => {
  it("serve the reads (a hot standby answers them) while writes go to the primary", async () => {
    const [viaExecute] = await readDb.execute<{ r: boolean }>(sql`select pg_is_in_recovery() as r`);
    expect(viaExecute!.r).toBe(true);
    // A write through the same object reaches the primary (a standby would refuse it) …
    await readDb.insert(schema.ticketFees).values({
      nationality: "ZZ",
      amountBaisa: 100_000,
      effectiveFrom: new Date("2026-01-01T00:00:00Z"),
    });
    // … and a drizzle select reads it back from the standby once replayed.
    await eventually(async () => {
      const rows = await readDb
        .select({ standby: sql<boolean>`pg_is_in_recovery()` })
        .from(schema.ticketFees)
        .where(sql`${schema.ticketFees.nationality} = 'ZZ'`);
      return rows.length === 1 && rows[0]!.standby === true;
    });
  });

  it("run the app's read-only pages' queries on the standby", async () => {
    const stats = await loadStatistics(
      staff,
      { from: "2026-01-01", to: "2026-03-15", governorate: null },
      { tx: readDb },
    );
    expect(stats).toMatchObject({ total: 0, decisions: { count: 0, medianSeconds: null } });
    const queue = await listQueue(staff, "reports", { governorate: "MA" }, readDb);
    expect(queue).toMatchObject({ items: [], count: 0, countCapped: false });
  });

  it("read your own writes: a browser that just wrote reads from the primary while the replica is behind", async () => {
    const rep = postgres(replica.url("balagh_faults"), { max: 1, onnotice: () => {} });
    try {
      await rep`select pg_wal_replay_pause()`;
      await primaryDb.insert(schema.ticketFees).values({
        nationality: "ZY",
        amountBaisa: 90_000,
        effectiveFrom: new Date("2026-02-01T00:00:00Z"),
      });
      const find = (d: Db) =>
        d
          .select({ n: schema.ticketFees.nationality })
          .from(schema.ticketFees)
          .where(sql`${schema.ticketFees.nationality} = 'ZY'`);
      const now = Date.now();
      // The POST itself, and the same browser within the window: the primary, which has the row.
      const writing = pickReadDatabase(primaryDb, readDb, { marked: true, cookie: undefined, now });
      const justWrote = pickReadDatabase(primaryDb, readDb, {
        marked: false,
        cookie: String(now + 5000),
        now,
      });
      expect(await find(writing)).toHaveLength(1);
      expect(await find(justWrote)).toHaveLength(1);
      // Anyone else (or the window over): the replica, which has not replayed it yet.
      const other = pickReadDatabase(primaryDb, readDb, { marked: false, cookie: String(now - 1), now });
      expect(other).toBe(readDb);
      expect(await find(other)).toHaveLength(0);
      await rep`select pg_wal_replay_resume()`;
      await eventually(async () => (await find(other)).length === 1);
    } finally {
      await rep`select pg_wal_replay_resume()`.catch(() => {});
      await rep.end({ timeout: 5 });
    }
  });
});
