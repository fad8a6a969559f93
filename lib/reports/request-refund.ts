import { db, type Tx } from "@/db";
import { actorRef, assertEmployer, type Actor } from "@/lib/auth/actor";
import { isUniqueViolation } from "@/lib/db-errors";
import { refuse } from "@/lib/lifecycle/refusal";
import { assertMayCreate } from "@/lib/lifecycle/transition";
import { createRefundRequest } from "@/lib/refunds/lifecycle";
import { refundMachine } from "@/lib/refunds/states";
import { lockOwnReport } from "./own-report";
import { loadRefundFacts } from "./refund-facts";
import { assessRefund, type RefundGround } from "./refund-grounds";
import { RequestRefusedError } from "./request-errors";

/**
 * The employer asks for the ticket deposit back: the refund request lifecycle's creation by the employer
 * (lib/refunds/states.ts). The system, not the employer, decides whether a ground holds (refund-grounds.ts),
 * from the case read under the report's lock; the employer only picks which ground to cite when several hold.
 * The whole paid amount is asked for. The employer gets a receipt and finance an alert; finance decides and
 * executes the refund. `refund_one_live_per_deposit` makes a second live request impossible in the database.
 */
export async function requestRefund(
  actorIn: Actor | null,
  input: { reportId: string; ground?: RefundGround | null; ip?: string | null; appUrl?: string },
  database: Tx = db,
  now: Date = new Date(),
): Promise<{ id: string; ground: RefundGround; amountBaisa: number }> {
  const actor = assertEmployer(actorIn);
  try {
    return await database.transaction(async (tx) => {
      const report = await lockOwnReport(tx, actor, input.reportId);
      const { facts, case: c } = await loadRefundFacts(tx, report, { now });
      const assessment = assessRefund(facts, now);
      // The same rule as the machine's creation guard; checked here first for its specific refusal codes.
      if (assessment.blocker) throw new RequestRefusedError(assessment.blocker);
      if (assessment.grounds.length === 0) throw new RequestRefusedError("refund_no_ground");
      const ground = input.ground ?? assessment.grounds[0]!;
      if (!assessment.grounds.includes(ground)) throw new RequestRefusedError("refund_ground_invalid");
      assertMayCreate(refundMachine, actorRef(actor), c);
      const row = await createRefundRequest(tx, {
        case: c,
        actor: actorRef(actor),
        ground,
        requestedBy: actor.userId,
        ip: input.ip,
        appUrl: input.appUrl,
      });
      return { id: row.id, ground, amountBaisa: row.amountBaisa };
    });
  } catch (e) {
    if (isUniqueViolation(e, "refund_one_live_per_deposit")) refuse("refund_requested");
    throw e;
  }
}
