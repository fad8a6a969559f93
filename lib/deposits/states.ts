import { deposits } from "@/db/schema";
import { deportationRecorded, liveRefund, type CaseFacts } from "@/lib/cases/facts";
import { defineMachine } from "@/lib/lifecycle/machine";
import { filingBlocker } from "@/lib/reports/states";

export type DepositStatus = (typeof deposits.$inferSelect)["status"];
export type Deposit = typeof deposits.$inferSelect;
export type DepositMove = "paid" | "failed" | "expired" | "retired" | "utilised" | "refunded";

export const DEPOSIT_STATUSES = [
  "pending",
  "paid",
  "utilised",
  "refunded",
  "failed",
  "expired",
] as const satisfies readonly DepositStatus[];
/** Deposits that still count against the one-live-deposit-per-report index. */
export const LIVE_DEPOSIT_STATUSES: readonly DepositStatus[] = ["pending", "paid", "utilised", "refunded"];
/** A deposit whose money the ministry has received. */
export const PAID_DEPOSIT_STATUSES: readonly DepositStatus[] = ["paid", "utilised", "refunded"];

export const isPaidDeposit = (s: DepositStatus) => PAID_DEPOSIT_STATUSES.includes(s);

/**
 * Why the employer may not start paying this report now (null: they may). The report awaits payment with its
 * fee fixed, no payment is under way or made, and every filing rule still holds (a suspension, a permit that
 * moved, a governorate taken offline since the answers were checked stop it here, before any money moves).
 */
export function payBlocker(c: CaseFacts): string | null {
  if (c.report.status !== "awaiting_payment") return "not_awaiting_payment";
  if (!c.report.feeBaisa) return "no_fee";
  if (c.deposit) return "payment_started";
  return filingBlocker(c)?.code ?? null;
}

/**
 * Issue 10 §7: the deposit pays for the worker's ticket only once the report is approved (it stands, or was
 * closed after standing) and staff recorded that the worker was deported; never while a refund is asked or
 * under way. A later rejection or cancellation therefore always finds the deposit still held.
 */
export function utilisationBlocker(c: CaseFacts): string | null {
  const approved = c.report.status === "approved" || c.report.status === "closed";
  if (!approved || !c.report.approvedAt) return "report_not_approved";
  if (!deportationRecorded(c)) return "deportation_not_recorded";
  if (liveRefund(c)) return "refund_in_flight";
  return null;
}

/**
 * The ticket deposit (DOMAIN.md §4–§5): pending → paid (held) → utilised | refunded; pending → failed |
 * expired. At most one live deposit per report (the partial unique index deposits_one_live_per_report); failed
 * and expired ones stay as history, and the employer may pay again with a new one.
 */
export const depositMachine = defineMachine<DepositStatus, DepositMove, CaseFacts>({
  name: "deposit",
  states: DEPOSIT_STATUSES,
  open: ["pending", "paid"],
  create: {
    into: "pending",
    by: ["employer"],
    guard: (c) => payBlocker(c),
    when: "the employer starts paying a report awaiting payment while every filing rule holds",
  },
  transitions: {
    paid: {
      from: ["pending"],
      to: "paid",
      by: ["system"],
      when: "the provider reports the report's fee paid (webhook, return from checkout, local gateway or reconciliation)",
      consequences: [
        "every filing rule is checked again: the report is submitted, or takes its not_permitted move (and the deposit is refunded at once)",
      ],
    },
    failed: {
      from: ["pending"],
      to: "failed",
      by: ["system"],
      tells: ["employer"],
      when: "the provider declined the payment; the report still awaits payment and may be paid again",
    },
    expired: {
      from: ["pending"],
      to: "expired",
      by: ["system"],
      tells: ["employer"],
      when: "the checkout closed unpaid (or the payment never reached the provider); the report may be paid again",
    },
    retired: {
      from: ["pending"],
      to: "expired",
      by: ["system"],
      when: "a payment attempt whose checkout was lost is replaced at once by a new one while the employer pays (no message)",
    },
    utilised: {
      from: ["paid"],
      to: "utilised",
      by: ["finance"],
      guard: (c) => utilisationBlocker(c),
      tells: ["employer"],
      when: "finance records the ticket bought with it, on an approved report whose worker staff recorded as deported",
    },
    refunded: {
      from: ["paid"],
      to: "refunded",
      by: ["system"],
      when: "the provider confirmed the refund of an approved refund request (never after use)",
    },
  },
});
