/**
 * Rows the integration tests create for themselves (unique e-mails and CR numbers), so no test depends on
 * another's order and none locks or changes the shared demo accounts the browser journeys sign in with.
 */
import { authenticator } from "otplib";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { employerUsers, establishments, notifications, rateLimits, staffUsers } from "@/db/schema";
import type { Actor, EmployerRole, StaffRole } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { createSession, loadSessionActor, type UserKind } from "@/lib/auth/sessions";
import { uniqueDigits, uniqueSuffix } from "./db";

export const TEST_PASSWORD = "Correct-Horse-Battery-1";

let hashed: Promise<string> | null = null;
/** One argon2 hash of TEST_PASSWORD, shared by every account a test file creates (hashing is slow on purpose). */
export const testPasswordHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

export async function createEstablishment(overrides: Partial<typeof establishments.$inferInsert> = {}) {
  const s = uniqueSuffix();
  const [row] = await db
    .insert(establishments)
    .values({
      crNumber: `9${uniqueDigits(6)}`,
      nameAr: `مؤسسة اختبار ${s}`,
      nameEn: `Test Establishment ${s}`,
      governorateCode: "MA",
      address: "Way 1, Ruwi, Muscat",
      municipalityLicenceNumber: `ML-${s}`,
      email: `registered-${s}@est.example.om`,
      phone: `+9682${uniqueDigits(7)}`,
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createEmployerUser(
  options: { role?: EmployerRole; verified?: boolean; active?: boolean; establishmentId?: string } = {},
) {
  const establishmentId = options.establishmentId ?? (await createEstablishment()).id;
  const email = `employer-${uniqueSuffix()}@test.example.om`;
  const [row] = await db
    .insert(employerUsers)
    .values({
      establishmentId,
      role: options.role ?? "owner",
      name: "Test Employer",
      email,
      passwordHash: await testPasswordHash(),
      emailVerifiedAt: options.verified === false ? null : new Date(),
      active: options.active ?? true,
    })
    .returning();
  return row!;
}

export async function createStaffUser(
  options: { role?: StaffRole; enrolled?: boolean; active?: boolean } = {},
) {
  const email = `staff-${uniqueSuffix()}@mol.example.om`;
  const totpSecret = options.enrolled === false ? null : authenticator.generateSecret();
  const [row] = await db
    .insert(staffUsers)
    .values({
      name: `Test ${options.role ?? "reviewer"} ${uniqueSuffix(4)}`,
      email,
      passwordHash: await testPasswordHash(),
      role: options.role ?? "reviewer",
      active: options.active ?? true,
      totpSecret,
      totpEnrolledAt: totpSecret ? new Date() : null,
    })
    .returning();
  return row!;
}

/** A real session row and the actor the app would load from it (what a signed-in request carries). */
export async function signedInActor(userKind: UserKind, userId: string): Promise<Actor> {
  const sessionId = await createSession(db, { userKind, userId, ip: null, userAgent: "vitest" });
  const actor = await loadSessionActor(sessionId);
  if (!actor) throw new Error(`no actor for the new ${userKind} session`);
  return actor;
}

/** The outbox rows sent to an address, oldest first. */
export function outboxFor(recipient: string) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.recipient, recipient))
    .orderBy(notifications.createdAt);
}

/** The single-use token in a link inside a message body (`...?token=...`). */
export function tokenFromBody(body: string): string {
  const m = /[?&]token=([^&\s"<>]+)/.exec(body);
  if (!m) throw new Error(`no token link in: ${body}`);
  return decodeURIComponent(m[1]!);
}

/** The failure count of an account from one address (null: an unknown address), lib/auth/rate-limit.ts. */
export function rateLimitRowsFor(accountKey: string, ip: string | null = null) {
  return db
    .select()
    .from(rateLimits)
    .where(eq(rateLimits.key, `signin_pair:${accountKey}|${ip ?? "unknown"}`));
}
