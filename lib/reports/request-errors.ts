import { Refusal } from "@/lib/lifecycle/refusal";

/**
 * The employer's requests on a report refuse with Refusals (lib/lifecycle/refusal.ts) whose codes are keys under
 * `trackingErrors`. These two names remain for the use cases not yet moved to the lifecycle tables:
 * - ReportNotFoundError: there is no such report *for this actor* (another establishment's report is "not
 *   found" too, so its existence is never revealed) → 404;
 * - RequestRefusedError: the report exists but its state does not allow this.
 */
export class ReportNotFoundError extends Refusal {
  constructor() {
    super("not_found");
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

export class RequestRefusedError extends Refusal {
  constructor(code: RefusalCode) {
    super(code);
    this.name = "RequestRefusedError";
  }
}
