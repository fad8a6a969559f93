import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { authTokens, staffUsers } from "@/db/schema";
import { assertStaffRole, ForbiddenError, type Actor, type StaffRole } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { consumeToken, issueToken, peekToken } from "@/lib/auth/tokens";
import type { Locale } from "@/lib/i18n/routing";
import { notify } from "@/lib/notifications/notify";

/**
 * Staff accounts (issue 5 §6), for supervisors only: invite, change role, deactivate or reactivate. Every
 * change is audited with before and after. A supervisor cannot demote or deactivate themselves, and each
 * change re-reads the acting supervisor under a row lock, so two supervisors demoting each other at the
 * same moment cannot leave the ministry without one: the second finds they are no longer a supervisor.
 *
 * Deactivation takes effect at the next request: loadSessionActor refuses inactive accounts, and every open
 * session of the account is revoked as well (and unused invitation links voided).
 */

export const STAFF_ROLES = ["reviewer", "finance", "supervisor"] as const satisfies readonly StaffRole[];
export const STAFF_INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const email = z
  .string()
  .trim()
  .min(1, { error: "email_required" })
  .max(254, { error: "email_invalid" })
  .pipe(z.email({ error: "email_invalid" }));
const role = z.enum(STAFF_ROLES, { error: "role_invalid" });

export const inviteStaffSchema = z.object({
  name: z.string().trim().min(2, { error: "name_required" }).max(120, { error: "name_too_long" }),
  email,
  role,
});
export const changeRoleSchema = z.object({ userId: z.uuid({ error: "not_found" }), role });
export const setActiveSchema = z.object({
  userId: z.uuid({ error: "not_found" }),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export const acceptStaffInvitationSchema = z
  .object({
    token: z.string().min(10).max(100),
    password: z.string().min(10, { error: "password_too_short" }).max(200, { error: "password_too_long" }),
    passwordConfirm: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], error: "password_mismatch" });

export type StaffRefusalCode = "email_taken" | "self" | "not_found";

/** Why a change was refused; `code` is a key under `adminInsight.staff.errors`. */
export class StaffRefusedError extends Error {
  constructor(public readonly code: StaffRefusalCode) {
    super(code);
    this.name = "StaffRefusedError";
  }
}

export type StaffAccount = {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  active: boolean;
  invited: boolean;
  totpEnrolled: boolean;
};

/** Every staff account, with whether it is still an unaccepted invitation. Supervisors only. */
export async function listStaffAccounts(actor: Actor | null, ctx: { tx?: Tx } = {}): Promise<StaffAccount[]> {
  assertStaffRole(actor, ["supervisor"]);
  return (ctx.tx ?? db)
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      active: staffUsers.active,
      invited: sql<boolean>`${staffUsers.passwordHash} is null`,
      totpEnrolled: sql<boolean>`${staffUsers.totpSecret} is not null`,
    })
    .from(staffUsers)
    .orderBy(desc(staffUsers.active), asc(staffUsers.name));
}

async function voidInvitations(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(authTokens.kind, "invitation"),
        eq(authTokens.userKind, "staff"),
        eq(authTokens.userId, userId),
        isNull(authTokens.usedAt),
      ),
    );
}

/**
 * The supervisor, re-read and locked in this transaction with the target account (in id order, so two
 * changes never deadlock). Refuses when the actor is no longer an active supervisor.
 */
async function lockActorAndTarget(tx: Tx, actorId: string, targetId: string) {
  const rows = await tx
    .select()
    .from(staffUsers)
    .where(inArray(staffUsers.id, [actorId, targetId]))
    .orderBy(asc(staffUsers.id))
    .for("update");
  const me = rows.find((r) => r.id === actorId);
  const target = rows.find((r) => r.id === targetId);
  if (!me || !me.active || me.role !== "supervisor") throw new ForbiddenError("role");
  if (!target) throw new StaffRefusedError("not_found");
  return { me, target };
}

/**
 * Invites a member of staff: the account exists at once with no password (it cannot sign in), and the
 * e-mailed link lets them choose one; TOTP is enrolled at their first sign-in. Inviting again an address
 * whose invitation is still pending sends a fresh link (the old ones stop working); any other existing
 * address is refused.
 */
