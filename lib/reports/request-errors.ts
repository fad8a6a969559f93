/**
 * Outcomes of the employer's requests on a report, thrown by the use cases and turned into pages by callers:
 * - ReportNotFoundError: there is no such report *for this actor* (another establishment's report is "not
 *   found" too, so its existence is never revealed) → 404.
 * - RequestRefusedError: the report exists but its state does not allow this; `code` is a translation key
 *   under `trackingErrors`.
 */
export class ReportNotFoundError extends Error {
  constructor() {
    super("report not found");
    this.name = "ReportNotFoundError";
  }
}

export type RefusalCode =
  | "cancellation_not_allowed"
  | "cancellation_already_open"
  | "cancellation_not_open"
  | "refund_no_ground"
  | "refund_ground_invalid"
  | "no_paid_deposit"
  | "deposit_utilised"
  | "deposit_refunded"
  | "refund_requested";

export class RequestRefusedError extends Error {
  constructor(public readonly code: RefusalCode) {
    super(code);
    this.name = "RequestRefusedError";
  }
}

/** PostgreSQL's unique_violation, as postgres.js reports it (possibly wrapped by drizzle). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as {
    code?: string;
    constraint_name?: string;
    cause?: { code?: string; constraint_name?: string };
  };
  const inner = err?.code === "23505" ? err : err?.cause?.code === "23505" ? err.cause : null;
  if (!inner) return false;
  return constraint === undefined || inner.constraint_name === constraint;
}
