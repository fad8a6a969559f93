import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { deposits, refundRequests } from "@/db/schema";
import { loadCase, type CaseFacts } from "@/lib/cases/facts";
import { activeEmployerEmail, loadParties, notifyEmployer, notifyStaff } from "@/lib/cases/parties";
import { moveDeposit } from "@/lib/deposits/lifecycle";
import type { ActorRef } from "@/lib/lifecycle/machine";
import { refuse } from "@/lib/lifecycle/refusal";
import {
  assertMayCreate,
  bindLifecycle,
  recordCreation,
  transition,
  type Effect,
  type MoveInput,
} from "@/lib/lifecycle/transition";
import { recordAudit } from "@/lib/audit/record";
import { log } from "@/lib/log";
import { appBaseUrl } from "@/lib/app-url";
import type { RefundReason } from "@/lib/admin/refunds/reasons";
import type { RefundGround } from "@/lib/reports/refund-grounds";
import { refundMachine, type RefundMove, type RefundRow, type RefundStatus } from "./states";

type RefundEffect = Effect<RefundRow, CaseFacts, RefundMove>;

const entityOf = (row: RefundRow) => ({ type: "refund_request", id: row.id });
const reportUrl = (base: string, reportId: string) => `${base}/ar/employer/reports/${reportId}`;

/** Who hears about a request (the establishment, the filer and the user who asked) and what every message says. */
async function audienceOf(tx: Tx, row: RefundRow, appUrl: string | undefined) {
  const parties = await loadParties(tx, row.reportId);
  if (!parties) return null;
  return {
    parties,
    also: [await activeEmployerEmail(tx, row.requestedBy)],
    base: {
      establishmentAr: parties.establishment.nameAr,
      establishmentEn: parties.establishment.nameEn,
      reference: parties.report.reference,
      amountBaisa: row.amountBaisa,
      url: reportUrl(appUrl ?? appBaseUrl(), row.reportId),
    },
  };
}

const tellDecision =
  (decision: "approved" | "rejected"): RefundEffect =>
  async (tx, ev) => {
    const to = await audienceOf(tx, ev.after, ev.input.appUrl);
    if (!to) return;
    await notifyEmployer(
      tx,
      to.parties,
      {
        template: "employer.refund-decided",
        params: {
          ...to.base,
          decision,
          reasonCode: ev.after.decisionReasonCode as RefundReason,
          note: ev.after.decisionNote,
        },
      },
      entityOf(ev.after),
      to.also,
    );
  };

const tellOutcome =
  (outcome: "refunded" | "failed"): RefundEffect =>
  async (tx, ev) => {
    const to = await audienceOf(tx, ev.after, ev.input.appUrl);
    if (!to) return;
    await notifyEmployer(
      tx,
      to.parties,
      {
        template: "employer.refund-outcome",
        params: { ...to.base, outcome, failureReason: ev.after.failureReason },
      },
      entityOf(ev.after),
      to.also,
    );
  };

/** The money went back: the deposit takes its own `refunded` move (its guard: still held, never used). */
const refundDeposit: RefundEffect = async (tx, ev) => {
  const c = await loadCase(tx, ev.after.reportId, { lock: true, now: ev.now });
  if (!c) refuse("not_found");
  const [deposit] = await tx.select().from(deposits).where(eq(deposits.id, ev.after.depositId)).for("update");
  if (!deposit) refuse("not_found");
  if (deposit.status !== "paid") {
    // The provider says the money went back, so the request is refunded whatever we hold; a deposit that is
    // not held (used meanwhile) cannot also be refunded (deposits_refund_not_utilised): staff must look.
    log.error(
      { depositId: deposit.id, status: deposit.status, refundRequestId: ev.after.id },
      "refund succeeded for a deposit that is not held",
    );
    return;
  }
  await moveDeposit(tx, "refunded", {
    id: deposit.id,
    actor: { kind: "system" },
    context: c,
    reasonCode: "refund_confirmed",
    set: { refundedBaisa: deposit.refundedBaisa + ev.after.amountBaisa, refundedAt: ev.now },
    audit: { refundRequestId: ev.after.id, providerRefundId: ev.after.providerRefundId },
    now: ev.now,
  });
};

