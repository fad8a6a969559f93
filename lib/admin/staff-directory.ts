import { asc, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { staffUsers } from "@/db/schema";
import { assertStaffRole, type Actor, type StaffRole } from "@/lib/auth/actor";

export type StaffDirectoryEntry = {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  active: boolean;
  totpEnrolled: boolean;
};

/**
 * Every staff account, for any member of staff (who to ask for a second opinion, who approves what).
 * Employers and workers get ForbiddenError("staff_only"). Never returns a password hash or a TOTP secret.
 */
export async function listStaffDirectory(
  actor: Actor | null,
  ctx: { tx?: Tx } = {},
): Promise<StaffDirectoryEntry[]> {
  assertStaffRole(actor, ["reviewer", "finance", "supervisor"]);
  const roleOrder = sql`case ${staffUsers.role} when 'supervisor' then 0 when 'reviewer' then 1 else 2 end`;
  return (ctx.tx ?? db)
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      active: staffUsers.active,
      totpEnrolled: sql<boolean>`${staffUsers.totpSecret} is not null`,
    })
    .from(staffUsers)
    .orderBy(asc(roleOrder), asc(staffUsers.name));
}
