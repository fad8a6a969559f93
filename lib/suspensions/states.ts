import { suspensions } from "@/db/schema";
import { defineMachine } from "@/lib/lifecycle/machine";

export type SuspensionRow = typeof suspensions.$inferSelect;
export type SuspensionStatus = SuspensionRow["status"];
export type SuspensionMove = "ended" | "lifted";
export type SuspensionContext = { now: Date; suspension: SuspensionRow };

/**
 * What a suspension blocks in this system (issue 10 §9). The law says "ministry services"; this service can
 * only stop what it does itself, and must never keep an establishment from its own money:
 * - blocked: starting a report, sending one to payment, starting a payment, and the submission of a report
 *   whose payment settles during the suspension (it takes its not_permitted move and the deposit is refunded
 *   at once);
 * - not blocked: following reports, cancellation requests and their withdrawal, refund requests, team
 *   management, and everything staff and workers do on reports already filed (decisions, grievances).
 * While a suspension is active, establishments.services_suspended_until holds its end (the one fact the
 * filing rules read, lib/reports/rules.ts); the suspension's moves keep it in step.
 */
export const SUSPENSION_BLOCKS = ["start_report", "send_to_payment", "start_payment", "submission"] as const;

export function suspensionDue(c: SuspensionContext): string | null {
  return c.now.getTime() >= c.suspension.endsAt.getTime() ? null : "not_due";
}

/** A suspension of an establishment's services in this system after a non-compliant Art. 4 inspection. */
export const suspensionMachine = defineMachine<SuspensionStatus, SuspensionMove, SuspensionContext>({
  name: "suspension",
  states: ["active", "ended", "lifted"],
  open: ["active"],
  create: {
    into: "active",
    by: ["system"],
    when: "an inspection is recorded non-compliant (the referral's move tells the employer): one year from then; blocks starting a report, sending it to payment, paying, and submission at settlement — never cancellations or refunds",
  },
  transitions: {
    ended: {
      from: ["active"],
      to: "ended",
      by: ["system"],
      guard: suspensionDue,
      tells: ["employer"],
      when: "its end date passed (daily job)",
      consequences: ["the establishment may file again"],
    },
    lifted: {
      from: ["active"],
      to: "lifted",
      by: ["supervisor"],
      tells: ["employer"],
      when: "a supervisor lifts it early, with a reason",
      consequences: ["the establishment may file again"],
    },
  },
});
