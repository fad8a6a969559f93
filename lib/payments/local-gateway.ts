import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { deposits, establishments, reports } from "@/db/schema";
import { assertEmployer, type Actor, type EmployerActor } from "@/lib/auth/actor";
import { isLocalSessionId, localGatewayEnabled, localPaymentId } from "./local";
import { settleCheckout, type SettleOutcome } from "./settle";
import { PAYMENT_SETTINGS } from "./settings";
import type { CheckoutSession } from "./types";

/** The local test gateway's session, for its page: only the employer whose report it is may see it. */
export async function getLocalCheckout(actor: EmployerActor, sessionId: string) {
  if (!localGatewayEnabled() || !isLocalSessionId(sessionId)) return null;
  const [row] = await db
    .select({ deposit: deposits, report: reports, establishment: establishments })
    .from(deposits)
    .innerJoin(reports, eq(reports.id, deposits.reportId))
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .where(
      and(
        eq(deposits.providerSessionId, sessionId),
        eq(deposits.provider, "local"),
        eq(reports.establishmentId, actor.establishmentId),
      ),
    );
  if (!row) return null;
  const expired = row.deposit.createdAt.getTime() + PAYMENT_SETTINGS.checkoutTtlMinutes * 60_000 < Date.now();
  return { ...row, expired };
}

export type LocalDecision = "approve" | "decline";

export type LocalDecisionResult =
  { ok: true; reportId: string; outcome: SettleOutcome } | { ok: false; code: "not_found" | "unavailable" };

/**
 * The test page's Approve or Decline: what a card network would say, fed to the same settlement code as a
 * Stripe webhook. A session past its time expires instead, as Stripe's would.
 */
export async function decideLocalPayment(
  actor: Actor | null,
  sessionId: string,
  decision: LocalDecision,
  ctx: { appUrl?: string | null } = {},
): Promise<LocalDecisionResult> {
  const employer = assertEmployer(actor);
  if (!localGatewayEnabled()) return { ok: false, code: "unavailable" };
  const found = await getLocalCheckout(employer, sessionId);
  if (!found) return { ok: false, code: "not_found" };
  const { deposit, expired } = found;
  const state: CheckoutSession["state"] = expired ? "expired" : decision === "approve" ? "paid" : "failed";
  const result = await settleCheckout(
    {
      sessionId,
      state,
      url: null,
      paymentId: state === "paid" ? localPaymentId(deposit.id) : null,
      amountBaisa: deposit.amountBaisa,
      currency: "omr",
      depositId: deposit.id,
      reportId: deposit.reportId,
      failureReason: state === "failed" ? "card_declined" : null,
    },
    { source: "local_gateway", appUrl: ctx.appUrl },
  );
  return { ok: true, reportId: deposit.reportId, outcome: result.outcome };
}
