import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { staffUsers } from "@/db/schema";
import type { StaffRole } from "@/lib/auth/actor";
import { notify } from "./notify";
import type { TemplateName, TemplateParams } from "./templates";

/**
 * A staff alert (issue 10 §12): an e-mail that something new waits in a staff queue — a cancellation request,
 * a grievance — written in the same transaction as the request, like every message. Where it goes:
 * - `STAFF_ALERT_EMAIL` set (one address, or several separated by commas): there, and only there — a team
 *   mailbox or a distribution list the ministry manages itself;
 * - unset: to every active member of staff with one of `roles` who can sign in (a password chosen; invited
 *   members who have not accepted yet are left out). Supervisors are included only when no one has the role.
 * Staff read Arabic and English: the e-mail carries both, Arabic first.
 */
export function staffAlertAddresses(): string[] | null {
  const raw = process.env.STAFF_ALERT_EMAIL?.trim();
  if (!raw) return null;
  const list = raw
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a.includes("@"));
  return list.length > 0 ? list : null;
}

export async function alertStaff<T extends TemplateName>(
  tx: Tx,
  alert: {
    roles: readonly Exclude<StaffRole, "supervisor">[];
    template: T;
    params: TemplateParams[T];
    entity: { type: string; id: string };
  },
): Promise<void> {
  let recipients = staffAlertAddresses();
  if (!recipients) {
    const members = async (roles: readonly StaffRole[]) =>
      (
        await tx
          .select({ email: staffUsers.email })
          .from(staffUsers)
          .where(
            and(
              eq(staffUsers.active, true),
              isNotNull(staffUsers.passwordHash),
              inArray(staffUsers.role, [...roles]),
            ),
          )
      ).map((r) => r.email);
    recipients = await members(alert.roles);
    if (recipients.length === 0) recipients = await members(["supervisor"]);
  }
  const unique = new Map(recipients.map((a) => [a.toLowerCase(), a]));
  for (const recipient of unique.values()) {
    await notify(tx, {
      channel: "email",
      recipient,
      template: alert.template,
      locale: "ar",
      params: alert.params,
      entity: alert.entity,
    });
  }
}
