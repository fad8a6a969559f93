/**
 * The reasons a reviewer picks from when deciding (the words are in messages/admin-decisions under
 * `adminDecisions.reasons`). The reason and the reviewer's free text are shown to both parties. "other"
 * needs free text; any other reason may have some.
 */
export const DECISION_REASONS = {
  report: {
    approve: ["evidence_sufficient", "absence_confirmed", "other"],
    reject: [
      "evidence_insufficient",
      "declarations_not_met",
      "worker_still_employed",
      "duplicate_report",
      "other",
    ],
  },
  cancellation: {
    accept: ["worker_returned", "filed_by_mistake", "settled", "other"],
    reject: ["not_substantiated", "worker_objects", "other"],
  },
  grievance: {
    accept: [
      "worker_was_at_work",
      "dispute_before_absence",
      "on_legal_leave",
      "resignation_accepted",
      "other",
    ],
    reject: ["report_substantiated", "grievance_unsupported", "other"],
  },
  /** A supervisor reopening a decision on a report (issue 10 §14): always with an explanation too. */
  reopen: {
    reopen: ["decision_error", "new_evidence", "procedure_not_followed", "other"],
  },
} as const;

export type DecisionKind = keyof typeof DECISION_REASONS;
export type ReasonCode = {
  [K in DecisionKind]: {
    [O in keyof (typeof DECISION_REASONS)[K]]: (typeof DECISION_REASONS)[K][O] extends readonly (infer R)[]
      ? R
      : never;
  }[keyof (typeof DECISION_REASONS)[K]];
}[DecisionKind];

export const NOTE_MAX = 1000;

/**
 * The form field that carries the reason for one outcome (`reasonCode_approve`, …): each outcome's list is a
 * select of its own, shown under that outcome, so the page never offers a reason of the other decision.
 */
export const reasonField = (outcome: string) => `reasonCode_${outcome}`;
