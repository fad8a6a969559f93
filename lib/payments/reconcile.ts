import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { db } from "@/db";
import { deposits, reports } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { log } from "@/lib/log";
import { PAID_DEPOSIT_STATUSES, transitionDeposit } from "./deposit-states";
import { providerFor } from "./provider";
import { settleCheckout, settlePaidDeposit } from "./settle";
import { PAYMENT_SETTINGS } from "./settings";

export type ReconcileSummary = {
  checked: number;
  paid: number;
  failed: number;
  expired: number;
  stillPending: number;
  reportsSubmitted: number;
  errors: number;
};

/**
 * Catches what webhooks missed (the jobs issue runs it on a schedule; `npm run payments:reconcile` runs it
 * once):
 * 1. pending deposits older than `olderThanMinutes`: asks their provider for the checkout session and settles
 *    it (paid, failed or expired); a pending deposit that never got a session is expired once a session of
 *    its age would have (nobody was ever sent to pay it);
 * 2. paid deposits whose report still awaits payment: submits the report, so a payment is never lost.
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
          const moved = await transitionDeposit(tx, {
            depositId: d.id,
            from: "pending",
            to: "expired",
            set: { failureReason: "no_session" },
          });
          if (moved) {
            summary.expired += 1;
            await recordAudit(tx, {
              actor: { kind: "system" },
              action: "deposit.expired",
              entityType: "deposit",
              entityId: d.id,
              after: { status: "expired", reason: "no_session", source: "reconcile" },
            });
          }
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
  if (summary.checked > 0) log.info({ summary }, "payments reconciled");
  return summary;
}
