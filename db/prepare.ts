import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

/** Any fixed number works; every instance must use the same one. */
const MIGRATION_LOCK_KEY = 727_004_217;

export function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations");
}

/**
 * Applies the committed migrations under a PostgreSQL advisory lock, so several app instances starting at
 * once apply them exactly once; then seeds a database that was just created (the embedded default).
 */
export async function prepareDatabase(opts: { url: string; created: boolean; seedIfCreated: boolean }) {
  const client = postgres(opts.url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
    if (opts.created && opts.seedIfCreated) {
      // Under some loaders (tsx, Playwright) a dynamic import of a TS module puts its exports on `default`.
      const mod = (await import("./seed")) as typeof import("./seed") & { default?: typeof import("./seed") };
      const seedDatabase = mod.seedDatabase ?? mod.default?.seedDatabase;
      if (!seedDatabase) throw new Error("db/seed has no seedDatabase export");
      await seedDatabase(drizzle(client, { schema }));
    }
  } finally {
    await client.end();
  }
}
