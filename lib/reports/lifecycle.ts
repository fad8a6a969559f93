import { and, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { auditEvents, cancellationRequests, grievances, refundRequests, reports, workers } from "@/db/schema";
import { cancellationLifecycle } from "@/lib/cancellations/lifecycle";
import { liveRefund, loadCase, type CaseFacts, type ReportRow } from "@/lib/cases/facts";
import { loadParties, mailBase, notifyEmployer, notifyWorker, workerName } from "@/lib/cases/parties";
import type { CLOSE_CAUSES, NOT_PERMITTED_CAUSES } from "@/lib/cases/templates";
import { grievanceLifecycle } from "@/lib/grievances/lifecycle";
import { refuse } from "@/lib/lifecycle/refusal";
import { bindLifecycle, transition, type Effect, type MoveInput } from "@/lib/lifecycle/transition";
import type { ClosedCause } from "@/lib/admin/templates";
import { appBaseUrl } from "@/lib/app-url";
import { createRefundRequest, moveRefund } from "@/lib/refunds/lifecycle";
import { recordArt4Referrals } from "./record-art4";
import { refundFactsOf } from "./refund-facts";
import { assessRefund } from "./refund-grounds";
import { RULES, reportDraftExpiryDays } from "./settings";
import { closeCause, reportMachine, type ReportMove, type ReportStatus } from "./states";

type ReportEffect = Effect<ReportRow, CaseFacts, ReportMove>;

/**
 * Closes the report's open cancellation request and grievance as no longer needed (issue 10 §1), each through
 * its own lifecycle, so each party is told. Read now, not from the case loaded before the move: the request
 * that caused this move (an accepted cancellation) has already left the open states.
 */
const closeOpenRequests =
  (cause: ClosedCause): ReportEffect =>
  async (tx, ev) => {
    const open = ["submitted", "under_review"] as const;
    const [cancellations, openGrievances] = await Promise.all([
      tx
        .select({ id: cancellationRequests.id })
        .from(cancellationRequests)
        .where(
          and(
            eq(cancellationRequests.reportId, ev.after.id),
            inArray(cancellationRequests.status, [...open]),
          ),
        ),
      tx
        .select({ id: grievances.id })
        .from(grievances)
        .where(and(eq(grievances.reportId, ev.after.id), inArray(grievances.status, [...open]))),
    ]);
    const common = {
      actor: { kind: "system" } as const,
      context: ev.input.context,
      reasonCode: cause,
      now: ev.now,
      appUrl: ev.input.appUrl,
    };
    for (const r of cancellations)
      await transition(tx, cancellationLifecycle, "closed", { ...common, id: r.id });
    for (const g of openGrievances)
      await transition(tx, grievanceLifecycle, "closed", { ...common, id: g.id });
  };

/** Art. 14: an active permit shows that the worker left the workplace; any other status is a recorded fact. */
const markPermitLeft: ReportEffect = async (tx, ev) => {
  await tx
    .update(workers)
    .set({ permitStatus: "left_workplace" })
    .where(and(eq(workers.id, ev.after.workerId), eq(workers.permitStatus, "active")));
};

/**
 * A report approved after staff recorded that the worker already left the country (at their own expense, or
 * deported) has nothing left to stand for: it is closed at once, after the decision is told.
 */
const closeIfWorkerLeft: ReportEffect = async (tx, ev) => {
  const c = await freshCase(tx, ev.after.id, ev.now);
  const cause = closeCause(c);
  if (!cause || cause === "legal_period_ended") return;
  await transition(tx, reportLifecycle, "closed", {
    id: ev.after.id,
    actor: { kind: "system" },
    context: c,
    reasonCode: cause,
    now: ev.now,
    appUrl: ev.input.appUrl,
  });
};

/** The permit goes back to active only from "left workplace" (a cancelled or transferred permit stays so). */
const restorePermit: ReportEffect = async (tx, ev) => {
  await tx
    .update(workers)
    .set({ permitStatus: "active" })
    .where(and(eq(workers.id, ev.after.workerId), eq(workers.permitStatus, "left_workplace")));
};

/** The case as it is now, inside the move's transaction (the report row is already locked). */
async function freshCase(tx: Tx, reportId: string, now: Date): Promise<CaseFacts> {
  const c = await loadCase(tx, reportId, { now });
  if (!c) refuse("not_found");
  return c;
}

/** The rejected report keeps no deposit: a refund request for the paid, untouched deposit, for finance. */
const requestRejectionRefund: ReportEffect = async (tx, ev) => {
  const c = await freshCase(tx, ev.after.id, ev.now);
  const d = c.deposit;
  if (!d || d.status !== "paid" || d.utilisedAt || d.refundedBaisa > 0 || liveRefund(c)) return;
  await createRefundRequest(tx, {
    case: c,
    actor: { kind: "system" },
    ground: "report_rejected",
    requestedBy: ev.after.createdBy,
    appUrl: ev.input.appUrl,
  });
};

/**
 * Issue 10 §4: a deposit paid on a report no longer allowed goes back at once, without the employer asking: the
 * system makes the refund request on ground not_permitted_at_payment and approves it itself. The provider is
 * called after commit (lib/payments/settle.ts); reconciliation retries it until the provider answers.
 */
const refundAtOnce: ReportEffect = async (tx, ev) => {
  const c = await freshCase(tx, ev.after.id, ev.now);
  const d = c.deposit;
  if (!d || d.status !== "paid" || liveRefund(c)) return;
  const request = await createRefundRequest(tx, {
    case: c,
    actor: { kind: "system" },
    ground: "not_permitted_at_payment",
    requestedBy: ev.after.createdBy,
    appUrl: ev.input.appUrl,
  });
  await moveRefund(tx, "approved_automatically", {
    id: request.id,
    actor: { kind: "system" },
    context: await freshCase(tx, ev.after.id, ev.now),
    reasonCode: "not_permitted_at_payment",
    set: { decidedAt: ev.now, decisionReasonCode: "not_permitted_at_payment" },
    now: ev.now,
    appUrl: ev.input.appUrl,
  });
};

/** The employer hears that the report was not submitted, why, and that the deposit is coming back. */
const tellNotPermitted: ReportEffect = async (tx, ev) => {
  const parties = await loadParties(tx, ev.after.id);
  if (!parties) return;
  const c = await freshCase(tx, ev.after.id, ev.now);
  await notifyEmployer(tx, parties, {
    template: "employer.report-not-permitted.email",
    params: {
      reference: parties.report.reference,
      establishmentAr: parties.establishment.nameAr,
      establishmentEn: parties.establishment.nameEn,
      amountBaisa: c.deposit?.amountBaisa ?? ev.after.feeBaisa ?? 0,
      cause: (ev.input.reasonCode ?? "open_report_exists") as (typeof NOT_PERMITTED_CAUSES)[number],
      url: `${ev.input.appUrl ?? appBaseUrl()}/ar/employer/reports/${ev.after.id}`,
    },
  });
};

/**
 * Submission (DOMAIN.md §1, service 5): the worker is told now, SMS always and e-mail when the registry has
 * one, in their language; the employer gets the receipt (to the establishment and the user who filed).
 */
const tellFiled: ReportEffect = async (tx, ev) => {
  const parties = await loadParties(tx, ev.after.id);
  if (!parties) return;
  const base = ev.input.appUrl ?? appBaseUrl();
  const { report, worker, establishment } = parties;
  const names = { establishmentAr: establishment.nameAr, establishmentEn: establishment.nameEn };
  const common = {
    ...names,
    reference: report.reference,
    appUrl: base,
    grievanceDays: RULES.grievanceWindowDays,
  };
  await notifyWorker(
    tx,
    parties,
    { template: "worker.report-filed.sms", params: common },
    {
      template: "worker.report-filed.email",
      params: {
        ...common,
        workerNameAr: worker.nameAr,
        workerNameEn: worker.nameEn,
        lastDayAtWork: report.lastDayAtWork,
      },
    },
  );
  await notifyEmployer(tx, parties, {
    template: "employer.report-submitted.email",
    params: {
      ...names,
      workerNameAr: worker.nameAr,
      workerNameEn: worker.nameEn,
      reference: report.reference,
      amountBaisa: report.feeBaisa ?? 0,
      appUrl: base,
      reportId: report.id,
    },
  });
};

/** Art. 4: the establishment's submitted reports are counted; a referral is made at the thresholds. */
const countArt4: ReportEffect = async (tx, ev) => {
  await recordArt4Referrals(tx, ev.after.establishmentId, ev.now);
};

/** Expired: the employer hears that the report never went anywhere, and how to start again. */
const tellExpired: ReportEffect = async (tx, ev) => {
  const parties = await loadParties(tx, ev.after.id);
  if (!parties) return;
  await notifyEmployer(tx, parties, {
    template: "employer.report-expired.email",
    params: {
      reference: parties.report.reference,
      establishmentAr: parties.establishment.nameAr,
      establishmentEn: parties.establishment.nameEn,
      stage: ev.before.status === "awaiting_payment" ? "awaiting_payment" : "draft",
      days: reportDraftExpiryDays(),
      url: `${ev.input.appUrl ?? appBaseUrl()}/ar/employer/reports/new`,
    },
  });
};

/**
 * Closed (issue 10 §5): the employer hears why, and whether (and until when) the deposit may now be asked back
 * — the end of the legal period opens that ground, which the daily job's e-mail used to announce; the worker
 * gets a short SMS.
 */
const tellClosed: ReportEffect = async (tx, ev) => {
  const parties = await loadParties(tx, ev.after.id);
  if (!parties) return;
  const c = await freshCase(tx, ev.after.id, ev.now);
  const refund = assessRefund(refundFactsOf(c), ev.now);
  const base = ev.input.appUrl ?? appBaseUrl();
  await notifyEmployer(tx, parties, {
    template: "employer.report-closed.email",
    params: {
      reference: parties.report.reference,
      establishmentAr: parties.establishment.nameAr,
      establishmentEn: parties.establishment.nameEn,
      cause: (ev.input.reasonCode ?? "legal_period_ended") as (typeof CLOSE_CAUSES)[number],
      refundAvailable: refund.offered,
      refundUntil:
        refund.offered && refund.grounds.includes("legal_period_ended") ? refund.refundClaimUntil : null,
      url: `${base}/ar/employer/reports/${ev.after.id}`,
    },
  });
  await notifyWorker(
    tx,
    parties,
    { template: "worker.report-closed.sms", params: { reference: parties.report.reference, url: base } },
    null,
  );
};

/** Both parties hear a reviewer's decision, with the reason; the worker's message gives the deadline. */
const tellDecision =
  (outcome: "approved" | "rejected"): ReportEffect =>
  async (tx, ev) => {
    const parties = await loadParties(tx, ev.after.id);
    if (!parties) return;
    const url = ev.input.appUrl ?? appBaseUrl();
    const base = mailBase(parties, ev.input.reasonCode ?? "other", ev.input.note ?? null, url);
    const deadline = outcome === "approved" ? ev.after.grievanceDeadline : null;
    let refundRequested = false;
    if (outcome === "rejected") {
      const [r] = await tx
        .select({ id: refundRequests.id })
        .from(refundRequests)
        .where(and(eq(refundRequests.reportId, ev.after.id), eq(refundRequests.ground, "report_rejected")));
      refundRequested = Boolean(r);
    }
    await notifyWorker(
      tx,
      parties,
      { template: "worker.report-decided.sms", params: { ...base, outcome, deadline } },
      {
        template: "worker.report-decided.email",
        params: { ...base, outcome, deadline, name: workerName(parties) },
      },
    );
    await notifyEmployer(tx, parties, {
      template: "employer.report-decided.email",
      params: { ...base, outcome, deadline, refundRequested },
    });
  };

/**
 * Reopening a decision (issue 10 §14) undoes what the decision fixed: the decision's dates and decider (the
 * grievance deadline, the legal period, the last refund-claim day), so deadlines, reminders and refund grounds
 * no longer run from a decision that stands no more.
 */
const undoDecision: ReportEffect = async (tx, ev) => {
  await tx
    .update(reports)
    .set({
      decidedAt: null,
      decidedBy: null,
      approvedAt: null,
      grievanceDeadline: null,
      legalPeriodEnds: null,
      refundClaimUntil: null,
    })
    .where(eq(reports.id, ev.after.id));
};

/**
 * The permit goes back to what it was before the approval, only when the approval changed it (Art. 14: an
 * active permit became left_workplace). The approval's audit event recorded the status it found.
 */
const undoApprovalPermit: ReportEffect = async (tx, ev) => {
  if (ev.before.status !== "approved") return;
  const [approval] = await tx
    .select({ after: auditEvents.after })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, "report"),
        eq(auditEvents.entityId, ev.after.id),
        eq(auditEvents.action, "report.approved"),
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(1);
  const before = (approval?.after as { permitStatusBefore?: string } | null)?.permitStatusBefore;
  if (before !== "active") return;
  await restorePermit(tx, ev);
};

