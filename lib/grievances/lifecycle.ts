import type { Tx } from "@/db";
import { grievances } from "@/db/schema";
import type { CaseFacts, GrievanceRow } from "@/lib/cases/facts";
import { loadParties, mailBase, notifyEmployer, notifyWorker, workerName } from "@/lib/cases/parties";
import { bindLifecycle, transition, type Effect, type MoveInput } from "@/lib/lifecycle/transition";
import type { ClosedCause } from "@/lib/admin/templates";
import { appBaseUrl } from "@/lib/app-url";
import { reportLifecycle } from "@/lib/reports/lifecycle";
import { GRIEVANCE_ACCEPTED_REASON } from "@/lib/reports/refund-grounds";
import { grievanceMachine, type GrievanceMove, type GrievanceStatus } from "./states";

type GrievanceEffect = Effect<GrievanceRow, CaseFacts, GrievanceMove>;

const entityOf = (row: GrievanceRow) => ({ type: "grievance", id: row.id });

/**
 * Accepting the grievance cancels the report with the reason code the refund rules look for
 * (GRIEVANCE_ACCEPTED_REASON), through the report's lifecycle and its consequences.
 */
const cancelReport: GrievanceEffect = async (tx, ev) => {
  await transition(tx, reportLifecycle, "cancelled", {
    id: ev.after.reportId,
    actor: ev.input.actor,
    context: ev.input.context,
    reasonCode: GRIEVANCE_ACCEPTED_REASON,
    note: ev.input.note,
    set: { decidedAt: ev.now },
    now: ev.now,
    appUrl: ev.input.appUrl,
  });
};

const tellDecision =
  (outcome: "accepted" | "rejected"): GrievanceEffect =>
  async (tx, ev) => {
    const parties = await loadParties(tx, ev.after.reportId);
    if (!parties) return;
    const url = ev.input.appUrl ?? appBaseUrl();
    const base = mailBase(parties, ev.input.reasonCode ?? "other", ev.input.note ?? null, url);
    await notifyWorker(
      tx,
      parties,
      { template: "worker.grievance-decided.sms", params: { outcome, reference: base.reference, url } },
      { template: "worker.grievance-decided.email", params: { ...base, outcome, name: workerName(parties) } },
    );
    await notifyEmployer(tx, parties, {
      template: "employer.grievance-decided.email",
      params: { ...base, outcome },
    });
  };

const tellClosed: GrievanceEffect = async (tx, ev) => {
  const parties = await loadParties(tx, ev.after.reportId);
  if (!parties) return;
  await notifyWorker(
    tx,
    parties,
    {
      template: "worker.grievance-closed.sms",
      params: {
        reference: parties.report.reference,
        cause: (ev.input.reasonCode ?? "report_closed") as ClosedCause,
        url: ev.input.appUrl ?? appBaseUrl(),
      },
    },
    null,
    entityOf(ev.after),
  );
};

export const grievanceLifecycle = bindLifecycle<GrievanceStatus, GrievanceMove, CaseFacts, GrievanceRow>({
  machine: grievanceMachine,
  table: grievances as never,
  history: "lifecycle_events",
  entityType: "grievance",
  reportIdOf: (r) => r.reportId,
  effects: {
    review_started: [],
    accepted: [cancelReport, tellDecision("accepted")],
    rejected: [tellDecision("rejected")],
    withdrawn: [],
    closed: [tellClosed],
  },
});

export function moveGrievance(
  tx: Tx,
  move: GrievanceMove,
  input: MoveInput<GrievanceRow, CaseFacts>,
): Promise<GrievanceRow> {
  return transition(tx, grievanceLifecycle, move, input);
}