/**
 * The refund request's lifecycle bound to refund_requests. The provider's refund itself is sent after the
 * transaction commits (a payment provider is never called inside one): by the finance decision
 * (lib/admin/refunds/decide.ts), by settlement for an automatic refund (lib/payments/settle.ts) and by
 * reconciliation for any approved request still unanswered (lib/payments/reconcile.ts).
 */
export const refundLifecycle = bindLifecycle<RefundStatus, RefundMove, CaseFacts, RefundRow>({
  machine: refundMachine,
  table: refundRequests as never,
  history: "lifecycle_events",
  entityType: "refund_request",
  reportIdOf: (r) => r.reportId,
  effects: {
    approved: [tellDecision("approved")],
    // The employer is told by the report's not_permitted move, which caused it.
    approved_automatically: [],
    rejected: [tellDecision("rejected")],
    closed: [],
    refunded: [refundDeposit, tellOutcome("refunded")],
    failed: [tellOutcome("failed")],
  },
});

export function moveRefund(
  tx: Tx,
  move: RefundMove,
  input: MoveInput<RefundRow, CaseFacts>,
): Promise<RefundRow> {
  return transition(tx, refundLifecycle, move, input);
}

/**
 * Creates a refund request for the case's live deposit (the whole amount: a deposit is refunded at most once),
 * checked by the lifecycle's creation rule, with its history row and audit event; an employer's request also
 * sends the employer a receipt and alerts finance. The caller holds the report's lock (loadCase with lock).
 * `refund_one_live_per_deposit` refuses a second live request whatever happens here.
 */
export async function createRefundRequest(
  tx: Tx,
  input: {
    case: CaseFacts;
    actor: ActorRef;
    ground: RefundGround;
    /** The employer user who asked, or (for the system's own requests) the user who filed the report. */
    requestedBy: string;
    ip?: string | null;
    appUrl?: string;
  },
): Promise<RefundRow> {
  const c = input.case;
  assertMayCreate(refundMachine, input.actor, c);
  const deposit = c.deposit;
  if (!deposit || deposit.status !== "paid") refuse("no_paid_deposit");
  const [live] = await tx
    .select({ id: refundRequests.id })
    .from(refundRequests)
    .where(
      and(
        eq(refundRequests.depositId, deposit.id),
        inArray(refundRequests.status, ["submitted", "approved", "refunded"]),
      ),
    );
  if (live) refuse("refund_requested");
  const amountBaisa = deposit.amountBaisa - deposit.refundedBaisa;
  const [row] = await tx
    .insert(refundRequests)
    .values({
      reportId: c.report.id,
      depositId: deposit.id,
      ground: input.ground,
      amountBaisa,
      requestedBy: input.requestedBy,
    })
    .returning();
  const created = row!;
  await recordCreation(tx, {
    machine: refundMachine,
    id: created.id,
    reportId: c.report.id,
    status: "submitted",
    actor: input.actor,
    reasonCode: input.ground,
    at: c.now,
  });
  const byEmployer = input.actor.kind === "employer";
  await recordAudit(tx, {
    actor: { kind: input.actor.kind, id: input.actor.kind === "system" ? null : input.actor.id },
    action: byEmployer ? "report.refund_requested" : "refund.requested_by_system",
    entityType: "refund_request",
    entityId: created.id,
    after: {
      reportId: c.report.id,
      reference: c.report.reference,
      depositId: deposit.id,
      ground: input.ground,
      amountBaisa,
    },
    ip: input.ip ?? null,
  });
  const to = byEmployer ? await audienceOf(tx, created, input.appUrl) : null;
  if (to) {
    await notifyEmployer(
      tx,
      to.parties,
      { template: "employer.refund-requested.email", params: { ...to.base, ground: input.ground } },
      entityOf(created),
      to.also,
    );
    await notifyStaff(
      tx,
      ["finance"],
      {
        template: "staff.refund-requested.email",
        params: {
          ...to.base,
          ground: input.ground,
          url: `${input.appUrl ?? appBaseUrl()}/ar/admin/refunds/${created.id}`,
        },
      },
      entityOf(created),
    );
  }
  return created;
}
