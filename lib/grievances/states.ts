import { grievances } from "@/db/schema";
import { openGrievance, type CaseFacts } from "@/lib/cases/facts";
import type { ActorRef } from "@/lib/lifecycle/machine";
import { defineMachine } from "@/lib/lifecycle/machine";
import { grievanceWindow } from "./window";

export type GrievanceStatus = (typeof grievances.$inferSelect)["status"];
export type GrievanceMove = "review_started" | "accepted" | "rejected" | "withdrawn" | "closed";

export const OPEN_GRIEVANCE_STATUSES = ["submitted", "under_review"] as const;

/** Why the worker may not file a grievance on this case now (null: they may). */
export function grievanceBlocker(c: CaseFacts): string | null {
  const window = grievanceWindow(c.report, c.now);
  if (!window.open) return window.reason;
  if (openGrievance(c)) return "already_open";
  return null;
}

/**
 * Separation of duties (issue 10 §14): a grievance is decided by someone other than the reviewer whose
 * decision on the report stands — a supervisor may decide it either way.
 */
export function decisionConflict(c: CaseFacts, actor: ActorRef): string | null {
  if (actor.kind !== "staff" || actor.role === "supervisor") return null;
  return c.report.decidedBy && c.report.decidedBy === actor.id ? "same_reviewer" : null;
}

const reportStands = (c: CaseFacts) => c.report.status === "submitted" || c.report.status === "approved";

/**
 * The worker's grievance (تظلم) against a report (DOMAIN.md §5, Art. 11): submitted → under_review →
 * accepted | rejected; withdrawn by the worker while open; closed (no longer needed) when the report is
 * rejected, cancelled otherwise or closed while the grievance is open.
 */
export const grievanceMachine = defineMachine<GrievanceStatus, GrievanceMove, CaseFacts>({
  name: "grievance",
  states: ["submitted", "under_review", "accepted", "rejected", "closed", "withdrawn"],
  open: OPEN_GRIEVANCE_STATUSES,
  create: {
    into: "submitted",
    by: ["worker"],
    guard: (c) => grievanceBlocker(c),
    tells: ["worker", "employer", "staff"],
    when: "the worker objects, from submission until 60 days after approval (Art. 11), one open at a time",
  },
  transitions: {
    review_started: {
      from: ["submitted"],
      to: "under_review",
      by: ["reviewer"],
      guard: decisionConflict,
      when: "a reviewer (not the one who decided the report) takes the grievance",
    },
    accepted: {
      from: ["submitted", "under_review"],
      to: "accepted",
      by: ["reviewer"],
      guard: (c, actor) => (reportStands(c) ? decisionConflict(c, actor) : "not_allowed_now"),
      tells: ["worker", "employer"],
      when: "a reviewer other than the report's decider accepts it, with a reason",
      consequences: [
        "the report is cancelled (reason grievance_accepted), which opens the employer's refund ground",
      ],
    },
    rejected: {
      from: ["submitted", "under_review"],
      to: "rejected",
      by: ["reviewer"],
      guard: (c, actor) => (reportStands(c) ? decisionConflict(c, actor) : "not_allowed_now"),
      tells: ["worker", "employer"],
      when: "a reviewer other than the report's decider rejects it, with a reason; the report stands",
    },
    withdrawn: {
      from: ["submitted", "under_review"],
      to: "withdrawn",
      by: ["worker"],
      tells: ["worker"],
      when: "the worker withdraws it before a decision",
    },
    closed: {
      from: ["submitted", "under_review"],
      to: "closed",
      by: ["system"],
      tells: ["worker"],
      when: "the report was rejected, cancelled otherwise or closed while the grievance was open: no longer needed",
    },
  },
});
