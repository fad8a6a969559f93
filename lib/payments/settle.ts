import { eq } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { deposits, employerUsers, establishments, paymentEvents, reports, workers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { log } from "@/lib/log";
import { notify } from "@/lib/notifications/notify";
import { recordArt4Referrals } from "@/lib/reports/record-art4";
import { RULES } from "@/lib/reports/settings";
import { loadCase } from "@/lib/cases/facts";
import { moveReport } from "@/lib/reports/lifecycle";
import { PAID_DEPOSIT_STATUSES, transitionDeposit, type Deposit } from "./deposit-states";
import { STRIPE_CURRENCY } from "./stripe";
import type { CheckoutSession, ProviderKind } from "./types";
import { appUrl } from "./urls";

/**
 * The one place where a payment's outcome changes our data, whichever provider reported it (a Stripe webhook,
 * the local test gateway, the employer's return from checkout, or reconciliation):
 *
 * - paid: the deposit becomes `paid` and, in the same transaction, the report `awaiting_payment → submitted`,
 *   the worker's and the employer's messages are recorded in the outbox, and Art. 4 is checked;
 * - failed / expired: the deposit becomes `failed` / `expired`; the report stays `awaiting_payment`, so the
 *   employer can pay again (with a new deposit).
 *
 * Every call takes the deposit's row lock first (`select … for update`), and every change is conditional on
 * the state it found, so the same outcome reported twice, or two reports of it at once, change things once.
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

export type SettleResult = { outcome: SettleOutcome; depositId: string | null; reportSubmitted: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records a provider event id once; false when it was already there (a replay, or a concurrent delivery). */
export async function recordPaymentEvent(
  tx: Tx,
  event: { provider: ProviderKind; id: string; type: string },
): Promise<boolean> {
  const rows = await tx
    .insert(paymentEvents)
    .values({ provider: event.provider, eventId: event.id, type: event.type })
    .onConflictDoNothing({ target: paymentEvents.eventId })
    .returning({ id: paymentEvents.id });
  return rows.length > 0;
}

async function lockDepositForSession(tx: Tx, session: CheckoutSession): Promise<Deposit | null> {
  if (session.depositId && UUID.test(session.depositId)) {
    const [d] = await tx.select().from(deposits).where(eq(deposits.id, session.depositId)).for("update");
    if (d && (d.providerSessionId === null || d.providerSessionId === session.sessionId)) return d;
    if (d)
      log.error(
        { depositId: d.id, sessionId: session.sessionId },
        "payment session does not belong to the deposit named in its metadata",
      );
    return null;
  }
  const [d] = await tx
    .select()
    .from(deposits)
    .where(eq(deposits.providerSessionId, session.sessionId))
    .for("update");
  return d ?? null;
}

/** Applies what the provider says about a checkout session. */
export async function settleCheckout(session: CheckoutSession, opts: SettleOptions): Promise<SettleResult> {
  return db.transaction(async (tx) => {
    if (opts.event && !(await recordPaymentEvent(tx, opts.event))) {
      return { outcome: "duplicate_event", depositId: null, reportSubmitted: false };
    }
    const deposit = await lockDepositForSession(tx, session);
    if (!deposit) {
      log.warn({ sessionId: session.sessionId, source: opts.source }, "payment session without a deposit");
      return { outcome: "no_deposit", depositId: null, reportSubmitted: false };
    }
    const result = (outcome: SettleOutcome, reportSubmitted = false): SettleResult => ({
      outcome,
      depositId: deposit.id,
      reportSubmitted,
    });
    const audit = (action: string, after: Record<string, unknown>) =>
      recordAudit(tx, {
        actor: { kind: "system" },
        action,
        entityType: "deposit",
        entityId: deposit.id,
        before: { status: deposit.status },
        after: {
          ...after,
          source: opts.source,
          sessionId: session.sessionId,
          eventId: opts.event?.id ?? null,
        },
      });
    // The provider id was not saved when the session was created (a crash between the two): save it now.
    const sessionFix = deposit.providerSessionId === null ? { providerSessionId: session.sessionId } : {};

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
          await audit("deposit.payment_after_close", {
            status: deposit.status,
            paymentId: session.paymentId,
          });
          return result("anomaly");
        }
        let paid = deposit;
        if (deposit.status === "pending") {
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
            await audit("deposit.amount_mismatch", {
              amountBaisa: session.amountBaisa,
              currency: session.currency,
            });
            return result("anomaly");
          }
          const moved = await transitionDeposit(tx, {
            depositId: deposit.id,
            from: "pending",
            to: "paid",
            set: { ...sessionFix, paidAt: new Date(), providerPaymentId: session.paymentId },
          });
          if (!moved) return result("already_paid");
          paid = moved;
          await audit("deposit.paid", {
            status: "paid",
            amountBaisa: paid.amountBaisa,
            paymentId: session.paymentId,
          });
        }
        const submitted = await completeSubmission(tx, paid, opts);
        return result(deposit.status === "pending" ? "paid" : "already_paid", submitted);
      }

      case "failed":
      case "expired": {
        if (deposit.status !== "pending") return result("already_closed");
        const to = session.state;
        await transitionDeposit(tx, {
          depositId: deposit.id,
          from: "pending",
          to,
          set: {
            ...sessionFix,
            failureReason: session.failureReason ?? (to === "expired" ? "session_expired" : "payment_failed"),
          },
        });
        await audit(`deposit.${to}`, { status: to, reason: session.failureReason });
        return result(to);
      }
    }
  });
}

