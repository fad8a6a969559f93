import { cancellationMachine, type CancellationMove } from "@/lib/cancellations/states";
import { shareBlocker, shareableFiles } from "@/lib/evidence/sharing";
import { grievanceMachine, type GrievanceMove } from "@/lib/grievances/states";
import { grievanceWindow } from "@/lib/grievances/window";
import { availableMoves, whyNot, whyNotCreate, type ActorRef, type Machine } from "@/lib/lifecycle/machine";
import { refundMachine } from "@/lib/refunds/states";
import { reportMachine, type ReportMove, type ReportStatus } from "@/lib/reports/states";
import { openCancellation, openGrievance, type CaseFacts, type GrievanceRow } from "./facts";

/**
 * "What you can do now", for each party, as one function of the case (issue 10, contradiction 3): every
 * option a page offers and every sentence it says about what comes next is derived here, from the lifecycle
 * tables (`whyNot`, `whyNotCreate`, `availableMoves` over CaseFacts) — the same rules the use cases enforce,
 * so a page cannot offer what the use case refuses, nor say two things at once.
 *
 * Pages load the case (`loadCase` in lib/cases/facts.ts) after their own visibility check, call the party's
 * function and render what it says; they never test statuses themselves.
 */

/** Allowed, or refused with the refusal code the use case would give. */
export type Option = { ok: true } | { ok: false; why: string };

const option = (why: string | null): Option => (why === null ? { ok: true } : { ok: false, why });

// ---------------------------------------------------------------------------------------------- the worker

/** The sentence under the report's status on the worker's page (`worker.statusHelp.<story>`). */
export type WorkerStory =
  | "submitted"
  | "submitted_grievance"
  | "approved"
  | "approved_grievance"
  | "rejected"
  | "cancelled"
  | "closed";

export type WorkerNow = {
  story: WorkerStory;
  /**
   * Filing a grievance (the grievance lifecycle's creation rule). When allowed, `deadline` is the last day
   * (null while the report awaits a decision: "60 days after approval"). When refused: `already_open`,
   * `deadline_passed` (with the date) or `report_not_in_force`.
   */
  object: { ok: true; deadline: string | null } | { ok: false; why: string; deadline: string | null };
  /** The worker's grievance that is still open (received or being reviewed), if any. */
  openGrievance: { id: string; status: string; createdAt: Date } | null;
  /** May the worker withdraw that grievance now? */
  withdrawGrievance: boolean;
};

/** What the worker the report is about can do now, and what their page tells them. */
export function workerNow(c: CaseFacts, actor: ActorRef): WorkerNow {
  const open = openGrievance(c);
  const window = grievanceWindow(c.report, c.now);
  const why = whyNotCreate(grievanceMachine, actor, c);
  const deadline = window.open
    ? window.deadline
    : window.reason === "deadline_passed"
      ? window.deadline
      : null;
  const status = c.report.status;
  const story: WorkerStory =
    status === "submitted" || status === "approved"
      ? open
        ? `${status}_grievance`
        : status
      : status === "rejected" || status === "cancelled"
        ? status
        : "closed";
  return {
    story,
    object: why === null ? { ok: true, deadline } : { ok: false, why, deadline },
    openGrievance: open ? { id: open.id, status: open.status, createdAt: open.createdAt } : null,
    withdrawGrievance: Boolean(open && whyNot(grievanceMachine, "withdrawn", open.status, actor, c) === null),
  };
}

// -------------------------------------------------------------------------------------------- the employer

/** The sentence under the report's status on the employer's page (`tracking.statusMeaning.<story>`). */
export type EmployerStory = ReportStatus | "submitted_grievance" | "approved_grievance";

export type EmployerNow = {
  story: EmployerStory;
  /** Continue filing (a draft) or go on to pay (awaiting payment); null when neither. */
  resume: "continue" | "pay" | null;
  /** Drop the report before paying (the report lifecycle's `discarded` move). */
  discard: boolean;
  /** Ask to cancel the report (the cancellation lifecycle's creation rule). */
  requestCancellation: Option;
  /** The open cancellation request the employer may withdraw now. */
  withdrawCancellation: { id: string; createdAt: Date } | null;
  /** Ask for the deposit back (DOMAIN.md §4: a ground holds and the deposit may be refunded). */
  requestRefund: boolean;
  /** That the worker objected, and where it stands — never what they wrote. */
  grievance: { status: GrievanceRow["status"]; filedAt: Date; decidedAt: Date | null } | null;
};

/** The refund rules' facts, read off the case: one function for pages, use cases and guards. */
export { refundFactsOf } from "@/lib/reports/refund-facts";

