/**
 * Run by `npm test` just before the browser journeys: gives them an empty database, so what the integration
 * tests left behind (they share DATABASE_URL) or an earlier run changed cannot shift what a journey sees.
 * The server the journeys start migrates it on start (instrumentation) and their global setup seeds it.
 *
 * - DATABASE_URL set: empties that database (its name must contain "test").
 * - Unset: drops `balagh_e2e` on the embedded server; the server creates, migrates and seeds it afresh.
 */
import postgres from "postgres";

const E2E_DB_NAME = "balagh_e2e";

async function main() {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
    if (!/test/i.test(name) && process.env.BALAGH_ALLOW_TEST_RESET !== "1") {
      throw new Error(
        `refusing to empty "${name}": its name has no "test" (or set BALAGH_ALLOW_TEST_RESET=1)`,
      );
    }
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe("drop schema if exists pgboss cascade");
      await sql.unsafe("drop schema if exists drizzle cascade");
      await sql.unsafe("drop schema if exists public cascade");
      await sql.unsafe("create schema public");
    } finally {
      await sql.end();
    }
    console.log(`emptied ${name} for the browser journeys`);
    return;
  }
  process.env.EMBEDDED_DB_NAME = E2E_DB_NAME;
  const { ensureEmbeddedServer, EMBEDDED_USER, EMBEDDED_PASSWORD } = await import("../../db/embedded");
  const server = await ensureEmbeddedServer();
  const admin = postgres(
    `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${server.port}/postgres`,
    {
      max: 1,
      onnotice: () => {},
    },
  );
  try {
    await admin.unsafe(`drop database if exists "${E2E_DB_NAME}" with (force)`);
  } finally {
    await admin.end();
  }
  if (server.owned) await server.stop();
  console.log(`dropped ${E2E_DB_NAME} for the browser journeys`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
