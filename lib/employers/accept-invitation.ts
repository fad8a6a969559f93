import { eq } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { employerUsers, establishments } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { consumeToken, peekToken } from "@/lib/auth/tokens";

export type InvitationView = { email: string; establishmentAr: string; establishmentEn: string };

/** What the invitation page shows before the invitee accepts, or null for a used, expired or voided link. */
export async function peekInvitation(token: string, database: Tx = db): Promise<InvitationView | null> {
  const found = await peekToken(database, "invitation", token, "employer");
  if (!found) return null;
  const [row] = await database
    .select({ user: employerUsers, est: establishments })
    .from(employerUsers)
    .innerJoin(establishments, eq(establishments.id, employerUsers.establishmentId))
    .where(eq(employerUsers.id, found.userId));
  if (!row || !row.user.active || row.user.passwordHash !== null) return null;
  return { email: row.user.email, establishmentAr: row.est.nameAr, establishmentEn: row.est.nameEn };
}

/**
 * The invitee accepts: chooses the name and password of the account, which is then confirmed (the link proved
 * the address). The link works once; a removed officer's link does nothing. Returns false for a bad link.
 */
export async function acceptInvitation(
  input: { token: string; name: string; password: string; ip?: string | null },
  database: Tx = db,
): Promise<boolean> {
  // argon2 is slow on purpose: hash before taking any lock.
  const passwordHash = await hashPassword(input.password);
  return database.transaction(async (tx) => {
    const used = await consumeToken(tx, "invitation", input.token, "employer");
    if (!used) return false;
    const [user] = await tx
      .select()
      .from(employerUsers)
      .where(eq(employerUsers.id, used.userId))
      .for("update");
    if (!user || !user.active || user.passwordHash !== null || user.role !== "hr_officer") return false;
    await tx
      .update(employerUsers)
      .set({ name: input.name, passwordHash, emailVerifiedAt: new Date() })
      .where(eq(employerUsers.id, user.id));
    await recordAudit(tx, {
      actor: { kind: "employer", id: user.id },
      action: "employer.invitation_accepted",
      entityType: "employer_user",
      entityId: user.id,
      after: { establishmentId: user.establishmentId, role: user.role },
      ip: input.ip,
    });
    return true;
  });
}