/** The reason code with which a reopening closes the rejection's refund request. */
export const REPORT_REOPENED_REASON = "report_reopened";

/**
 * A rejection asked for the deposit back on the employer's behalf; reopening it closes that request while
 * finance has not executed it yet (the guard, reopenBlocker, refuses once it is approved or paid out). The
 * refund request ends `rejected` with the reason `report_reopened`, recorded in its history and the audit log.
 */
const closeRejectionRefund: ReportEffect = async (tx, ev) => {
  if (ev.before.status !== "rejected") return;
  const open = await tx
    .select({ id: refundRequests.id })
    .from(refundRequests)
    .where(
      and(
        eq(refundRequests.reportId, ev.after.id),
        eq(refundRequests.ground, "report_rejected"),
        eq(refundRequests.status, "submitted"),
      ),
    );
  for (const r of open)
    await moveRefund(tx, "closed", {
      id: r.id,
      actor: { kind: "system" },
      context: ev.input.context,
      reasonCode: REPORT_REOPENED_REASON,
      set: { decidedAt: ev.now, decisionReasonCode: REPORT_REOPENED_REASON },
      audit: { reportId: ev.after.id },
      now: ev.now,
    });
};

/** Both parties hear that the decision was reopened, why, and that a new decision will follow. */
const tellReopened: ReportEffect = async (tx, ev) => {
  const parties = await loadParties(tx, ev.after.id);
  if (!parties) return;
  const url = ev.input.appUrl ?? appBaseUrl();
  const base = mailBase(parties, ev.input.reasonCode ?? "other", ev.input.note ?? null, url);
  const previous = ev.before.status === "approved" ? "approved" : "rejected";
  const [closed] = await tx
    .select({ id: refundRequests.id })
    .from(refundRequests)
    .where(
      and(
        eq(refundRequests.reportId, ev.after.id),
        eq(refundRequests.decisionReasonCode, REPORT_REOPENED_REASON),
        eq(refundRequests.decidedAt, ev.now),
      ),
    );
  await notifyWorker(
    tx,
    parties,
    { template: "worker.report-reopened.sms", params: { reference: base.reference, url } },
    {
      template: "worker.report-reopened.email",
      params: { ...base, previous, name: workerName(parties) },
    },
  );
  await notifyEmployer(tx, parties, {
    template: "employer.report-reopened.email",
    params: { ...base, previous, refundClosed: Boolean(closed) },
  });
};