/** What a user of the report's establishment can do now, and what their page tells them. */
export function employerNow(c: CaseFacts, actor: ActorRef): EmployerNow {
  const status = c.report.status;
  const moves = availableMoves(reportMachine, status, actor, c);
  const open = openCancellation(c);
  const grievanceOpen = openGrievance(c);
  // The open grievance when there is one (the story says so), else the latest: one grievance, one story.
  const latestGrievance = grievanceOpen ?? c.grievances[0];
  const story: EmployerStory =
    (status === "submitted" || status === "approved") && grievanceOpen ? `${status}_grievance` : status;
  return {
    story,
    resume: moves.includes("sent_to_payment")
      ? "continue"
      : status === "awaiting_payment" && actor.kind === "employer"
        ? "pay"
        : null,
    discard: moves.includes("discarded"),
    requestCancellation: option(whyNotCreate(cancellationMachine, actor, c)),
    withdrawCancellation:
      open && whyNot(cancellationMachine, "withdrawn", open.status, actor, c) === null
        ? { id: open.id, createdAt: open.createdAt }
        : null,
    requestRefund: whyNotCreate(refundMachine, actor, c) === null,
    grievance: latestGrievance
      ? {
          status: latestGrievance.status,
          filedAt: latestGrievance.createdAt,
          decidedAt: latestGrievance.decidedAt,
        }
      : null,
  };
}

// ----------------------------------------------------------------------------------------------- staff

export type RequestNow = {
  kind: "cancellation" | "grievance";
  id: string;
  status: string;
  version: number;
  createdAt: Date;
  /** Accept or reject it now (refused e.g. `same_reviewer` for the reviewer whose report decision stands). */
  decide: Option;
  /** Claim it ("start review": submitted → under_review). */
  startReview: Option;
};

export type StaffNow = {
  /** The report decisions this member of staff may make now (approve/reject a submitted report). */
  decideReport: boolean;
  /** Reopen the report's decision (supervisors; null when there is no decision to reopen). */
  reopen: Option | null;
  /** Every open cancellation request and grievance, with what this member of staff may do about it. */
  requests: RequestNow[];
  /** Share chosen files with the worker (the employer's evidence) or the employer (grievance attachments). */
  shareWithWorker: Option;
  shareWithEmployer: Option;
  /** The files each share form offers (not yet shared with that party). */
  shareable: { worker: string[]; employer: string[] };
  /** Anything at all waiting on staff on this case. */
  pending: boolean;
};

/** The two request lifecycles share their moves' names (lib/cancellations/states.ts, lib/grievances/states.ts). */
type RequestMachine = Machine<string, CancellationMove & GrievanceMove, CaseFacts>;

function requestNow(
  kind: "cancellation" | "grievance",
  row: { id: string; status: string; version: number; createdAt: Date },
  c: CaseFacts,
  actor: ActorRef,
): RequestNow {
  const machine = (kind === "cancellation" ? cancellationMachine : grievanceMachine) as RequestMachine;
  const accept = whyNot(machine, "accepted", row.status, actor, c);
  const reject = whyNot(machine, "rejected", row.status, actor, c);
  return {
    kind,
    id: row.id,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt,
    decide: option(accept === null || reject === null ? null : accept),
    startReview: option(whyNot(machine, "review_started", row.status, actor, c)),
  };
}

/** What a member of staff (by role) can do on this case now, and what the case page tells them. */
export function staffNow(c: CaseFacts, actor: ActorRef): StaffNow {
  const status = c.report.status;
  const moves: ReportMove[] = availableMoves(reportMachine, status, actor, c);
  const requests: RequestNow[] = [
    ...c.cancellations
      .filter((r) => (cancellationMachine.open as readonly string[]).includes(r.status))
      .map((r) => requestNow("cancellation", r, c, actor)),
    ...c.grievances
      .filter((g) => (grievanceMachine.open as readonly string[]).includes(g.status))
      .map((g) => requestNow("grievance", g, c, actor)),
  ];
  const decided = status === "approved" || status === "rejected";
  const mayReopen = actor.kind === "staff" && actor.role === "supervisor";
  return {
    decideReport: moves.includes("approved") || moves.includes("rejected"),
    reopen: decided && mayReopen ? option(whyNot(reportMachine, "reopened", status, actor, c)) : null,
    requests,
    shareWithWorker: option(shareBlocker(c, "worker", actor)),
    shareWithEmployer: option(shareBlocker(c, "employer", actor)),
    shareable: {
      worker: shareableFiles(c, "worker").map((f) => f.id),
      employer: shareableFiles(c, "employer").map((f) => f.id),
    },
    pending: status === "submitted" || requests.length > 0,
  };
}

/** The party's view, by who is asking. */
export function whatNow(c: CaseFacts, actor: ActorRef) {
  switch (actor.kind) {
    case "worker":
      return { kind: "worker" as const, ...workerNow(c, actor) };
    case "employer":
      return { kind: "employer" as const, ...employerNow(c, actor) };
    case "staff":
      return { kind: "staff" as const, ...staffNow(c, actor) };
    case "system":
      throw new Error("the system has no page");
  }
}
