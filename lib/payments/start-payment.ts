import { and, eq, inArray, isNull } from "drizzle-orm";
import { db } from "@/db";
import { deposits, reports, workers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { actorRef, assertEmployer, type Actor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { isUniqueViolation } from "@/lib/db-errors";
import { depositLifecycle, moveDeposit } from "@/lib/deposits/lifecycle";
import { depositMachine, isPaidDeposit, LIVE_DEPOSIT_STATUSES, type Deposit } from "@/lib/deposits/states";
import type { Locale } from "@/lib/i18n/routing";
import { whyNotCreate } from "@/lib/lifecycle/machine";
import { isRefusal } from "@/lib/lifecycle/refusal";
import { lockRow, recordCreation } from "@/lib/lifecycle/transition";
import { log } from "@/lib/log";
import { configuredProvider, providerFor } from "./provider";
import { isUuid } from "@/lib/ids";
import { settleCheckout, settlePaidDeposit } from "./settle";
import { PAYMENT_SETTINGS } from "./settings";
import { IdempotencyConflictError, PaymentsUnavailableError, type PaymentProvider } from "./types";
import { appBaseUrl } from "@/lib/app-url";

export type StartPaymentContext = { locale: Locale; appUrl?: string | null; ip?: string | null };

export type StartPaymentResult =
  /** Send the payer to the provider's checkout. */
  | { ok: true; kind: "redirect"; url: string }
  /** Nothing to pay (already paid, or a payment is being processed): show the confirmation page. */
  | { ok: true; kind: "confirmation" }
  | { ok: false; code: "not_found" | "not_awaiting_payment" | "no_fee" | "unavailable" | "provider_error" }
  /** A filing rule no longer holds (suspension, permit moved, governorate offline): nothing may be paid now. */
  | { ok: false; code: "not_permitted"; reason: string };

/** The local gateway answers with a path without the locale; Stripe with an absolute URL. */
function localised(url: string, locale: Locale): string {
  return url.startsWith("/") ? `/${locale}${url}` : url;
}

/**
 * Step 6 of the filing journey: the employer pays the report's ticket deposit. Creates the `deposits` row
 * (pending, the report's fixed fee) and a checkout session at the provider, and returns where to send the
 * payer. A still-open session of a pending deposit is reused rather than a second one made; the database's
 * `deposits_one_live_per_report` index makes two live deposits for one report impossible even when two
 * clicks race. A session that has closed is settled first (which frees the report for a new deposit).
 */
export async function startDepositPayment(
  actor: Actor | null,
  reportId: string,
  ctx: StartPaymentContext,
): Promise<StartPaymentResult> {
  const employer = assertEmployer(actor);
  if (!isUuid(reportId)) return { ok: false, code: "not_found" };
  const base = ctx.appUrl || appBaseUrl();

  for (let attempt = 0; attempt < 3; attempt++) {
    // (1) the employer can see it: only its own establishment's reports.
    const [row] = await db
      .select({ report: reports, worker: workers })
      .from(reports)
      .innerJoin(workers, eq(workers.id, reports.workerId))
      .where(and(eq(reports.id, reportId), eq(reports.establishmentId, employer.establishmentId)));
    if (!row) return { ok: false, code: "not_found" };
    const { report } = row;
    // (3) the state allows it. ((2): every employer user of the establishment may pay.)
    if (report.status === "draft" || report.status === "rejected")
      return { ok: false, code: "not_awaiting_payment" };
    if (report.status !== "awaiting_payment") return { ok: true, kind: "confirmation" };
    if (!report.feeBaisa) return { ok: false, code: "no_fee" };

    const [live] = await db
      .select()
      .from(deposits)
      .where(and(eq(deposits.reportId, reportId), inArray(deposits.status, [...LIVE_DEPOSIT_STATUSES])));

    if (live && isPaidDeposit(live.status)) {
      // Paid, but the report did not move on: finish it now.
      await settlePaidDeposit(live.id, { source: "return", appUrl: base });
      return { ok: true, kind: "confirmation" };
    }

    let provider: PaymentProvider;
    try {
      provider = live ? providerFor(live.provider) : configuredProvider();
    } catch (e) {
      if (e instanceof PaymentsUnavailableError) return { ok: false, code: "unavailable" };
      throw e;
    }

    if (live?.providerSessionId) {
      let session;
      try {
        session = await provider.retrieveCheckout(live.providerSessionId);
      } catch (e) {
        if (e instanceof PaymentsUnavailableError) return { ok: false, code: "unavailable" };
        log.error({ err: e, depositId: live.id }, "could not read a checkout session");
        return { ok: false, code: "provider_error" };
      }
      if (session.state === "open" && session.url)
        return { ok: true, kind: "redirect", url: localised(session.url, ctx.locale) };
      if (session.state === "processing") return { ok: true, kind: "confirmation" };
      const settled = await settleCheckout(session, { source: "return", appUrl: base });
      if (session.state === "paid") return { ok: true, kind: "confirmation" };
      if (settled.outcome === "anomaly") return { ok: false, code: "provider_error" };
      continue; // failed or expired: the report is free for a new deposit.
    }

    let deposit: Deposit | undefined = live;
    if (!deposit) {
      let outcome: { deposit: Deposit } | { refused: string };
      try {
        outcome = await db.transaction(async (tx) => {
          // The deposit lifecycle's creation rule, on the case under the report's lock: the report awaits
          // payment and every filing rule still holds (issue 10 §4: no money is taken on a report that may not
          // be submitted).
          const c = await loadCase(tx, reportId, { lock: true });
          if (!c) return { refused: "not_found" };
          const refused = whyNotCreate(depositMachine, actorRef(employer), c);
          if (refused) return { refused };
          const [created] = await tx
            .insert(deposits)
            .values({ reportId, amountBaisa: report.feeBaisa!, provider: provider.kind, status: "pending" })
            .returning();
          await recordCreation(tx, {
            machine: depositMachine,
            id: created!.id,
            reportId,
            status: "pending",
            actor: actorRef(employer),
          });
          await recordAudit(tx, {
            actor: { kind: "employer", id: employer.userId },
            action: "deposit.created",
            entityType: "deposit",
            entityId: created!.id,
            after: { reportId, amountBaisa: created!.amountBaisa, provider: provider.kind },
            ip: ctx.ip ?? null,
          });
          return { deposit: created! };
        });
      } catch (e) {
        // Another request created the live deposit a moment ago: use that one.
        if (isUniqueViolation(e, "deposits_one_live_per_report")) continue;
        throw e;
      }
      if ("refused" in outcome) {
        const { refused } = outcome;
        if (refused === "payment_started") continue;
        if (refused === "not_awaiting_payment") return { ok: true, kind: "confirmation" };
        if (refused === "no_fee" || refused === "not_found") return { ok: false, code: refused };
        return { ok: false, code: "not_permitted", reason: refused };
      }
      deposit = outcome.deposit;
    }

    let created: { sessionId: string; url: string };
    try {
      created = await provider.createCheckout({
        depositId: deposit.id,
        reportId,
        reference: report.reference,
        amountBaisa: deposit.amountBaisa,
        locale: ctx.locale,
        successUrl: `${base}/${ctx.locale}/employer/reports/${reportId}/confirmation?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${base}/${ctx.locale}/employer/reports/${reportId}/pay?cancelled=1`,
        description: `ضمان قيمة تذكرة العودة / Return-ticket deposit — ${report.reference}`,
        expiresAt: new Date(deposit.createdAt.getTime() + PAYMENT_SETTINGS.checkoutTtlMinutes * 60_000),
      });
    } catch (e) {
      if (e instanceof PaymentsUnavailableError) return { ok: false, code: "unavailable" };
      if (e instanceof IdempotencyConflictError) {
        // An earlier attempt for this deposit reached the provider with other parameters (another language,
        // say) and its session id was lost: retire the deposit and start again with a new one.
        const retiring = deposit;
        await db
          .transaction(async (tx) => {
            const c = await loadCase(tx, reportId, { lock: true });
            const row = await lockRow(tx, depositLifecycle, retiring.id);
            if (!c || row?.status !== "pending") return;
            await moveDeposit(tx, "retired", {
              id: retiring.id,
              actor: { kind: "system" },
              context: c,
              reasonCode: "idempotency_conflict",
              set: { failureReason: "idempotency_conflict" },
              audit: { reason: "idempotency_conflict" },
            });
          })
          .catch((e: unknown) => {
            if (!isRefusal(e)) throw e;
          });
        continue;
      }
      // The deposit stays pending without a session: the next attempt repeats the create with the same
      // idempotency key, so the provider returns the session it may already have made.
      log.error({ err: e, depositId: deposit.id }, "could not create a checkout session");
      return { ok: false, code: "provider_error" };
    }

    const [saved] = await db
      .update(deposits)
      .set({ providerSessionId: created.sessionId, updatedAt: new Date() })
      .where(and(eq(deposits.id, deposit.id), isNull(deposits.providerSessionId)))
      .returning({ id: deposits.id });
    if (!saved) continue; // A concurrent request saved its session first: go through the reuse path.
    return { ok: true, kind: "redirect", url: localised(created.url, ctx.locale) };
  }
  log.error({ reportId }, "could not start a payment after three attempts");
  return { ok: false, code: "provider_error" };
}
