import { db, type Tx } from "@/db";
import { refundRequests } from "@/db/schema";
import { assertEmployer, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { lockOwnReport } from "./own-report";
import { loadRefundFacts } from "./refund-facts";
import { assessRefund, type RefundGround } from "./refund-grounds";
import { isUniqueViolation, RequestRefusedError } from "./request-errors";

/**
 * The employer asks for the ticket deposit back. The system, not the employer, decides whether a ground holds
 * (refund-grounds.ts), from facts read under locks on the report and its deposit; the employer only picks
 * which ground to cite when several hold. The whole paid amount is asked for. Staff decide and execute the
 * refund (staff issue). `refund_one_live_per_deposit` makes a second live request impossible in the database.
 */
export async function requestRefund(
  actorIn: Actor | null,
  input: { reportId: string; ground?: RefundGround | null; ip?: string | null },
  database: Tx = db,
  now: Date = new Date(),
): Promise<{ id: string; ground: RefundGround; amountBaisa: number }> {
  const actor = assertEmployer(actorIn);
  try {
    return await database.transaction(async (tx) => {
      const report = await lockOwnReport(tx, actor, input.reportId);
      const { facts, depositId } = await loadRefundFacts(tx, report, { lock: true });
      const assessment = assessRefund(facts, now);
      if (assessment.blocker) throw new RequestRefusedError(assessment.blocker);
      if (assessment.grounds.length === 0 || !depositId) throw new RequestRefusedError("refund_no_ground");
      const ground = input.ground ?? assessment.grounds[0]!;
      if (!assessment.grounds.includes(ground)) throw new RequestRefusedError("refund_ground_invalid");
      const [row] = await tx
        .insert(refundRequests)
        .values({
          reportId: report.id,
          depositId,
          ground,
          amountBaisa: assessment.amountBaisa,
          requestedBy: actor.userId,
        })
        .returning({ id: refundRequests.id });
      await recordAudit(tx, {
        actor: { kind: "employer", id: actor.userId },
        action: "report.refund_requested",
        entityType: "refund_request",
        entityId: row!.id,
        after: {
          reportId: report.id,
          reference: report.reference,
          depositId,
          ground,
          amountBaisa: assessment.amountBaisa,
        },
        ip: input.ip,
      });
      return { id: row!.id, ground, amountBaisa: assessment.amountBaisa };
    });
  } catch (e) {
    if (isUniqueViolation(e, "refund_one_live_per_deposit"))
      throw new RequestRefusedError("refund_requested");
    throw e;
  }
}
