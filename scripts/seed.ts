/**
 * `npm run db:seed`: the demo data (governorates and their rollout, establishments, workers, demo accounts,
 * the fee table, demo reports). Idempotent: running it again changes nothing. Migrates first.
 */
import { db, ensureDatabase, sqlClient, usesEmbeddedDatabase, embeddedDatabaseName } from "../db";
import { ensureEmbeddedServer } from "../db/embedded";
import { seedDatabase } from "../db/seed";

async function main() {
  const started = Date.now();
  await ensureDatabase();
  await seedDatabase(db);
  const target = usesEmbeddedDatabase() ? `embedded database ${embeddedDatabaseName()}` : "DATABASE_URL";
  console.log(`demo data seeded into ${target} in ${Date.now() - started} ms`);
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
