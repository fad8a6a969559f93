import { Refusal } from "@/lib/lifecycle/refusal";
import { DECISION_REASONS, NOTE_MAX, type DecisionKind } from "./decision-reasons";

/**
 * A decision refused, as a code the case page words (`adminDecisions.errors.*`). A Refusal like every other
 * (lib/lifecycle/refusal.ts); besides the shared codes (not_found, forbidden, not_allowed_now,
 * already_decided) the form's own: reason_invalid, note_required, note_too_long, and same_reviewer (issue 10
 * §14: a grievance is decided by someone other than the reviewer whose decision on the report stands).
 */
export class DecisionError extends Refusal {
  constructor(code: string) {
    super(
      code,
      undefined,
      code === "reason_invalid" ? "reasonCode" : code.startsWith("note_") ? "note" : undefined,
    );
    this.name = "DecisionError";
  }
}

export type DecisionContext = { ip?: string | null; now?: Date; appUrl?: string };

/** The reason must be one of the list for this decision; "other" needs a note. Returns the cleaned note. */
export function checkReason(
  kind: DecisionKind,
  outcome: string,
  reasonCode: string,
  note: string | null | undefined,
): string | null {
  const list = (DECISION_REASONS[kind] as Record<string, readonly string[]>)[outcome];
  if (!list || !list.includes(reasonCode)) throw new DecisionError("reason_invalid");
  const cleaned = note?.trim() ? note.trim() : null;
  if (cleaned && cleaned.length > NOTE_MAX) throw new DecisionError("note_too_long");
  if (reasonCode === "other" && !cleaned) throw new DecisionError("note_required");
  return cleaned;
}
