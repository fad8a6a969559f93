import { inArray, sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { hashPassword } from "../../lib/auth/password";
import * as schema from "../schema";
import { DEMO_ACCOUNTS, ESTABLISHMENTS, GOVERNORATES } from "./data";
import { buildWorkers, seedUuid } from "./generate";
import { seedDemoReports } from "./reports";

export { DEMO_ACCOUNTS, DEMO_WORKERS, AL_NOOR_CR, SOHAR_TRADING_CR, SEED_REFERENCE_DATE } from "./data";
export type { DemoEmployerAccount, DemoStaffAccount } from "./data";
export { seedDemoReports, DEMO_REPORT_SCENARIOS, demoReportId } from "./reports";
import { seedFees } from "./fees";
export { seedFees, SEED_FEES, DEFAULT_FEE_NATIONALITY } from "./fees";

const { governorates, establishments, workers, employerUsers, staffUsers } = schema;

const CHUNK = 200;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Everything the seed writes, keyed by the natural keys it upserts on. Pure: the same on every call. */
export function buildSeedData() {
  return {
    governorates: GOVERNORATES,
    establishments: ESTABLISHMENTS,
    workers: buildWorkers(),
    employerAccounts: DEMO_ACCOUNTS.employer,
    staffAccounts: DEMO_ACCOUNTS.staff,
  };
}

/**
 * Seeds the demo data: governorates, establishments, the worker registry, the ticket-fee table and the demo
 * accounts.
 *
 * Idempotent: every insert is keyed on the table's natural key (code, CR number, civil ID, lower(e-mail)) and
 * does nothing on conflict, so a second run changes no row; existing rows, including anything staff edited
 * since (the rollout dates, say), are left as they are. Passwords are hashed only for accounts that do not
 * exist yet. Deterministic: the generated rows come from a seeded PRNG and ids from the natural keys.
 */
export async function seedDatabase(db: PostgresJsDatabase<typeof schema>): Promise<void> {
  const data = buildSeedData();

  // Hash outside the transaction (argon2 is slow on purpose), and only for accounts that are missing.
  const employerEmails = data.employerAccounts.map((a) => a.email.toLowerCase());
  const staffEmails = data.staffAccounts.map((a) => a.email.toLowerCase());
  const [existingEmployers, existingStaff] = await Promise.all([
    db
      .select({ email: sql<string>`lower(${employerUsers.email})` })
      .from(employerUsers)
      .where(inArray(sql`lower(${employerUsers.email})`, employerEmails)),
    db
      .select({ email: sql<string>`lower(${staffUsers.email})` })
      .from(staffUsers)
      .where(inArray(sql`lower(${staffUsers.email})`, staffEmails)),
  ]);
  const existing = new Set([...existingEmployers, ...existingStaff].map((r) => r.email));
  const missingEmployers = data.employerAccounts.filter((a) => !existing.has(a.email.toLowerCase()));
  const missingStaff = data.staffAccounts.filter((a) => !existing.has(a.email.toLowerCase()));
  // One hash per account (its own salt), even where demo accounts share a password.
  const hashes = new Map(
    await Promise.all(
      [...missingEmployers, ...missingStaff].map(
        async (a) => [a.email.toLowerCase(), await hashPassword(a.password)] as const,
      ),
    ),
  );
  const hashFor = (email: string): string => {
    const h = hashes.get(email.toLowerCase());
    if (!h) throw new Error(`seed: no password hash for ${email}`);
    return h;
  };

  await db.transaction(async (tx) => {
    await tx
      .insert(governorates)
      .values(data.governorates.map((g) => ({ ...g })))
      .onConflictDoNothing({ target: governorates.code });

    await tx
      .insert(establishments)
      .values(
        data.establishments.map((e) => ({
          id: seedUuid("establishment", e.crNumber),
          crNumber: e.crNumber,
          nameAr: e.nameAr,
          nameEn: e.nameEn,
          governorateCode: e.governorateCode,
          address: e.address,
          municipalityLicenceNumber: e.municipalityLicenceNumber,
          email: e.email,
          phone: e.phone,
        })),
      )
      .onConflictDoNothing({ target: establishments.crNumber });

    // The rows may predate this run (with other ids): look the ids up by CR number.
    const establishmentRows = await tx
      .select({ id: establishments.id, crNumber: establishments.crNumber })
      .from(establishments)
      .where(
        inArray(
          establishments.crNumber,
          data.establishments.map((e) => e.crNumber),
        ),
      );
    const establishmentIdByCr = new Map(establishmentRows.map((r) => [r.crNumber, r.id]));
    const establishmentId = (crNumber: string): string => {
      const id = establishmentIdByCr.get(crNumber);
      if (!id) throw new Error(`seed: establishment ${crNumber} is missing`);
      return id;
    };

    for (const chunk of chunks(data.workers)) {
      await tx
        .insert(workers)
        .values(
          chunk.map((w) => ({
            id: seedUuid("worker", w.civilId),
            civilId: w.civilId,
            passportNumber: w.passportNumber,
            nameAr: w.nameAr,
            nameEn: w.nameEn,
            nationality: w.nationality,
            dateOfBirth: w.dateOfBirth,
            mobile: w.mobile,
            email: w.email,
            establishmentId: w.crNumber === null ? null : establishmentId(w.crNumber),
            occupation: w.occupation,
            permitNumber: w.permitNumber,
            permitStatus: w.permitStatus,
            enteredOmanOn: w.enteredOmanOn,
          })),
        )
        .onConflictDoNothing({ target: workers.civilId });
    }

    await seedFees(tx);

    const now = new Date();
    // The e-mail unique indexes are on lower(email), an expression drizzle cannot name as a target: a bare
    // ON CONFLICT DO NOTHING covers them.
    if (missingEmployers.length > 0) {
      await tx
        .insert(employerUsers)
        .values(
          missingEmployers.map((a) => ({
            id: seedUuid("employer_user", a.email.toLowerCase()),
            establishmentId: establishmentId(a.crNumber),
            role: a.role,
            name: a.name,
            email: a.email,
            passwordHash: hashFor(a.email),
            emailVerifiedAt: now,
            active: true,
          })),
        )
        .onConflictDoNothing();
    }
    if (missingStaff.length > 0) {
      await tx
        .insert(staffUsers)
        .values(
          missingStaff.map((a) => ({
            id: seedUuid("staff_user", a.email.toLowerCase()),
            name: a.name,
            email: a.email,
            passwordHash: hashFor(a.email),
            role: a.role,
            active: true,
            totpSecret: a.totpSecret,
            totpEnrolledAt: now,
          })),
        )
        .onConflictDoNothing();
    }
  });

  // Reports need the establishments, workers and accounts above; idempotent in the same way.
  await seedDemoReports(db);
}
