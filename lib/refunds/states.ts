import { refundRequests } from "@/db/schema";
import type { CaseFacts } from "@/lib/cases/facts";
import { defineMachine, type ActorRef } from "@/lib/lifecycle/machine";
import { refundFactsOf } from "@/lib/reports/refund-facts";
import { assessRefund } from "@/lib/reports/refund-grounds";

export type RefundStatus = (typeof refundRequests.$inferSelect)["status"];
export type RefundRow = typeof refundRequests.$inferSelect;
export type RefundMove =
  "approved" | "approved_automatically" | "rejected" | "closed" | "refunded" | "failed";

/** Grounds on which the system itself asks for the deposit back (told to the employer by the report's move). */
export const SYSTEM_REFUND_GROUNDS = ["report_rejected", "not_permitted_at_payment"] as const;
export type SystemRefundGround = (typeof SYSTEM_REFUND_GROUNDS)[number];
/** The ground on which the system also approves its own request and sends it to the provider at once. */
export const AUTOMATIC_REFUND_GROUND = "not_permitted_at_payment";

/** Why the employer may not ask for the deposit back now (null: a ground holds and the deposit is held). */
export function employerRefundBlocker(c: CaseFacts): string | null {
  const a = assessRefund(refundFactsOf(c), c.now);
  if (a.blocker) return a.blocker;
  return a.grounds.length === 0 ? "refund_no_ground" : null;
}

/** The request waiting for a decision on this case (one live request per deposit, by a unique index). */
export const submittedRefund = (c: CaseFacts) => c.refunds.find((r) => r.status === "submitted") ?? null;

/** The deposit the waiting request is for is held in full: paid, never used, nothing refunded. */
function depositHeld(c: CaseFacts): string | null {
  const d = c.deposit;
  const r = submittedRefund(c);
  if (!d || d.status !== "paid" || d.utilisedAt || d.refundedBaisa > 0) return "deposit_not_held";
  if (r && (r.depositId !== d.id || r.amountBaisa > d.amountBaisa - d.refundedBaisa)) return "amount_invalid";
  return null;
}

/**
 * A request to give the ticket deposit back (DOMAIN.md §4–§5): submitted → approved → refunded | failed; or
 * rejected. The employer asks when a ground holds (lib/reports/refund-grounds.ts); the system asks on the
 * employer's behalf when a report is rejected (finance then decides), and when a payment settles on a report
 * no longer allowed, where it also approves its own request and sends it to the provider at once. The
 * provider's answer finishes it. One live request per deposit (refund_one_live_per_deposit); after a
 * rejection or a failure the employer may ask again.
 */
export const refundMachine = defineMachine<RefundStatus, RefundMove, CaseFacts>({
  name: "refund",
  states: ["submitted", "approved", "refunded", "failed", "rejected"],
  open: ["submitted", "approved"],
  create: {
    into: "submitted",
    by: ["employer", "system"],
    guard: (c: CaseFacts, actor: ActorRef) => (actor.kind === "system" ? null : employerRefundBlocker(c)),
    tells: ["employer", "staff"],
    when: "the employer asks while a refund ground holds (a receipt to the employer, an alert to finance); the system asks when a report is rejected or not permitted at payment (told by the report's move)",
  },
  transitions: {
    approved: {
      from: ["submitted"],
      to: "approved",
      by: ["finance"],
      guard: depositHeld,
      tells: ["employer"],
      when: "finance approves it, with a reason; the refund is then sent to the provider (after commit)",
    },
    approved_automatically: {
      from: ["submitted"],
      to: "approved",
      by: ["system"],
      guard: (c) =>
        submittedRefund(c)?.ground === AUTOMATIC_REFUND_GROUND ? depositHeld(c) : "not_automatic",
      when: "at once, for a deposit paid on a report no longer allowed; sent to the provider after commit, retried by reconciliation",
    },
    rejected: {
      from: ["submitted"],
      to: "rejected",
      by: ["finance"],
      tells: ["employer"],
      when: "finance rejects it, with a reason; the employer may ask again",
    },
    closed: {
      from: ["submitted"],
      to: "rejected",
      by: ["system"],
      when: "a supervisor reopened the report's rejection: the system's own request for the deposit is no longer needed (the reopening's messages say so)",
    },
    refunded: {
      from: ["approved"],
      to: "refunded",
      by: ["system"],
      tells: ["employer"],
      when: "the provider confirms the money went back",
      consequences: ["the deposit takes its refunded move (never after use; at most once)"],
    },
    failed: {
      from: ["approved"],
      to: "failed",
      by: ["system"],
      tells: ["employer"],
      when: "the provider refuses or cancels the refund; the deposit stays held and the employer may ask again",
    },
  },
});
