import { authenticator } from "otplib";
import QRCode from "qrcode";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { staffUsers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { verifyPassword, hashPassword } from "./password";
import { appBaseUrl } from "@/lib/app-url";
import { notify } from "@/lib/notifications/notify";
import {
  pause,
  recordSignInFailure,
  recordSignInSuccess,
  signInDelayMs,
  signInLockState,
} from "./rate-limit";
import { consumeToken, issueToken, peekToken } from "./tokens";
import { SIGN_IN_TICKET_TTL_MS } from "./employer";

// One step of clock drift either way (±30 s) is accepted.
authenticator.options = { window: 1 };

const TOTP_PENDING_TTL_MS = 10 * 60 * 1000;
const ISSUER = "Balagh MOL";

let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword("not-a-real-password-balagh"));

export type StaffPasswordResult =
  | { ok: true; pending: string; enrolment: { secret: string; qrDataUrl: string } | null }
  | { ok: false; code: "invalid" }
  | { ok: false; code: "locked"; retryAt: Date };

/**
 * Step 1 of staff sign-in: e-mail and password. On success the member gets a ten-minute "TOTP pending" token;
 * a member who has never enrolled also gets a new secret, shown as a QR code, which becomes theirs only
 * when a code from it is confirmed in step 2.
 */
export async function checkStaffPassword(input: {
  email: string;
  password: string;
  ip: string | null;
}): Promise<StaffPasswordResult> {
  const accountKey = `staff:${input.email.toLowerCase()}`;
  const lock = await signInLockState(accountKey, input.ip);
  if (lock.locked) return { ok: false, code: "locked", retryAt: lock.retryAt };
  // Many failures on this account from everywhere: a new address waits (slowed down, never locked out).
  await pause(await signInDelayMs(accountKey, input.ip));
  const [user] = await db
    .select()
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, input.email.toLowerCase()));
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummy(), input.password), false);
  if (!user || !valid || !user.active) {
    const after = await recordSignInFailure(accountKey, input.ip);
    await db.transaction(async (tx) => {
      await recordAudit(tx, {
        actor: { kind: "anonymous" },
        action: "staff.sign_in_failed",
        entityType: "staff_user",
        entityId: user?.id ?? null,
        ip: input.ip,
      });
      if (after.warnOwner && user?.active)
        await notify(tx, {
          channel: "email",
          recipient: user.email,
          template: "staff.sign-in-failures",
          locale: "ar",
          params: { name: user.name, url: `${appBaseUrl()}/ar/sign-in/staff` },
          entity: { type: "staff_user", id: user.id },
        });
    });
    return after.locked
      ? { ok: false, code: "locked", retryAt: after.retryAt }
      : { ok: false, code: "invalid" };
  }
  let enrolment: { secret: string; qrDataUrl: string } | null = null;
  if (!user.totpSecret) {
    const secret = user.totpPendingSecret ?? authenticator.generateSecret();
    if (!user.totpPendingSecret)
      await db.update(staffUsers).set({ totpPendingSecret: secret }).where(eq(staffUsers.id, user.id));
    const uri = authenticator.keyuri(user.email, ISSUER, secret);
    enrolment = { secret, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
  }
  const pending = await issueToken(db, {
    kind: "totp_pending",
    userKind: "staff",
    userId: user.id,
    ttlMs: TOTP_PENDING_TTL_MS,
  });
  return { ok: true, pending, enrolment };
}

export type StaffCodeResult =
  | { ok: true; ticket: string }
  | { ok: false; code: "invalid_code" | "expired" }
  | { ok: false; code: "locked"; retryAt: Date };

/** Step 2: the TOTP code. Wrong codes count against the same per-account limit as wrong passwords. */
export async function checkStaffCode(input: {
  pending: string;
  code: string;
  ip: string | null;
}): Promise<StaffCodeResult> {
  const t = await peekToken(db, "totp_pending", input.pending);
  if (!t) return { ok: false, code: "expired" };
  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.id, t.userId));
  if (!user || !user.active) return { ok: false, code: "expired" };
  const accountKey = `staff:${user.email.toLowerCase()}`;
  const lock = await signInLockState(accountKey, input.ip);
  if (lock.locked) return { ok: false, code: "locked", retryAt: lock.retryAt };
  const secret = user.totpSecret ?? user.totpPendingSecret;
  const delta = secret ? authenticator.checkDelta(input.code, secret) : null;
  // The time step the code belongs to; a step at or before the last accepted one is a replay.
  const step = delta === null ? null : Math.floor(Date.now() / 30_000) + delta;
  const replay = step !== null && user.totpLastStep !== null && step <= user.totpLastStep;
  if (!secret || step === null || replay) {
    const after = await recordSignInFailure(accountKey, input.ip);
    await recordAudit(db, {
      actor: { kind: "anonymous" },
      action: "staff.totp_failed",
      entityType: "staff_user",
      entityId: user.id,
      ip: input.ip,
    });
    return after.locked
      ? { ok: false, code: "locked", retryAt: after.retryAt }
      : { ok: false, code: "invalid_code" };
  }
  await recordSignInSuccess(accountKey, input.ip);
  const ticket = await db.transaction(async (tx) => {
    const used = await consumeToken(tx, "totp_pending", input.pending);
    if (!used) return null;
    // Claim the step atomically: two sign-ins racing with one code cannot both pass.
    const claimed = await tx
      .update(staffUsers)
      .set({ totpLastStep: step })
      .where(
        and(
          eq(staffUsers.id, user.id),
          or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step)),
        ),
      )
      .returning({ id: staffUsers.id });
    if (claimed.length === 0) return null;
    if (!user.totpSecret) {
      await tx
        .update(staffUsers)
        .set({ totpSecret: secret, totpPendingSecret: null, totpEnrolledAt: new Date() })
        .where(eq(staffUsers.id, user.id));
      await recordAudit(tx, {
        actor: { kind: "staff", id: user.id },
        action: "staff.totp_enrolled",
        entityType: "staff_user",
        entityId: user.id,
        ip: input.ip,
      });
    }
    await recordAudit(tx, {
      actor: { kind: "staff", id: user.id },
      action: "staff.signed_in",
      entityType: "staff_user",
      entityId: user.id,
      ip: input.ip,
    });
    return issueToken(tx, {
      kind: "sign_in",
      userKind: "staff",
      userId: user.id,
      ttlMs: SIGN_IN_TICKET_TTL_MS,
    });
  });
  if (!ticket) return { ok: false, code: "expired" };
  return { ok: true, ticket };
}

// Used by tests and the dev sign-in hint.
export function currentTotp(secret: string): string {
  return authenticator.generate(secret);
}