/**
 * The report's lifecycle bound to its table. Each move's consequences are listed here, next to the table
 * (lib/reports/states.ts), and nowhere else: a caller moves the report and gets every consequence.
 */
export const reportLifecycle = bindLifecycle<ReportStatus, ReportMove, CaseFacts, ReportRow>({
  machine: reportMachine,
  table: reports as never,
  history: "report_events",
  entityType: "report",
  reportIdOf: (r) => r.id,
  effects: {
    sent_to_payment: [],
    returned_to_draft: [],
    submitted: [tellFiled, countArt4],
    not_permitted: [refundAtOnce, tellNotPermitted],
    approved: [markPermitLeft, tellDecision("approved"), closeIfWorkerLeft],
    rejected: [closeOpenRequests("report_rejected"), requestRejectionRefund, tellDecision("rejected")],
    // The parties are told by the decision that cancels it (the cancellation's or the grievance's messages).
    cancelled: [closeOpenRequests("report_cancelled"), restorePermit],
    closed: [closeOpenRequests("report_closed"), tellClosed],
    expired: [tellExpired],
    discarded: [],
    reopened: [undoDecision, undoApprovalPermit, closeRejectionRefund, tellReopened],
  },
});

/** Moves a report (lib/lifecycle/transition.ts does the checks, the history, the audit and the consequences). */
export function moveReport(
  tx: Tx,
  move: ReportMove,
  input: MoveInput<ReportRow, CaseFacts>,
): Promise<ReportRow> {
  return transition(tx, reportLifecycle, move, input);
}
