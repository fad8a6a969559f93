import { cancellationRequests } from "@/db/schema";
import { openCancellation, type CaseFacts } from "@/lib/cases/facts";
import { defineMachine } from "@/lib/lifecycle/machine";

export type CancellationStatus = (typeof cancellationRequests.$inferSelect)["status"];
export type CancellationMove = "review_started" | "accepted" | "rejected" | "withdrawn" | "closed";

export const OPEN_REQUEST_STATUSES = ["submitted", "under_review"] as const;

const reportCancellable = (c: CaseFacts) => c.report.status === "submitted" || c.report.status === "approved";

/**
 * The employer's request to cancel a report (DOMAIN.md §5): submitted → under_review → accepted | rejected;
 * withdrawn by the employer while open; closed (no longer needed) when the report is decided or ends otherwise.
 */
export const cancellationMachine = defineMachine<CancellationStatus, CancellationMove, CaseFacts>({
  name: "cancellation",
  states: ["submitted", "under_review", "accepted", "rejected", "withdrawn", "closed"],
  open: OPEN_REQUEST_STATUSES,
  create: {
    into: "submitted",
    by: ["employer"],
    guard: (c) =>
      !reportCancellable(c)
        ? "cancellation_not_allowed"
        : openCancellation(c)
          ? "cancellation_already_open"
          : null,
    tells: ["employer", "staff"],
    when: "the employer asks to cancel a submitted or approved report (one open request per report)",
  },
  transitions: {
    review_started: {
      from: ["submitted"],
      to: "under_review",
      by: ["reviewer"],
      when: "a reviewer takes the request",
    },
    accepted: {
      from: ["submitted", "under_review"],
      to: "accepted",
      by: ["reviewer"],
      guard: (c) => (reportCancellable(c) ? null : "not_allowed_now"),
      tells: ["employer", "worker"],
      when: "a reviewer accepts it, with a reason",
      consequences: ["the report is cancelled (and its consequences follow)"],
    },
    rejected: {
      from: ["submitted", "under_review"],
      to: "rejected",
      by: ["reviewer"],
      guard: (c) => (reportCancellable(c) ? null : "not_allowed_now"),
      tells: ["employer"],
      when: "a reviewer rejects it, with a reason; the report stands",
    },
    withdrawn: {
      from: ["submitted", "under_review"],
      to: "withdrawn",
      by: ["employer"],
      when: "the employer withdraws it before a decision",
    },
    closed: {
      from: ["submitted", "under_review"],
      to: "closed",
      by: ["system"],
      tells: ["employer"],
      when: "the report was rejected, cancelled otherwise or closed while the request was open: no longer needed",
    },
  },
});