/**
 * For a deposit already paid whose report is still awaiting payment (the report's move failed, or the report
 * was elsewhere when the money came): submits the report now. Used by reconciliation and the pay page.
 */
export async function settlePaidDeposit(depositId: string, opts: SettleOptions): Promise<SettleResult> {
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(deposits).where(eq(deposits.id, depositId)).for("update");
    if (!d) return { outcome: "no_deposit", depositId: null, reportSubmitted: false };
    if (!PAID_DEPOSIT_STATUSES.includes(d.status))
      return { outcome: "pending", depositId, reportSubmitted: false };
    const submitted = await completeSubmission(tx, d, opts);
    return { outcome: "already_paid", depositId, reportSubmitted: submitted };
  });
}

/**
 * The report side of a paid deposit, in the caller's transaction: `awaiting_payment → submitted`, the
 * messages, the audit row and Art. 4. Does nothing (returns false) unless the report awaits this payment.
 */
async function completeSubmission(tx: Tx, deposit: Deposit, opts: SettleOptions): Promise<boolean> {
  const [row] = await tx
    .select({ report: reports, worker: workers, establishment: establishments, filedBy: employerUsers })
    .from(reports)
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .innerJoin(employerUsers, eq(employerUsers.id, reports.createdBy))
    .where(eq(reports.id, deposit.reportId))
    .for("update", { of: reports });
  if (!row) return false;
  const { report, worker, establishment, filedBy } = row;
  if (report.status !== "awaiting_payment") {
    if (report.status === "draft") {
      // The employer went back to change the answers after paying: reconciliation submits it once the report
      // awaits payment again.
      log.warn({ reportId: report.id, depositId: deposit.id }, "paid deposit for a report in draft");
    }
    return false;
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
    return false;
  }

  const now = new Date();
  const c = await loadCase(tx, report.id, { now });
  if (!c) return false;
  await moveReport(tx, "submitted", {
    id: report.id,
    actor: { kind: "system" },
    context: c,
    reasonCode: "deposit_paid",
    set: { submittedAt: now },
    audit: { depositId: deposit.id, source: opts.source },
    now,
  });

  // The worker is told now (DOMAIN.md §1, service 5): SMS always, e-mail when the registry has one. Egyptian
  // workers get Arabic first, everyone else English (most expatriate workers do not read Arabic).
  const base = appUrl(opts.appUrl);
  const entity = { type: "report", id: report.id };
  const workerLocale = worker.nationality === "EG" ? "ar" : "en";
  const names = { establishmentAr: establishment.nameAr, establishmentEn: establishment.nameEn };
  await notify(tx, {
    channel: "sms",
    recipient: worker.mobile,
    template: "worker.report-filed.sms",
    locale: workerLocale,
    params: { ...names, reference: report.reference, appUrl: base, grievanceDays: RULES.grievanceWindowDays },
    entity,
  });
  if (worker.email) {
    await notify(tx, {
      channel: "email",
      recipient: worker.email,
      template: "worker.report-filed.email",
      locale: workerLocale,
      params: {
        ...names,
        workerNameAr: worker.nameAr,
        workerNameEn: worker.nameEn,
        reference: report.reference,
        lastDayAtWork: report.lastDayAtWork,
        appUrl: base,
        grievanceDays: RULES.grievanceWindowDays,
      },
      entity,
    });
  }
  // The employer's receipt: to the establishment's address and to the user who filed (once if the same).
  const recipients = new Map<string, string>();
  for (const address of [establishment.email, filedBy.email]) recipients.set(address.toLowerCase(), address);
  for (const address of recipients.values()) {
    await notify(tx, {
      channel: "email",
      recipient: address,
      template: "employer.report-submitted.email",
      locale: "ar",
      params: {
        ...names,
        workerNameAr: worker.nameAr,
        workerNameEn: worker.nameEn,
        reference: report.reference,
        amountBaisa: deposit.amountBaisa,
        appUrl: base,
        reportId: report.id,
      },
      entity,
    });
  }

  await recordArt4Referrals(tx, report.establishmentId, now);
  return true;
}
