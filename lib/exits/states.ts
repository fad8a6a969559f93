import { workerExits } from "@/db/schema";
import { caseExits, leavingRecorded, type CaseFacts } from "@/lib/cases/facts";
import { defineMachine, type ActorRef } from "@/lib/lifecycle/machine";
import { muscatDate } from "@/lib/time";

export type WorkerExitKind = (typeof workerExits.$inferSelect)["kind"];
export const WORKER_EXIT_KINDS = [
  "left_own_expense",
  "deported",
  "transferred",
  "permit_cancelled",
] as const satisfies readonly WorkerExitKind[];

/** The permit status each kind of exit leaves in the registry (issue 10 §6: kept consistent with the exit). */
export const PERMIT_AFTER_EXIT = {
  left_own_expense: "cancelled",
  deported: "cancelled",
  permit_cancelled: "cancelled",
  transferred: "transferred",
} as const satisfies Record<WorkerExitKind, "cancelled" | "transferred">;

/** Why staff may not record an exit on this case now (null: they may). */
export function exitBlocker(c: CaseFacts): string | null {
  if (c.report.status !== "submitted" && c.report.status !== "approved") return "exit_not_allowed_now";
  if (leavingRecorded(c)) return "exit_already_recorded";
  return null;
}

/**
 * The rules that depend on the kind of exit and its date, checked with exitBlocker: finance records only a
 * deportation (it is the deposit that pays for the ticket); a deportation at the deposit's cost only on an
 * approved report (issue 10 §7); one exit of each kind; the date is a day between the worker's last day at
 * work and today (Muscat).
 */
export function exitKindBlocker(
  c: CaseFacts,
  actor: ActorRef,
  kind: WorkerExitKind,
  exitDate: string,
): { code: string; field?: "exitKind" | "exitDate" } | null {
  if (actor.kind === "staff" && actor.role === "finance" && kind !== "deported")
    return { code: "exit_kind_not_allowed", field: "exitKind" };
  if (kind === "deported" && c.report.status !== "approved")
    return { code: "deportation_needs_approval", field: "exitKind" };
  if (caseExits(c).some((e) => e.kind === kind)) return { code: "exit_already_recorded", field: "exitKind" };
  if (exitDate > muscatDate(c.now)) return { code: "exit_date_future", field: "exitDate" };
  if (c.report.lastDayAtWork && exitDate < c.report.lastDayAtWork)
    return { code: "exit_date_before_absence", field: "exitDate" };
  return null;
}

/**
 * Issue 10 §6: staff record how a reported worker's stay ended. Not a lifecycle with moves — a recorded fact —
 * but its creation rule and consequences belong in the model like every other: who may record it, on which
 * cases, and what it changes (lib/exits/record-exit.ts applies them in the same transaction).
 */
export const workerExitMachine = defineMachine<"recorded", never, CaseFacts>({
  name: "worker_exit",
  states: ["recorded"],
  open: [],
  create: {
    into: "recorded",
    by: ["reviewer", "finance"],
    guard: (c) => exitBlocker(c),
    when: "a reviewer (or supervisor) records that the worker left at their own expense, was deported, was transferred or had the permit cancelled, with the date; finance may record only a deportation (at the deposit's cost, on an approved report)",
    consequences: [
      "the permit status follows (cancelled, or transferred)",
      "left at own expense or permit cancelled: refund ground 4 holds",
      "deported: finance may mark the deposit used for the ticket",
      "left the country (own expense or deported) on an approved report: the report is closed",
    ],
  },
  transitions: {},
});
