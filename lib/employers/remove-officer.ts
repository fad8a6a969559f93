import { and, eq } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { employerUsers } from "@/db/schema";
import { assertEmployer, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { isUuid } from "@/lib/ids";
import { expireInvitations } from "./invite-officer";
import { TeamRefusedError } from "./team-errors";

/**
 * The owner removes an HR officer (or cancels an invitation not yet accepted): the account is deactivated,
 * every session of it revoked (refused at its next request) and every unused invitation link voided. The
 * reports the officer filed stay the establishment's. The owner cannot be removed here.
 */
export async function removeOfficer(
  actorIn: Actor | null,
  input: { userId: string; ip?: string | null },
  database: Tx = db,
): Promise<void> {
  const actor = assertEmployer(actorIn, ["owner"]);
  if (!isUuid(input.userId)) throw new TeamRefusedError("not_found");
  await database.transaction(async (tx) => {
    const [user] = await tx
      .select()
      .from(employerUsers)
      .where(
        and(eq(employerUsers.id, input.userId), eq(employerUsers.establishmentId, actor.establishmentId)),
      )
      .for("update");
    if (!user || !user.active) throw new TeamRefusedError("not_found");
    if (user.role !== "hr_officer") throw new TeamRefusedError("cannot_remove_owner");
    await tx.update(employerUsers).set({ active: false }).where(eq(employerUsers.id, user.id));
    const sessions = await revokeAllSessions(tx, "employer", user.id);
    await expireInvitations(tx, user.id);
    await recordAudit(tx, {
      actor: { kind: "employer", id: actor.userId },
      action: "employer.officer_removed",
      entityType: "employer_user",
      entityId: user.id,
      before: { active: true, pending: user.passwordHash === null },
      after: { active: false, sessionsRevoked: sessions },
      ip: input.ip,
    });
  });
}
