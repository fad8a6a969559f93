import { eq } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { deposits, reports } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { loadCase } from "@/lib/cases/facts";
import { moveDeposit, settleReportOfPaidDeposit, type ReportOutcome } from "@/lib/deposits/lifecycle";
import { isPaidDeposit, type Deposit } from "@/lib/deposits/states";
import { isUuid } from "@/lib/ids";
import { log } from "@/lib/log";
import { recordPaymentEvent } from "./events";
import { sendAutomaticRefunds } from "./refunds";
import { STRIPE_CURRENCY } from "./stripe";
import type { CheckoutSession, ProviderKind } from "./types";
import { appBaseUrl } from "@/lib/app-url";

/**
 * The one place where a payment's outcome changes our data, whichever provider reported it (a Stripe webhook,
 * the local test gateway, the employer's return from checkout, or reconciliation). Every change is a move of
 * the deposit's lifecycle (lib/deposits), whose consequences do the rest in the same transaction:
 *
 * - paid: the deposit's `paid` move; every filing rule is then checked again (issue 10 §4) and the report is
 *   submitted (the worker and the employer told, Art. 4 counted) — or, when it is no longer allowed, takes its
 *   `not_permitted` move: the system asks for the deposit back and approves it, and after the commit the
 *   refund is sent to the provider (reconciliation retries it);
 * - failed / expired: the deposit's move of that name (the employer is told); the report stays
 *   `awaiting_payment`, so the employer can pay again (with a new deposit).
 *
 * Every call locks the report first and then the deposit (the order of every use case on a case), and every
 * move is conditional on the state it found, so the same outcome reported twice, or two reports of it at once,
 * change things once.
 */
export type SettleSource = "webhook" | "local_gateway" | "reconcile" | "return";

export type SettleOptions = {
  source: SettleSource;
  /** A provider event to record as processed, in the same transaction (its id is unique). */
  event?: { provider: ProviderKind; id: string; type: string };
  /** Base of the links in the messages; APP_URL wins when set. */
  appUrl?: string | null;
};

export type SettleOutcome =
  | "no_deposit"
  | "duplicate_event"
  | "pending"
  | "paid"
  | "already_paid"
  | "failed"
  | "expired"
  | "already_closed"
  | "anomaly";

export type SettleResult = {
  outcome: SettleOutcome;
  depositId: string | null;
  reportSubmitted: boolean;
  /** The payment settled on a report no longer allowed: the deposit is being refunded. */
  reportNotPermitted?: boolean;
};

/** The deposit a checkout session belongs to (not locked: the caller locks the report, then the deposit). */
async function findDepositForSession(tx: Tx, session: CheckoutSession): Promise<Deposit | null> {
  if (session.depositId && isUuid(session.depositId)) {
    const [d] = await tx.select().from(deposits).where(eq(deposits.id, session.depositId));
    if (d && (d.providerSessionId === null || d.providerSessionId === session.sessionId)) return d;
    if (d)
      log.error(
        { depositId: d.id, sessionId: session.sessionId },
        "payment session does not belong to the deposit named in its metadata",
      );
    return null;
  }
  const [d] = await tx.select().from(deposits).where(eq(deposits.providerSessionId, session.sessionId));
  return d ?? null;
}

async function lockDeposit(tx: Tx, id: string): Promise<Deposit | null> {
  const [d] = await tx.select().from(deposits).where(eq(deposits.id, id)).for("update");
  return d ?? null;
}

/** After the commit: an automatic refund (a payment on a report no longer allowed) goes to the provider now. */
async function afterCommit(result: SettleResult): Promise<SettleResult> {
  if (result.reportNotPermitted && result.depositId) await sendAutomaticRefunds(result.depositId);
  return result;
}

const reportResult = (outcome: ReportOutcome) => ({
  reportSubmitted: outcome === "submitted",
  reportNotPermitted: outcome === "not_permitted",
});

