import { eq } from "drizzle-orm";
import { db } from "@/db";
import { deposits, reports } from "@/db/schema";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { isUuid } from "@/lib/ids";

/**
 * A deposit and its report's reference, for finance (null when there is none). Opening it is a staff view of an
 * employer's payment and is recorded (`deposit.viewed`, issue 10 §13), as opening a case is.
 */
export async function getDepositForFinance(
  actorIn: Actor | null,
  depositId: string,
  ctx: { ip?: string | null } = {},
) {
  const actor = assertStaffRole(actorIn, ["finance"]);
  if (!isUuid(depositId)) return null;
  const [row] = await db
    .select({ deposit: deposits, reference: reports.reference, reportId: reports.id })
    .from(deposits)
    .innerJoin(reports, eq(reports.id, deposits.reportId))
    .where(eq(deposits.id, depositId));
  if (!row) return null;
  await recordAudit(db, {
    actor: { kind: "staff", id: actor.userId },
    action: "deposit.viewed",
    entityType: "deposit",
    entityId: row.deposit.id,
    after: { reportId: row.reportId },
    ip: ctx.ip ?? null,
  });
  return row;
}
