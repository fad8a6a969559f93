import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { db } from "@/db";
import { deposits, reports } from "@/db/schema";
import { loadCase } from "@/lib/cases/facts";
import { lockRow } from "@/lib/lifecycle/transition";
import { depositLifecycle, moveDeposit } from "@/lib/deposits/lifecycle";
import { PAID_DEPOSIT_STATUSES } from "@/lib/deposits/states";
import { log } from "@/lib/log";
import { providerFor } from "./provider";
import { retryApprovedRefunds } from "./refunds";
import { settleCheckout, settlePaidDeposit } from "./settle";
import { PAYMENT_SETTINGS } from "./settings";

export type ReconcileSummary = {
  checked: number;
  paid: number;
  failed: number;
  expired: number;
  stillPending: number;
  reportsSubmitted: number;
  /** Approved refunds sent to the provider again (an automatic one, or one whose answer never came). */
  refundsRetried: number;
  errors: number;
};

/**
 * Catches what webhooks missed (the jobs issue runs it on a schedule; `npm run payments:reconcile` runs it
 * once):
 * 1. pending deposits older than `olderThanMinutes`: asks their provider for the checkout session and settles
 *    it (paid, failed or expired); a pending deposit that never got a session is expired once a session of
 *    its age would have (nobody was ever sent to pay it);
 * 2. paid deposits whose report still awaits payment: submits the report (or refunds it, when no longer
 *    allowed), so a payment is never lost;
 * 3. approved refund requests still unanswered after `olderThanMinutes`: sent to the provider again, so an
 *    automatic refund (issue 10 §4) or one the provider never confirmed always ends refunded or failed.
 * Every settlement is idempotent, so running this next to the webhooks is safe.
 */
export async function reconcilePayments(
  opts: { olderThanMinutes?: number; now?: Date; limit?: number; appUrl?: string | null } = {},
): Promise<ReconcileSummary> {
  const now = opts.now ?? new Date();
  const limit = opts.limit ?? 200;
  const olderThan = new Date(
    now.getTime() - (opts.olderThanMinutes ?? PAYMENT_SETTINGS.reconcileAfterMinutes) * 60_000,
  );
  const summary: ReconcileSummary = {
    checked: 0,
    paid: 0,
    failed: 0,
    expired: 0,
    stillPending: 0,
    reportsSubmitted: 0,
    refundsRetried: 0,
    errors: 0,
  };

  const pending = await db
    .select()
    .from(deposits)
    .where(and(eq(deposits.status, "pending"), lt(deposits.createdAt, olderThan)))
    .orderBy(asc(deposits.createdAt))
    .limit(limit);
  for (const d of pending) {
    summary.checked += 1;
    try {
      if (!d.providerSessionId) {
        const sessionWouldHaveExpired =
          d.createdAt.getTime() + PAYMENT_SETTINGS.checkoutTtlMinutes * 60_000 < now.getTime();
        if (!sessionWouldHaveExpired) {
          summary.stillPending += 1;
          continue;
        }
        await db.transaction(async (tx) => {
          const c = await loadCase(tx, d.reportId, { lock: true, now });
          const row = await lockRow(tx, depositLifecycle, d.id);
          if (!c || row?.status !== "pending") return;
          await moveDeposit(tx, "expired", {
            id: d.id,
            actor: { kind: "system" },
            context: c,
            reasonCode: "no_session",
            set: { failureReason: "no_session" },
            audit: { reason: "no_session", source: "reconcile" },
            now,
            appUrl: opts.appUrl ?? undefined,
          });
          summary.expired += 1;
        });
        continue;
      }
      const session = await providerFor(d.provider).retrieveCheckout(d.providerSessionId);
      const result = await settleCheckout(session, { source: "reconcile", appUrl: opts.appUrl });
      if (result.outcome === "paid") summary.paid += 1;
      else if (result.outcome === "failed") summary.failed += 1;
      else if (result.outcome === "expired") summary.expired += 1;
      else if (result.outcome === "pending") summary.stillPending += 1;
      if (result.reportSubmitted) summary.reportsSubmitted += 1;
    } catch (e) {
      summary.errors += 1;
      log.error({ err: e, depositId: d.id }, "reconciliation could not settle a deposit");
    }
  }

  const stranded = await db
    .select({ id: deposits.id })
    .from(deposits)
    .innerJoin(reports, eq(reports.id, deposits.reportId))
    .where(and(inArray(deposits.status, [...PAID_DEPOSIT_STATUSES]), eq(reports.status, "awaiting_payment")))
    .limit(limit);
  for (const d of stranded) {
    summary.checked += 1;
    try {
      const result = await settlePaidDeposit(d.id, { source: "reconcile", appUrl: opts.appUrl });
      if (result.reportSubmitted) summary.reportsSubmitted += 1;
    } catch (e) {
      summary.errors += 1;
      log.error({ err: e, depositId: d.id }, "reconciliation could not submit a paid report");
    }
  }
  const refunds = await retryApprovedRefunds({ olderThan, limit });
  summary.checked += refunds.checked;
  summary.refundsRetried = refunds.checked;
  summary.errors += refunds.errors;
  if (summary.checked > 0) log.info({ summary }, "payments reconciled");
  return summary;
}
