/**
 * `npm run db:migrate`: applies the committed migrations (db/migrations) under the same advisory lock the app
 * takes on start, to DATABASE_URL or, when it is unset, to the embedded default database.
 */
import { ensureDatabase, sqlClient, usesEmbeddedDatabase, embeddedDatabaseName } from "../db";
import { ensureEmbeddedServer } from "../db/embedded";

async function main() {
  const started = Date.now();
  await ensureDatabase();
  const target = usesEmbeddedDatabase() ? `embedded database ${embeddedDatabaseName()}` : "DATABASE_URL";
  console.log(`migrations applied to ${target} in ${Date.now() - started} ms`);
  await sqlClient().end({ timeout: 5 });
  // An embedded server this command started is stopped again (one that was already running is left alone).
  if (usesEmbeddedDatabase()) {
    const server = await ensureEmbeddedServer();
    if (server.owned) await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
