/** The Art. 2 declarations (no imports: client forms use these names too). */
/** The four declarations, in the order they are asked; each must be answered "no" for a report to be allowed. */
export const DECLARATION_KEYS = [
  "declDisputeBeforeAbsence",
  "declWorkerLeftCountryKnown",
  "declOnLegalLeave",
  "declResignationAccepted",
] as const;
export type DeclarationKey = (typeof DECLARATION_KEYS)[number];

/** Why a "yes" makes the report impermissible; each has its own explanation and way forward in the messages. */
export const DECLARATION_REASONS = {
  declDisputeBeforeAbsence: "dispute_before_absence",
  declWorkerLeftCountryKnown: "worker_left_country_known",
  declOnLegalLeave: "on_legal_leave",
  declResignationAccepted: "resignation_accepted",
} as const satisfies Record<DeclarationKey, string>;
export type DeclarationReason = (typeof DECLARATION_REASONS)[DeclarationKey];
