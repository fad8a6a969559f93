import { and, eq, isNotNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { pgErrorCode, UNIQUE_VIOLATION } from "@/db/errors";
import { employerUsers, establishments } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Locale } from "@/lib/i18n/routing";
import { notify } from "@/lib/notifications/notify";
import { hashPassword, verifyPassword } from "./password";
import { appBaseUrl } from "@/lib/app-url";
import { overLimit } from "@/lib/security/limits";
import {
  pause,
  recordSignInFailure,
  recordSignInSuccess,
  signInDelayMs,
  signInLockState,
} from "./rate-limit";
import { revokeAllSessions } from "./sessions";
import { consumeToken, issueToken } from "./tokens";

export const SIGN_IN_TICKET_TTL_MS = 60_000;
const VERIFY_TTL_MS = 24 * 60 * 60 * 1000;
const RESET_TTL_MS = 60 * 60 * 1000;

/** A hash of a random password, compared against when the account does not exist, so timing reveals nothing. */
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword("not-a-real-password-balagh"));

export type SignInResult =
  | { ok: true; ticket: string }
  | { ok: false; code: "invalid" | "unverified" }
  | { ok: false; code: "locked"; retryAt: Date };

export async function authenticateEmployer(input: {
  email: string;
  password: string;
  ip: string | null;
}): Promise<SignInResult> {
  const accountKey = `employer:${input.email.toLowerCase()}`;
  const lock = await signInLockState(accountKey, input.ip);
  if (lock.locked) return { ok: false, code: "locked", retryAt: lock.retryAt };
  // Many failures on this account from everywhere: a new address waits (slowed down, never locked out).
  await pause(await signInDelayMs(accountKey, input.ip));

  const [user] = await db
    .select()
    .from(employerUsers)
    .where(eq(sql`lower(${employerUsers.email})`, input.email.toLowerCase()));
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummy(), input.password), false);
  if (!user || !valid || !user.active) {
    const after = await recordSignInFailure(accountKey, input.ip);
    await db.transaction(async (tx) => {
      await recordAudit(tx, {
        actor: { kind: "anonymous" },
        action: "employer.sign_in_failed",
        entityType: "employer_user",
        entityId: user?.id ?? null,
        ip: input.ip,
      });
      if (after.warnOwner && user?.active)
        await notify(tx, {
          channel: "email",
          recipient: user.email,
          template: "employer.sign-in-failures",
          locale: "ar",
          params: { name: user.name, url: `${appBaseUrl()}/ar/password-reset` },
          entity: { type: "employer_user", id: user.id },
        });
    });
    if (after.locked) return { ok: false, code: "locked", retryAt: after.retryAt };
    return { ok: false, code: "invalid" };
  }
  if (!user.emailVerifiedAt) return { ok: false, code: "unverified" };
  await recordSignInSuccess(accountKey, input.ip);
  const ticket = await db.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: { kind: "employer", id: user.id },
      action: "employer.signed_in",
      entityType: "employer_user",
      entityId: user.id,
      ip: input.ip,
    });
    return issueToken(tx, {
      kind: "sign_in",
      userKind: "employer",
      userId: user.id,
      ttlMs: SIGN_IN_TICKET_TTL_MS,
    });
  });
  return { ok: true, ticket };
}

export type SignUpResult =
  { ok: true; maskedEmail: string } | { ok: false; code: "cr_unknown" | "owner_exists" | "too_many" };

/** Hides most of the establishment's registered address: the page only hints where the link went. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 2)}${"•".repeat(Math.max(local.length - 2, 3))}@${domain}`;
}

/**
 * An owner signs up for an establishment that is already in the ministry's register, found by its CR number.
 * The confirmation link goes to the establishment's registered e-mail, not to the address typed here: only
 * someone who reads the establishment's mail can become its owner.
 */
