import { and, eq, getTableColumns, gte, isNotNull, lt, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { inspectionReferrals, reports } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { tellReferred } from "@/lib/inspections/lifecycle";
import { referralMachine } from "@/lib/inspections/states";
import { recordCreation } from "@/lib/lifecycle/transition";
import { art4Referrals, muscatYearBounds, type Art4Referral } from "./art4";

/**
 * After a report of `establishmentId` was submitted at `at` (in the caller's transaction): records the Art. 4
 * inspection referrals now due, one row per establishment and period (a later report updates its count).
 * A new referral is the referral lifecycle's creation (lib/inspections/states.ts): its history row, its audit
 * event, and the employer told. Returns the referrals that were created by this call.
 */
export async function recordArt4Referrals(
  tx: Tx,
  establishmentId: string,
  at: Date,
): Promise<Art4Referral[]> {
  // Two reports of one establishment submitted at the same moment must not both count without the other.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`art4:${establishmentId}`}))`);
  const { from, to } = muscatYearBounds(at);
  const rows = await tx
    .select({ submittedAt: reports.submittedAt })
    .from(reports)
    .where(
      and(
        eq(reports.establishmentId, establishmentId),
        isNotNull(reports.submittedAt),
        gte(reports.submittedAt, from),
        lt(reports.submittedAt, to),
      ),
    );
  const due = art4Referrals(
    at,
    rows.map((r) => r.submittedAt!),
  );
  const created: Art4Referral[] = [];
  for (const r of due) {
    const [row] = await tx
      .insert(inspectionReferrals)
      .values({ establishmentId, period: r.period, periodKey: r.periodKey, reportCount: r.reportCount })
      .onConflictDoUpdate({
        target: [
          inspectionReferrals.establishmentId,
          inspectionReferrals.period,
          inspectionReferrals.periodKey,
        ],
        set: { reportCount: sql`greatest(${inspectionReferrals.reportCount}, excluded.report_count)` },
      })
      .returning({ ...getTableColumns(inspectionReferrals), inserted: sql<boolean>`(xmax = 0)` });
    if (row?.inserted) {
      created.push(r);
      await recordCreation(tx, {
        machine: referralMachine,
        id: row.id,
        reportId: null,
        status: "open",
        actor: { kind: "system" },
        reasonCode: `art4_${r.period}`,
        at,
      });
      await recordAudit(tx, {
        actor: { kind: "system" },
        action: "inspection_referral.created",
        entityType: "inspection_referral",
        entityId: row.id,
        after: { establishmentId, ...r },
      });
      await tellReferred(tx, row);
    }
  }
  return created;
}
