import { and, eq, isNull, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { authTokens, employerUsers, establishments } from "@/db/schema";
import { assertEmployer, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { issueToken } from "@/lib/auth/tokens";
import type { Locale } from "@/lib/i18n/routing";
import { notify } from "@/lib/notifications/notify";
import { TeamRefusedError } from "./team-errors";

/** The invitation e-mail says "within 7 days". */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Every unused invitation link of this user stops working (a new one replaces them, or the user is removed). */
export async function expireInvitations(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(authTokens.kind, "invitation"),
        eq(authTokens.userKind, "employer"),
        eq(authTokens.userId, userId),
        isNull(authTokens.usedAt),
      ),
    );
}

/**
 * The owner invites an HR officer by e-mail. The account exists at once, without a password and unconfirmed
 * (it cannot sign in); the e-mailed link (through the outbox) lets the invitee choose a name and password
 * (accept-invitation.ts). Inviting again someone already invited, or previously removed, from this
 * establishment sends a fresh link and makes the old ones useless. An address already used by another
 * account is refused without saying whose it is.
 */
export async function inviteOfficer(
  actorIn: Actor | null,
  input: { email: string; locale: Locale; baseUrl: string; ip?: string | null },
  database: Tx = db,
): Promise<{ userId: string; reinvited: boolean }> {
  const actor = assertEmployer(actorIn, ["owner"]);
  const email = input.email.trim();
  return database.transaction(async (tx) => {
    const [est] = await tx.select().from(establishments).where(eq(establishments.id, actor.establishmentId));
    if (!est) throw new Error("the actor's establishment is missing");
    const [existing] = await tx
      .select()
      .from(employerUsers)
      .where(eq(sql`lower(${employerUsers.email})`, email.toLowerCase()))
      .for("update");

    let userId: string;
    let reinvited = false;
    if (existing) {
      if (existing.establishmentId !== actor.establishmentId || existing.role !== "hr_officer")
        throw new TeamRefusedError("email_taken");
      const pending = existing.passwordHash === null && existing.emailVerifiedAt === null;
      if (existing.active && !pending) throw new TeamRefusedError("already_member");
      // Invited before (still pending) or removed: start again from a pending invitation.
      await tx
        .update(employerUsers)
        .set({ active: true, passwordHash: null, emailVerifiedAt: null, name: email })
        .where(eq(employerUsers.id, existing.id));
      await expireInvitations(tx, existing.id);
      userId = existing.id;
      reinvited = true;
    } else {
      // The invitee chooses their own name when accepting; until then the account shows the address.
      const [row] = await tx
        .insert(employerUsers)
        .values({
          establishmentId: actor.establishmentId,
          role: "hr_officer",
          name: email,
          email,
          passwordHash: null,
          active: true,
        })
        .returning({ id: employerUsers.id });
      userId = row!.id;
    }

    const token = await issueToken(tx, {
      kind: "invitation",
      userKind: "employer",
      userId,
      ttlMs: INVITATION_TTL_MS,
    });
    await notify(tx, {
      channel: "email",
      recipient: email,
      template: "employer.invitation",
      locale: input.locale,
      params: {
        inviter: actor.name,
        establishment: input.locale === "ar" ? est.nameAr : est.nameEn,
        url: `${input.baseUrl}/${input.locale}/invitation?token=${encodeURIComponent(token)}`,
      },
      entity: { type: "employer_user", id: userId },
    });
    await recordAudit(tx, {
      actor: { kind: "employer", id: actor.userId },
      action: reinvited ? "employer.officer_reinvited" : "employer.officer_invited",
      entityType: "employer_user",
      entityId: userId,
      after: { establishmentId: actor.establishmentId, role: "hr_officer", email },
      ip: input.ip,
    });
    return { userId, reinvited };
  });
}