export async function inviteStaff(
  actorIn: Actor | null,
  input: {
    name: string;
    email: string;
    role: StaffRole;
    locale: Locale;
    baseUrl: string;
    ip?: string | null;
  },
  ctx: { tx?: Tx } = {},
): Promise<{ userId: string; reinvited: boolean }> {
  const actor = assertStaffRole(actorIn, ["supervisor"]);
  const parsed = inviteStaffSchema.parse({ name: input.name, email: input.email, role: input.role });
  return (ctx.tx ?? db).transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(staffUsers)
      .where(eq(sql`lower(${staffUsers.email})`, parsed.email.toLowerCase()))
      .for("update");
    let userId: string;
    let reinvited = false;
    if (existing) {
      if (existing.passwordHash !== null || !existing.active) throw new StaffRefusedError("email_taken");
      await tx
        .update(staffUsers)
        .set({ name: parsed.name, role: parsed.role })
        .where(eq(staffUsers.id, existing.id));
      await voidInvitations(tx, existing.id);
      userId = existing.id;
      reinvited = true;
    } else {
      const [row] = await tx
        .insert(staffUsers)
        .values({
          name: parsed.name,
          email: parsed.email,
          role: parsed.role,
          passwordHash: null,
          active: true,
        })
        .returning({ id: staffUsers.id });
      userId = row!.id;
    }
    const token = await issueToken(tx, {
      kind: "invitation",
      userKind: "staff",
      userId,
      ttlMs: STAFF_INVITATION_TTL_MS,
    });
    await notify(tx, {
      channel: "email",
      recipient: parsed.email,
      template: "staff.invitation",
      locale: input.locale,
      params: {
        name: parsed.name,
        inviter: actor.name,
        role: parsed.role,
        url: `${input.baseUrl}/${input.locale}/staff-invitation?token=${encodeURIComponent(token)}`,
      },
      entity: { type: "staff_user", id: userId },
    });
    await recordAudit(tx, {
      actor: { kind: "staff", id: actor.userId },
      action: reinvited ? "staff.reinvited" : "staff.invited",
      entityType: "staff_user",
      entityId: userId,
      after: { name: parsed.name, email: parsed.email, role: parsed.role },
      ip: input.ip ?? null,
    });
    return { userId, reinvited };
  });
}

export type StaffInvitationView = { name: string; email: string; role: StaffRole };

/** What the invitation page shows, or null for a used, expired or voided link or a deactivated account. */
export async function peekStaffInvitation(
  token: string,
  database: Tx = db,
): Promise<StaffInvitationView | null> {
  const found = await peekToken(database, "invitation", token, "staff");
  if (!found) return null;
  const [user] = await database.select().from(staffUsers).where(eq(staffUsers.id, found.userId));
  if (!user || !user.active || user.passwordHash !== null) return null;
  return { name: user.name, email: user.email, role: user.role };
}

/**
 * The invitee chooses a password. The link works once and only for an active account still without one.
 * TOTP is not set here: the first sign-in shows the QR code and confirms a code (lib/auth/staff.ts).
 */
export async function acceptStaffInvitation(
  input: { token: string; password: string; ip?: string | null },
  database: Tx = db,
): Promise<boolean> {
  const passwordHash = await hashPassword(input.password);
  return database.transaction(async (tx) => {
    // Employer invitations share the token kind: one of theirs is neither accepted nor spent here.
    const used = await consumeToken(tx, "invitation", input.token, "staff");
    if (!used) return false;
    const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, used.userId)).for("update");
    if (!user || !user.active || user.passwordHash !== null) return false;
    await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, user.id));
    await recordAudit(tx, {
      actor: { kind: "staff", id: user.id },
      action: "staff.invitation_accepted",
      entityType: "staff_user",
      entityId: user.id,
      after: { role: user.role },
      ip: input.ip ?? null,
    });
    return true;
  });
}

/** Changes a member's role. A supervisor cannot change their own. Returns whether anything changed. */
export async function changeStaffRole(
  actorIn: Actor | null,
  input: { userId: string; role: StaffRole; ip?: string | null },
  ctx: { tx?: Tx } = {},
): Promise<{ changed: boolean }> {
  const actor = assertStaffRole(actorIn, ["supervisor"]);
  const { role: next } = changeRoleSchema.parse(input);
  if (input.userId === actor.userId) throw new StaffRefusedError("self");
  return (ctx.tx ?? db).transaction(async (tx) => {
    const { target } = await lockActorAndTarget(tx, actor.userId, input.userId);
    if (target.role === next) return { changed: false };
    await tx.update(staffUsers).set({ role: next }).where(eq(staffUsers.id, target.id));
    await recordAudit(tx, {
      actor: { kind: "staff", id: actor.userId },
      action: "staff.role_changed",
      entityType: "staff_user",
      entityId: target.id,
      before: { role: target.role },
      after: { role: next },
      ip: input.ip ?? null,
    });
    return { changed: true };
  });
}

/**
 * Deactivates (every session revoked, unused invitation links voided) or reactivates an account. A
 * supervisor cannot deactivate themselves. Returns whether anything changed.
 */
export async function setStaffActive(
  actorIn: Actor | null,
  input: { userId: string; active: boolean; ip?: string | null },
  ctx: { tx?: Tx } = {},
): Promise<{ changed: boolean; sessionsRevoked: number }> {
  const actor = assertStaffRole(actorIn, ["supervisor"]);
  if (input.userId === actor.userId) throw new StaffRefusedError("self");
  return (ctx.tx ?? db).transaction(async (tx) => {
    const { target } = await lockActorAndTarget(tx, actor.userId, input.userId);
    if (target.active === input.active) return { changed: false, sessionsRevoked: 0 };
    await tx.update(staffUsers).set({ active: input.active }).where(eq(staffUsers.id, target.id));
    let sessionsRevoked = 0;
    if (!input.active) {
      sessionsRevoked = await revokeAllSessions(tx, "staff", target.id);
      await voidInvitations(tx, target.id);
    }
    await recordAudit(tx, {
      actor: { kind: "staff", id: actor.userId },
      action: input.active ? "staff.reactivated" : "staff.deactivated",
      entityType: "staff_user",
      entityId: target.id,
      before: { active: target.active },
      after: { active: input.active, sessionsRevoked },
      ip: input.ip ?? null,
    });
    return { changed: true, sessionsRevoked };
  });
}
