import { eq } from "drizzle-orm";
import { db } from "@/db";
import { deposits } from "@/db/schema";
import { assertStaffRole, staffRef, type Actor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { moveDeposit } from "@/lib/deposits/lifecycle";
import { isUuid } from "@/lib/ids";
import { refuse } from "@/lib/lifecycle/refusal";

/** Why finance may not mark a deposit used, as the form's error codes (adminFinance.errors). */
export type MarkUtilisedRefusal =
  | "not_found"
  | "ticket_required"
  | "deposit_refunded"
  | "deposit_utilised"
  | "deposit_not_paid"
  | "refund_in_flight"
  | "report_not_approved"
  | "deportation_not_recorded";

/**
 * Finance records that the ministry used a deposit to buy the worker's ticket, with the ticket's reference: the
 * deposit's `utilised` move (lib/deposits/states.ts), whose guard holds only on an approved report whose worker
 * staff recorded as deported, with no refund asked or in flight (issue 10 §7; the database's
 * `deposits_refund_guard` refuses a used-and-refunded deposit too). The employer is told. Refuses (throws a
 * Refusal) with one of MarkUtilisedRefusal.
 */
export async function markDepositUtilised(
  actorIn: Actor | null,
  input: { depositId: string; ticketReference: string },
  ctx: { ip?: string | null; now?: Date; appUrl?: string } = {},
): Promise<{ ok: true }> {
  const actor = assertStaffRole(actorIn, ["finance"]);
  const ticketReference = input.ticketReference.trim();
  if (!ticketReference || ticketReference.length > 60)
    refuse("ticket_required", undefined, "ticketReference");
  if (!isUuid(input.depositId)) refuse("not_found");
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ reportId: deposits.reportId })
      .from(deposits)
      .where(eq(deposits.id, input.depositId));
    if (!found) refuse("not_found");
    // The report first, then the deposit (every use case on a case locks in this order).
    const c = await loadCase(tx, found.reportId, { lock: true, now });
    const [deposit] = await tx.select().from(deposits).where(eq(deposits.id, input.depositId)).for("update");
    if (!c || !deposit) refuse("not_found");
    if (deposit.status === "refunded") refuse("deposit_refunded");
    if (deposit.status === "utilised") refuse("deposit_utilised");
    if (deposit.status !== "paid") refuse("deposit_not_paid");
    await moveDeposit(tx, "utilised", {
      id: deposit.id,
      actor: staffRef(actor),
      context: c,
      reasonCode: "ticket_bought",
      set: { utilisedAt: now, ticketReference },
      audit: { ticketReference, reportId: deposit.reportId },
      ip: ctx.ip ?? null,
      now,
      appUrl: ctx.appUrl,
    });
    return { ok: true } as const;
  });
}
