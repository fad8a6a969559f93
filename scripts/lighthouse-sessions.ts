/**
 * For `npm run lighthouse` (scripts/lighthouse.mjs): seeds the demo data if missing (idempotent), opens a
 * session for the demo worker and the demo employer, and prints their Auth.js cookies as JSON, encrypted with
 * the AUTH_SECRET of the server under test. A separate process because Lighthouse must not run under tsx
 * (tsx's name helpers break the functions Lighthouse sends into the page).
 */
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { db, ensureDatabase, sqlClient } from "../db";
import { employerUsers, workers } from "../db/schema";
import { DEMO_ACCOUNTS, DEMO_WORKERS, seedDatabase } from "../db/seed";
import { createSession, SESSION_TTL_MS } from "../lib/auth/sessions";

const COOKIE = "authjs.session-token";

async function cookie(userKind: "employer" | "worker", userId: string, secret: string): Promise<string> {
  const sid = await createSession(db, { userKind, userId, ip: "127.0.0.1", userAgent: "lighthouse" });
  return `${COOKIE}=${await encode({ token: { sid, sub: sid }, secret, salt: COOKIE, maxAge: SESSION_TTL_MS[userKind] / 1000 })}`;
}

async function main() {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is required");
  await ensureDatabase();
  await seedDatabase(db);
  const [owner] = await db
    .select({ id: employerUsers.id })
    .from(employerUsers)
    .where(eq(employerUsers.email, DEMO_ACCOUNTS.employer[0].email));
  const [worker] = await db
    .select({ id: workers.id })
    .from(workers)
    .where(eq(workers.civilId, DEMO_WORKERS[0]!.civilId));
  if (!owner || !worker) throw new Error("the demo employer or worker is missing");
  process.stdout.write(
    JSON.stringify({
      employer: await cookie("employer", owner.id, secret),
      worker: await cookie("worker", worker.id, secret),
    }),
  );
  await sqlClient().end({ timeout: 5 });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
