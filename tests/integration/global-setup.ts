/**
 * Runs once before the integration tests, in vitest's main process (not in the test workers).
 *
 * - DATABASE_URL set: empties that database (every object in `public`, custom enum types included, and
 *   drizzle's bookkeeping schema), so the committed migrations run on an empty database; then migrates and
 *   seeds it.
 * - DATABASE_URL unset: uses the database `balagh_test` on the embedded server (never the developer's demo
 *   database `balagh`), dropped and created afresh, then migrated and seeded.
 *
 * `vitest.config.mts` sets EMBEDDED_DB_NAME for the workers too; it is set again here before `@/db` is
 * imported, because that module reads it.
 */
import postgres from "postgres";

const TEST_DB_NAME = "balagh_test";

type Teardown = () => Promise<void>;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Wiping a database is only for one meant for tests. */
function assertTestDatabase(url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (/test/i.test(name) || process.env.BALAGH_ALLOW_TEST_RESET === "1") return;
  throw new Error(
    `Integration tests empty the database in DATABASE_URL, but "${name}" does not look like a test database ` +
      `(its name has no "test"). Point DATABASE_URL at a test database, or set BALAGH_ALLOW_TEST_RESET=1.`,
  );
}

async function emptyDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe("drop schema if exists pgboss cascade");
    await sql.unsafe("drop schema if exists drizzle cascade");
    await sql.unsafe("drop schema if exists public cascade");
    await sql.unsafe("create schema public");
  } finally {
    await sql.end();
  }
}

export default async function setup(): Promise<Teardown> {
  let stopEmbedded: (() => Promise<void>) | null = null;

  if (process.env.DATABASE_URL) {
    assertTestDatabase(process.env.DATABASE_URL);
    await emptyDatabase(process.env.DATABASE_URL);
  } else {
    process.env.EMBEDDED_DB_NAME = TEST_DB_NAME;
    const { ensureEmbeddedServer, EMBEDDED_USER, EMBEDDED_PASSWORD } = await import("@/db/embedded");
    const server = await ensureEmbeddedServer();
    if (server.owned) stopEmbedded = server.stop;
    const admin = postgres(
      `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${server.port}/postgres`,
      { max: 1, onnotice: () => {} },
    );
    try {
      await admin.unsafe(`drop database if exists ${quoteIdent(TEST_DB_NAME)} with (force)`);
      // Created here rather than by ensureDatabase(), which would also seed it: seeding is done once, below,
      // the same way in both modes.
      await admin.unsafe(`create database ${quoteIdent(TEST_DB_NAME)}`);
    } finally {
      await admin.end();
    }
  }

  const { db, ensureDatabase, sqlClient } = await import("@/db");
  const { seedDatabase } = await import("@/db/seed");
  await ensureDatabase();
  await seedDatabase(db);

  return async () => {
    await sqlClient().end({ timeout: 5 });
    if (stopEmbedded) await stopEmbedded();
  };
}
