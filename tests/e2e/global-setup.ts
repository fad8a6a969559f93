/**
 * Prepares the database the web server uses, once before the journeys. Runs after Playwright has started the
 * web server (its health check passed, so the database is migrated).
 *
 * The server already holds connections to that database, so it cannot be dropped and re-created as the
 * integration tests do: state persists from one run to the next. So, besides seeding (idempotent), this puts
 * back what journeys may change and must find as seeded: each governorate's rollout dates, and the demo
 * accounts' failed-sign-in counters (a demo account locked by an earlier run would fail every sign-in).
 *
 * Static imports on purpose: Playwright compiles this file to CommonJS, and a dynamic `import("@/db")` would
 * go through Node's ESM loader, which cannot load the project's TypeScript. `@/db` reads EMBEDDED_DB_NAME
 * when it is imported: playwright.config.ts, evaluated before this file is loaded, has set it to
 * `balagh_e2e` when there is no DATABASE_URL (the web server gets the same value).
 */
import { eq, like } from "drizzle-orm";
import { db, embeddedDatabaseName, ensureDatabase, sqlClient, usesEmbeddedDatabase } from "@/db";
import { governorates, rateLimits } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { GOVERNORATES } from "@/db/seed/data";

export default async function globalSetup(): Promise<void> {
  if (usesEmbeddedDatabase() && embeddedDatabaseName() !== "balagh_e2e") {
    throw new Error(
      `E2E tests must not use the embedded database "${embeddedDatabaseName()}": expected balagh_e2e`,
    );
  }
  try {
    await ensureDatabase();
    await seedDatabase(db);
    await db.transaction(async (tx) => {
      for (const g of GOVERNORATES) {
        await tx
          .update(governorates)
          .set({ pilotFrom: g.pilotFrom, mandatoryFrom: g.mandatoryFrom })
          .where(eq(governorates.code, g.code));
      }
      // Every sign-in count (per account and address, per address, per account): the demo accounts start unlocked.
      await tx.delete(rateLimits).where(like(rateLimits.key, "signin\\_%"));
      // And the reset and sign-up limits (lib/security/limits.ts): the journeys run from one address.
      await tx.delete(rateLimits).where(like(rateLimits.key, "limit\\_%"));
    });
  } finally {
    await sqlClient().end({ timeout: 5 });
  }
}
