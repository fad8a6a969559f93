import type { Tx } from "@/db";
import { deposits } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { loadCase, type CaseFacts } from "@/lib/cases/facts";
import { loadParties, notifyEmployer } from "@/lib/cases/parties";
import { bindLifecycle, transition, type Effect, type MoveInput } from "@/lib/lifecycle/transition";
import { log } from "@/lib/log";
import { appBaseUrl } from "@/lib/app-url";
import { moveReport } from "@/lib/reports/lifecycle";
import { filingBlocker } from "@/lib/reports/states";
import { addDays, muscatDate } from "@/lib/time";
import { reportDraftExpiryDays } from "@/lib/reports/settings";
import { depositMachine, type Deposit, type DepositMove, type DepositStatus } from "./states";

type DepositEffect = Effect<Deposit, CaseFacts, DepositMove>;

const entityOf = (row: Deposit) => ({ type: "deposit", id: row.id });

/** What a paid deposit did to its report. */
export type ReportOutcome = "submitted" | "not_permitted" | null;

/**
 * The report side of a paid deposit, in the caller's transaction (the report's row is locked): every filing
 * rule is checked again as of `now` (issue 10 §4). Still permitted → the report's `submitted` move (the
 * worker is told, the employer gets a receipt, Art. 4 is counted); no longer permitted → its `not_permitted`
 * move, which refunds the deposit at once and tells the employer why. Nothing happens (null) unless the report
 * awaits exactly this payment.
 */
export async function settleReportOfPaidDeposit(
  tx: Tx,
  deposit: Deposit,
  opts: { now: Date; source: string; appUrl?: string },
): Promise<ReportOutcome> {
  const c = await loadCase(tx, deposit.reportId, { lock: true, now: opts.now });
  if (!c) return null;
  const report = c.report;
  if (report.status !== "awaiting_payment") {
    // A paid deposit always finds its report awaiting payment (no report leaves that state while a payment is
    // under way); anything else is for staff to look at.
    log.warn(
      { reportId: report.id, depositId: deposit.id, status: report.status },
      "paid deposit, report elsewhere",
    );
    return null;
  }
  if (report.feeBaisa !== deposit.amountBaisa) {
    log.error(
      { reportId: report.id, depositId: deposit.id, fee: report.feeBaisa, paid: deposit.amountBaisa },
      "paid deposit differs from the report's fee",
    );
    await recordAudit(tx, {
      actor: { kind: "system" },
      action: "report.fee_mismatch",
      entityType: "report",
      entityId: report.id,
      after: { feeBaisa: report.feeBaisa, paidBaisa: deposit.amountBaisa, depositId: deposit.id },
    });
    return null;
  }
  const common = {
    id: report.id,
    actor: { kind: "system" } as const,
    context: c,
    now: opts.now,
    appUrl: opts.appUrl,
  };
  const blocker = filingBlocker(c);
  if (blocker) {
    await moveReport(tx, "not_permitted", {
      ...common,
      reasonCode: blocker.code,
      audit: { depositId: deposit.id, source: opts.source, refusal: blocker },
    });
    return "not_permitted";
  }
  await moveReport(tx, "submitted", {
    ...common,
    reasonCode: "deposit_paid",
    set: { submittedAt: opts.now },
    audit: { depositId: deposit.id, source: opts.source },
  });
  return "submitted";
}

const settleReport: DepositEffect = async (tx, ev) => {
  await settleReportOfPaidDeposit(tx, ev.after, {
    now: ev.now,
    source: String(ev.input.audit?.source ?? "unknown"),
    appUrl: ev.input.appUrl,
  });
};

/**
 * Issue 10 §12: a payment that failed or expired is told to the employer, with what to do: the report still
 * awaits payment and may be paid again until it expires.
 */
const tellPaymentNotCompleted =
  (outcome: "failed" | "expired"): DepositEffect =>
  async (tx, ev) => {
    const parties = await loadParties(tx, ev.after.reportId);
    if (!parties) return;
    const base = ev.input.appUrl ?? appBaseUrl();
    const lastChange = muscatDate(parties.report.updatedAt);
    await notifyEmployer(
      tx,
      parties,
      {
        template: "employer.payment-not-completed.email",
        params: {
          reference: parties.report.reference,
          establishmentAr: parties.establishment.nameAr,
          establishmentEn: parties.establishment.nameEn,
          amountBaisa: ev.after.amountBaisa,
          outcome,
          payUntil: addDays(lastChange, reportDraftExpiryDays()),
          url: `${base}/ar/employer/reports/${parties.report.id}/pay`,
        },
      },
      entityOf(ev.after),
    );
  };

/** Issue 10 §12: the employer hears that the deposit paid for the worker's ticket. */
const tellUtilised: DepositEffect = async (tx, ev) => {
  const parties = await loadParties(tx, ev.after.reportId);
  if (!parties) return;
  await notifyEmployer(
    tx,
    parties,
    {
      template: "employer.deposit-utilised.email",
      params: {
        reference: parties.report.reference,
        establishmentAr: parties.establishment.nameAr,
        establishmentEn: parties.establishment.nameEn,
        amountBaisa: ev.after.amountBaisa,
        url: `${ev.input.appUrl ?? appBaseUrl()}/ar/employer/reports/${parties.report.id}`,
      },
    },
    entityOf(ev.after),
  );
};

/**
 * The deposit's lifecycle bound to its table (lib/deposits/states.ts). Every change of a deposit's status goes
 * through moveDeposit: settlement (webhook, return, local gateway, reconciliation), the retirement of a lost
 * checkout, finance's utilisation and the provider's refund.
 */
export const depositLifecycle = bindLifecycle<DepositStatus, DepositMove, CaseFacts, Deposit>({
  machine: depositMachine,
  table: deposits as never,
  history: "lifecycle_events",
  entityType: "deposit",
  reportIdOf: (d) => d.reportId,
  effects: {
    paid: [settleReport],
    failed: [tellPaymentNotCompleted("failed")],
    expired: [tellPaymentNotCompleted("expired")],
    retired: [],
    utilised: [tellUtilised],
    // The employer hears it from the refund request's own move (lib/refunds/lifecycle.ts).
    refunded: [],
  },
});

export function moveDeposit(
  tx: Tx,
  move: DepositMove,
  input: MoveInput<Deposit, CaseFacts>,
): Promise<Deposit> {
  return transition(tx, depositLifecycle, move, input);
}
