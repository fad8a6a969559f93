import type { Tx } from "@/db";
import { cancellationRequests } from "@/db/schema";
import type { CancellationRow, CaseFacts } from "@/lib/cases/facts";
import { loadParties, mailBase, notifyEmployer, notifyWorker, workerName } from "@/lib/cases/parties";
import { bindLifecycle, transition, type Effect, type MoveInput } from "@/lib/lifecycle/transition";
import type { ClosedCause } from "@/lib/admin/templates";
import { appBaseUrl } from "@/lib/app-url";
import { reportLifecycle } from "@/lib/reports/lifecycle";
import { cancellationMachine, type CancellationMove, type CancellationStatus } from "./states";

/** The reason code on the report's move to `cancelled` when the employer's request was accepted. */
export const CANCELLATION_ACCEPTED_REASON = "cancellation_accepted";

type CancellationEffect = Effect<CancellationRow, CaseFacts, CancellationMove>;

const entityOf = (row: CancellationRow) => ({ type: "cancellation_request", id: row.id });

/** Accepting the request cancels the report, through the report's own lifecycle and its consequences. */
const cancelReport: CancellationEffect = async (tx, ev) => {
  await transition(tx, reportLifecycle, "cancelled", {
    id: ev.after.reportId,
    actor: ev.input.actor,
    context: ev.input.context,
    reasonCode: CANCELLATION_ACCEPTED_REASON,
    note: ev.input.note,
    set: { decidedAt: ev.now },
    now: ev.now,
    appUrl: ev.input.appUrl,
  });
};

const tellDecision =
  (outcome: "accepted" | "rejected"): CancellationEffect =>
  async (tx, ev) => {
    const parties = await loadParties(tx, ev.after.reportId);
    if (!parties) return;
    const url = ev.input.appUrl ?? appBaseUrl();
    const base = mailBase(parties, ev.input.reasonCode ?? "other", ev.input.note ?? null, url);
    await notifyEmployer(tx, parties, {
      template: "employer.cancellation-decided.email",
      params: { ...base, outcome },
    });
    // The worker never saw the request; they are told only when the report stops applying to them — by SMS
    // and, when the registry has an address, e-mail (issue 10 §12).
    if (outcome === "accepted")
      await notifyWorker(
        tx,
        parties,
        { template: "worker.report-cancelled.sms", params: base },
        {
          template: "worker.report-cancelled.email",
          params: {
            reference: base.reference,
            establishmentAr: base.establishmentAr,
            establishmentEn: base.establishmentEn,
            name: workerName(parties),
            url,
          },
        },
      );
  };

const tellClosed: CancellationEffect = async (tx, ev) => {
  const parties = await loadParties(tx, ev.after.reportId);
  if (!parties) return;
  await notifyEmployer(
    tx,
    parties,
    {
      template: "employer.cancellation-closed.email",
      params: {
        reference: parties.report.reference,
        establishmentAr: parties.establishment.nameAr,
        establishmentEn: parties.establishment.nameEn,
        cause: (ev.input.reasonCode ?? "report_closed") as ClosedCause,
        url: ev.input.appUrl ?? appBaseUrl(),
      },
    },
    entityOf(ev.after),
  );
};

export const cancellationLifecycle = bindLifecycle<
  CancellationStatus,
  CancellationMove,
  CaseFacts,
  CancellationRow
>({
  machine: cancellationMachine,
  table: cancellationRequests as never,
  history: "lifecycle_events",
  entityType: "cancellation_request",
  reportIdOf: (r) => r.reportId,
  effects: {
    review_started: [],
    accepted: [cancelReport, tellDecision("accepted")],
    rejected: [tellDecision("rejected")],
    withdrawn: [],
    closed: [tellClosed],
  },
});

export function moveCancellation(
  tx: Tx,
  move: CancellationMove,
  input: MoveInput<CancellationRow, CaseFacts>,
): Promise<CancellationRow> {
  return transition(tx, cancellationLifecycle, move, input);
}