export async function signUpOwner(input: {
  crNumber: string;
  name: string;
  email: string;
  password: string;
  locale: Locale;
  baseUrl: string;
  ip: string | null;
}): Promise<SignUpResult> {
  // Per CR and per source: sign-up cannot be used to probe the register or flood an establishment's inbox.
  if (
    await overLimit([
      { name: "signUpPerCr", key: input.crNumber },
      { name: "signUpPerIp", key: input.ip },
    ])
  )
    return { ok: false, code: "too_many" };
  const [est] = await db.select().from(establishments).where(eq(establishments.crNumber, input.crNumber));
  if (!est) return { ok: false, code: "cr_unknown" };
  const [owner] = await db
    .select({ id: employerUsers.id })
    .from(employerUsers)
    .where(
      and(
        eq(employerUsers.establishmentId, est.id),
        eq(employerUsers.role, "owner"),
        isNotNull(employerUsers.emailVerifiedAt),
      ),
    );
  if (owner) return { ok: false, code: "owner_exists" };
  const passwordHash = await hashPassword(input.password);
  try {
    await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(employerUsers)
        .values({
          establishmentId: est.id,
          role: "owner",
          name: input.name,
          email: input.email,
          passwordHash,
        })
        .returning();
      const token = await issueToken(tx, {
        kind: "email_verification",
        userKind: "employer",
        userId: user!.id,
        ttlMs: VERIFY_TTL_MS,
      });
      await notify(tx, {
        channel: "email",
        recipient: est.email,
        template: "employer.verify-email",
        locale: input.locale,
        params: {
          name: input.name,
          establishment: input.locale === "ar" ? est.nameAr : est.nameEn,
          url: `${input.baseUrl}/${input.locale}/sign-up/verify?token=${encodeURIComponent(token)}`,
        },
        entity: { type: "employer_user", id: user!.id },
      });
      await recordAudit(tx, {
        actor: { kind: "anonymous" },
        action: "employer.signed_up",
        entityType: "employer_user",
        entityId: user!.id,
        after: { establishmentId: est.id, role: "owner" },
        ip: input.ip,
      });
    });
  } catch (e) {
    // An address already in use gets the same answer as a new one (nothing is created and nothing is sent), so
    // sign-up never tells a stranger who has an account (issue 11).
    if (pgErrorCode(e) === UNIQUE_VIOLATION) return { ok: true, maskedEmail: maskEmail(est.email) };
    throw e;
  }
  return { ok: true, maskedEmail: maskEmail(est.email) };
}

export async function verifyEmployerEmail(token: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, "email_verification", token);
    if (!used) return false;
    await tx
      .update(employerUsers)
      .set({ emailVerifiedAt: new Date() })
      .where(eq(employerUsers.id, used.userId));
    await recordAudit(tx, {
      actor: { kind: "employer", id: used.userId },
      action: "employer.email_verified",
      entityType: "employer_user",
      entityId: used.userId,
    });
    return true;
  });
}

/**
 * Always "done" to the caller: whether an account exists is never revealed. The action runs this after it has
 * answered (so the answer takes as long either way), at most 3 times per address and 20 per source in 15
 * minutes; beyond that nothing is sent.
 */
export async function requestEmployerPasswordReset(input: {
  email: string;
  locale: Locale;
  baseUrl: string;
  ip?: string | null;
}): Promise<void> {
  if (
    await overLimit([
      { name: "resetPerEmail", key: input.email },
      { name: "resetPerIp", key: input.ip ?? null },
    ])
  )
    return;
  const [user] = await db
    .select()
    .from(employerUsers)
    .where(eq(sql`lower(${employerUsers.email})`, input.email.toLowerCase()));
  if (!user || !user.active) return;
  await db.transaction(async (tx) => {
    const token = await issueToken(tx, {
      kind: "password_reset",
      userKind: "employer",
      userId: user.id,
      ttlMs: RESET_TTL_MS,
    });
    await notify(tx, {
      channel: "email",
      recipient: user.email,
      template: "employer.password-reset",
      locale: input.locale,
      params: {
        name: user.name,
        url: `${input.baseUrl}/${input.locale}/password-reset/new?token=${encodeURIComponent(token)}`,
      },
      entity: { type: "employer_user", id: user.id },
    });
  });
}

/** Sets a new password, confirms the e-mail (the link proved it), and ends every open session. */
export async function resetEmployerPassword(input: {
  token: string;
  password: string;
  ip: string | null;
}): Promise<boolean> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, "password_reset", input.token);
    if (!used) return false;
    await tx
      .update(employerUsers)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${employerUsers.emailVerifiedAt}, now())` })
      .where(eq(employerUsers.id, used.userId));
    await revokeAllSessions(tx, "employer", used.userId);
    await recordAudit(tx, {
      actor: { kind: "employer", id: used.userId },
      action: "employer.password_reset",
      entityType: "employer_user",
      entityId: used.userId,
      ip: input.ip,
    });
    return true;
  });
}
