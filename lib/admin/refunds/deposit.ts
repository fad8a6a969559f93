import { eq } from "drizzle-orm";
import { db } from "@/db";
import { deposits, reports } from "@/db/schema";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";

/** A deposit and its report's reference, for finance (null when there is none). */
export async function getDepositForFinance(actorIn: Actor | null, depositId: string) {
  assertStaffRole(actorIn, ["finance"]);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(depositId)) return null;
  const [row] = await db
    .select({ deposit: deposits, reference: reports.reference })
    .from(deposits)
    .innerJoin(reports, eq(reports.id, deposits.reportId))
    .where(eq(deposits.id, depositId));
  return row ?? null;
}
