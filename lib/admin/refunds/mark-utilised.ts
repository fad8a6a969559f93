import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { deposits, refundRequests } from "@/db/schema";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { transitionDeposit } from "@/lib/payments/deposit-states";

export type MarkUtilisedResult =
  | { ok: true }
  | {
      ok: false;
      code:
        | "not_found"
        | "ticket_required"
        | "deposit_refunded"
        | "deposit_utilised"
        | "deposit_not_paid"
        | "refund_in_flight";
    };

/**
 * Finance records that the ministry used a deposit to buy the worker's ticket, with the ticket's reference.
 * Refused when the deposit was refunded or is not held, or a refund is asked or in flight (the database's
 * `deposits_refund_guard` refuses it too).
 */
export async function markDepositUtilised(
  actorIn: Actor | null,
  input: { depositId: string; ticketReference: string },
  ctx: { ip?: string | null; now?: Date } = {},
): Promise<MarkUtilisedResult> {
  const actor = assertStaffRole(actorIn, ["finance"]);
  const ticketReference = input.ticketReference.trim();
  if (!ticketReference || ticketReference.length > 60) return { ok: false, code: "ticket_required" };
  return db.transaction(async (tx) => {
    const [deposit] = await tx.select().from(deposits).where(eq(deposits.id, input.depositId)).for("update");
    if (!deposit) return { ok: false, code: "not_found" } as const;
    if (deposit.status === "refunded") return { ok: false, code: "deposit_refunded" } as const;
    if (deposit.status === "utilised") return { ok: false, code: "deposit_utilised" } as const;
    if (deposit.status !== "paid") return { ok: false, code: "deposit_not_paid" } as const;
    const [live] = await tx
      .select({ id: refundRequests.id })
      .from(refundRequests)
      .where(
        and(
          eq(refundRequests.depositId, deposit.id),
          inArray(refundRequests.status, ["submitted", "approved", "refunded"]),
        ),
      );
    if (live) return { ok: false, code: "refund_in_flight" } as const;
    const now = ctx.now ?? new Date();
    await transitionDeposit(tx, {
      depositId: deposit.id,
      from: "paid",
      to: "utilised",
      set: { utilisedAt: now, ticketReference },
    });
    await recordAudit(tx, {
      actor: { kind: "staff", id: actor.userId },
      action: "deposit.utilised",
      entityType: "deposit",
      entityId: deposit.id,
      before: { status: deposit.status },
      after: { status: "utilised", ticketReference, reportId: deposit.reportId },
      ip: ctx.ip ?? null,
    });
    return { ok: true } as const;
  });
}