/** Applies what the provider says about a checkout session. */
export async function settleCheckout(session: CheckoutSession, opts: SettleOptions): Promise<SettleResult> {
  const base = opts.appUrl || appBaseUrl();
  const result = await db.transaction(async (tx): Promise<SettleResult> => {
    if (opts.event && !(await recordPaymentEvent(tx, opts.event))) {
      return { outcome: "duplicate_event", depositId: null, reportSubmitted: false };
    }
    const found = await findDepositForSession(tx, session);
    if (!found) {
      log.warn({ sessionId: session.sessionId, source: opts.source }, "payment session without a deposit");
      return { outcome: "no_deposit", depositId: null, reportSubmitted: false };
    }
    const now = new Date();
    const c = await loadCase(tx, found.reportId, { lock: true, now });
    const deposit = await lockDeposit(tx, found.id);
    if (!c || !deposit) return { outcome: "no_deposit", depositId: null, reportSubmitted: false };
    const result = (outcome: SettleOutcome, report: ReportOutcome = null): SettleResult => ({
      outcome,
      depositId: deposit.id,
      ...reportResult(report),
    });
    const facts = {
      source: opts.source,
      sessionId: session.sessionId,
      eventId: opts.event?.id ?? null,
    };
    const anomaly = (action: string, after: Record<string, unknown>) =>
      recordAudit(tx, {
        actor: { kind: "system" },
        action,
        entityType: "deposit",
        entityId: deposit.id,
        before: { status: deposit.status },
        after: { ...after, ...facts },
      });
    // The provider id was not saved when the session was created (a crash between the two): save it now.
    const sessionFix = deposit.providerSessionId === null ? { providerSessionId: session.sessionId } : {};
    const move = { id: deposit.id, actor: { kind: "system" } as const, context: c, now, appUrl: base };

    switch (session.state) {
      case "open":
      case "processing":
        return result("pending");

      case "paid": {
        if (deposit.status === "failed" || deposit.status === "expired") {
          // Providers do not take money on a failed or expired session; if one ever says so, staff must look.
          log.error(
            { depositId: deposit.id, sessionId: session.sessionId },
            "payment reported for a closed deposit",
          );
          await anomaly("deposit.payment_after_close", {
            status: deposit.status,
            paymentId: session.paymentId,
          });
          return result("anomaly");
        }
        if (deposit.status !== "pending") {
          // Paid before: finish the report if it still waits (its move may have failed then).
          return result(
            "already_paid",
            await settleReportOfPaidDeposit(tx, deposit, { now, source: opts.source, appUrl: base }),
          );
        }
        if (session.amountBaisa !== deposit.amountBaisa || session.currency !== STRIPE_CURRENCY) {
          log.error(
            {
              depositId: deposit.id,
              expected: deposit.amountBaisa,
              got: session.amountBaisa,
              currency: session.currency,
            },
            "paid amount differs from the deposit",
          );
          await anomaly("deposit.amount_mismatch", {
            amountBaisa: session.amountBaisa,
            currency: session.currency,
          });
          return result("anomaly");
        }
        await moveDeposit(tx, "paid", {
          ...move,
          reasonCode: "provider_paid",
          set: { ...sessionFix, paidAt: now, providerPaymentId: session.paymentId },
          audit: { ...facts, amountBaisa: deposit.amountBaisa, paymentId: session.paymentId },
        });
        const [after] = await tx
          .select({ status: reports.status, submittedAt: reports.submittedAt })
          .from(reports)
          .where(eq(reports.id, deposit.reportId));
        return result(
          "paid",
          after?.status === "submitted" ? "submitted" : after?.status === "rejected" ? "not_permitted" : null,
        );
      }

      case "failed":
      case "expired": {
        if (deposit.status !== "pending") return result("already_closed");
        const to = session.state;
        await moveDeposit(tx, to, {
          ...move,
          reasonCode: session.failureReason ?? (to === "expired" ? "session_expired" : "payment_failed"),
          set: {
            ...sessionFix,
            failureReason: session.failureReason ?? (to === "expired" ? "session_expired" : "payment_failed"),
          },
          audit: { ...facts, reason: session.failureReason },
        });
        return result(to);
      }
    }
  });
  return afterCommit(result);
}

/**
 * For a deposit already paid whose report is still awaiting payment (the report's move failed, or the report
 * was elsewhere when the money came): submits the report now — or refuses it, refunding the deposit. Used by
 * reconciliation and the pay page.
 */
export async function settlePaidDeposit(depositId: string, opts: SettleOptions): Promise<SettleResult> {
  const result = await db.transaction(async (tx): Promise<SettleResult> => {
    const [found] = await tx.select().from(deposits).where(eq(deposits.id, depositId));
    if (!found) return { outcome: "no_deposit", depositId: null, reportSubmitted: false };
    const now = new Date();
    await loadCase(tx, found.reportId, { lock: true, now });
    const d = await lockDeposit(tx, depositId);
    if (!d || !isPaidDeposit(d.status)) return { outcome: "pending", depositId, reportSubmitted: false };
    const report = await settleReportOfPaidDeposit(tx, d, {
      now,
      source: opts.source,
      appUrl: opts.appUrl || appBaseUrl(),
    });
    return { outcome: "already_paid", depositId, ...reportResult(report) };
  });
  return afterCommit(result);
}
