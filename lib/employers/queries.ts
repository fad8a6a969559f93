import { asc, eq, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { employerUsers } from "@/db/schema";
import type { EmployerActor } from "@/lib/auth/actor";

export type TeamMemberState = "active" | "invited" | "removed";

export type TeamMember = {
  id: string;
  name: string;
  email: string;
  role: "owner" | "hr_officer";
  state: TeamMemberState;
  createdAt: Date;
};

/** The people of the actor's establishment: owner first, then officers by name; removed ones last. */
export async function listTeam(actor: EmployerActor, tx: Tx = db): Promise<TeamMember[]> {
  const rows = await tx
    .select()
    .from(employerUsers)
    .where(eq(employerUsers.establishmentId, actor.establishmentId))
    .orderBy(
      sql`${employerUsers.role} = 'owner' desc`,
      sql`${employerUsers.active} desc`,
      asc(employerUsers.createdAt),
    );
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    state: !u.active
      ? "removed"
      : u.passwordHash === null && u.emailVerifiedAt === null
        ? "invited"
        : "active",
    createdAt: u.createdAt,
  }));
}
