/**
 * Seeds the database the web server uses, once before the journeys. Runs after Playwright has started the
 * web server (its health check passed, so the database is migrated).
 *
 * Static imports on purpose: Playwright compiles this file to CommonJS, and a dynamic `import("@/db")` would
 * go through Node's ESM loader, which cannot load the project's TypeScript. `@/db` reads EMBEDDED_DB_NAME
 * when it is imported: playwright.config.ts, evaluated before this file is loaded, has set it to
 * `balagh_e2e` when there is no DATABASE_URL (the web server gets the same value).
 */
import { db, embeddedDatabaseName, ensureDatabase, sqlClient, usesEmbeddedDatabase } from "@/db";
import { seedDatabase } from "@/db/seed";

export default async function globalSetup(): Promise<void> {
  if (usesEmbeddedDatabase() && embeddedDatabaseName() !== "balagh_e2e") {
    throw new Error(
      `E2E tests must not use the embedded database "${embeddedDatabaseName()}": expected balagh_e2e`,
    );
  }
  try {
    await ensureDatabase();
    await seedDatabase(db);
  } finally {
    await sqlClient().end({ timeout: 5 });
  }
}
