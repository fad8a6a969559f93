/**
 * Issue 10 §4 and §12: every filing rule is checked again when a deposit settles; a paid report no longer
 * allowed is not submitted and its deposit goes back at once, automatically, through the provider, with the
 * reason told to the employer. A payment that fails or expires is told to the employer. Before the model, the
 * report was submitted whatever had happened since pricing, and nothing was sent for a failed payment.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db, ensureDatabase } from "@/db";
import {
  auditEvents,
  deposits,
  establishments,
  governorates,
  lifecycleEvents,
  notifications,
  refundRequests,
  reportEvents,
  workers,
} from "@/db/schema";
import { decideLocalPayment } from "@/lib/payments/local-gateway";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { retryApprovedRefunds } from "@/lib/payments/refunds";
import { settlePaidDeposit } from "@/lib/payments/settle";
import { startDepositPayment } from "@/lib/payments/start-payment";
import { suspendEstablishment } from "@/lib/suspensions/lifecycle";
import { getReportForWorker, listReportsForWorker } from "@/lib/workers/queries";
import { closedPortUrl } from "@/tests/helpers/stand-in";
import {
  createAwaitingPaymentReport,
  createEstablishment,
  reloadReport,
  type PaymentFixture,
} from "@/tests/helpers/payment-fixtures";
import { startStripeStandIn, type StripeStandIn } from "@/tests/stripe-stand-in/server";

const WEBHOOK_SECRET = "whsec_test_balagh_recheck";
const ENV_KEYS = [
  "STRIPE_SECRET_KEY",
  "STRIPE_API_HOST",
  "STRIPE_API_PORT",
  "STRIPE_API_PROTOCOL",
  "STRIPE_WEBHOOK_SECRET",
  "APP_URL",
];
const saved: Record<string, string | undefined> = {};
let stand: StripeStandIn;

beforeAll(async () => {
  await ensureDatabase();
  for (const k of ENV_KEYS) saved[k] = process.env[k];
  process.env.APP_URL = "https://balagh.example.om";
  stand = await startStripeStandIn();
});
afterAll(async () => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await stand.close();
});
const selectStripe = () => Object.assign(process.env, stand.env, { STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
function selectLocalGateway() {
  for (const k of ["STRIPE_SECRET_KEY", "STRIPE_API_HOST", "STRIPE_API_PORT", "STRIPE_API_PROTOCOL"])
    delete process.env[k];
}
beforeEach(() => selectStripe());

async function deliver(event: Record<string, unknown>) {
  const { body, signature } = stand.signedEvent(event, WEBHOOK_SECRET);
  return POST(
    new Request("http://127.0.0.1/api/webhooks/stripe", {
      method: "POST",
      body,
      headers: { "stripe-signature": signature, "content-type": "application/json" },
    }),
  );
}

const depositOf = async (reportId: string) =>
  (await db.select().from(deposits).where(eq(deposits.reportId, reportId)))[0]!;
const refundsOf = (reportId: string) =>
  db.select().from(refundRequests).where(eq(refundRequests.reportId, reportId));
const messagesTo = (recipients: string[]) =>
  db.select().from(notifications).where(inArray(notifications.recipient, recipients));

/** The payment is started while everything is allowed; `meanwhile` then changes the world before it settles. */
async function startedThen(meanwhile: (f: PaymentFixture) => Promise<void>, provider: "stripe" | "local") {
  if (provider === "local") selectLocalGateway();
  const f = await createAwaitingPaymentReport();
  const started = await startDepositPayment(f.employer, f.report.id, { locale: "en" });
  if (!started.ok || started.kind !== "redirect") throw new Error(`not started: ${JSON.stringify(started)}`);
  await meanwhile(f);
  return { f, sessionId: (await depositOf(f.report.id)).providerSessionId!, url: started.url };
}

async function suspend(f: PaymentFixture) {
  const now = new Date();
  await db.transaction((tx) =>
    suspendEstablishment(tx, {
      establishmentId: f.establishment.id,
      referralId: null,
      endsAt: new Date(now.getTime() + 365 * 86_400_000),
      now,
      actor: { kind: "system" },
    }),
  );
}

/** What every not-permitted settlement leaves, whatever the rule and the provider. */
async function expectRefusedAndRefunded(f: PaymentFixture, cause: string) {
  const report = await reloadReport(f.report.id);
  expect(report.status).toBe("rejected");
  expect(report.submittedAt).toBeNull();
  const moves = await db.select().from(reportEvents).where(eq(reportEvents.reportId, f.report.id));
  expect(moves.map((m) => [m.fromStatus, m.toStatus, m.reasonCode, m.actorKind])).toContainEqual([
    "awaiting_payment",
    "rejected",
    cause,
    "system",
  ]);
  const [request] = await refundsOf(f.report.id);
  expect(request).toMatchObject({
    ground: "not_permitted_at_payment",
    status: "refunded",
    amountBaisa: f.report.feeBaisa,
    decisionReasonCode: "not_permitted_at_payment",
  });
  expect(await depositOf(f.report.id)).toMatchObject({
    status: "refunded",
    refundedBaisa: f.report.feeBaisa,
  });
  const history = await db
    .select()
    .from(lifecycleEvents)
    .where(and(eq(lifecycleEvents.entity, "refund"), eq(lifecycleEvents.entityId, request!.id)));
  expect(history.map((h) => h.transition)).toEqual(["created", "approved_automatically", "refunded"]);
  // The worker never heard of the report, and does not see it; the employer hears why, and that the money went back.
  expect(await messagesTo([f.worker.mobile, f.worker.email!])).toEqual([]);
  const asWorker = { kind: "worker", sessionId: "s", workerId: f.worker.id, name: "", nameAr: "" } as const;
  expect(await listReportsForWorker(asWorker)).toEqual([]);
  expect(await getReportForWorker(asWorker, f.report.id)).toBeNull();
  const told = await messagesTo([f.establishment.email]);
  const templates = told.map((m) => m.template);
  expect(templates).toContain("employer.report-not-permitted.email");
  expect(templates).toContain("employer.refund-outcome");
  expect(templates).not.toContain("employer.report-submitted.email");
  return told.find((m) => m.template === "employer.report-not-permitted.email")!;
}

describe("a payment settles on a report that is no longer allowed", () => {
  it("suspended meanwhile (local gateway): not submitted, refunded at once, the employer told why", async () => {
    const { f, url } = await startedThen(suspend, "local");
    const result = await decideLocalPayment(f.employer, url.split("/").pop()!, "approve");
    expect(result).toMatchObject({ ok: true, outcome: "paid" });
    const mail = await expectRefusedAndRefunded(f, "establishment_suspended");
    expect(mail.body).toContain(f.report.reference);
    expect(mail.body).toContain("suspended after an Art. 4 inspection");
  });

  it("the permit moved to another establishment meanwhile (Stripe): refunded through the provider, once", async () => {
    const other = await createEstablishment();
    const { f, sessionId } = await startedThen(async (fx) => {
      await db
        .update(workers)
        .set({ establishmentId: other.establishment.id })
        .where(eq(workers.id, fx.worker.id));
    }, "stripe");
    stand.markSessionPaid(sessionId);
    const event = stand.event("checkout.session.completed", stand.session(sessionId)!);
    expect((await deliver(event)).status).toBe(200);
    // A second delivery (another event for the same session) changes nothing and refunds nothing more.
    expect((await deliver(stand.event("checkout.session.completed", stand.session(sessionId)!))).status).toBe(
      200,
    );
    await expectRefusedAndRefunded(f, "permit_other_establishment");
    const posts = stand.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds");
    const [request] = await refundsOf(f.report.id);
    expect(posts.filter((r) => r.idempotencyKey === `balagh-refund-${request!.id}`)).toHaveLength(1);
    const audit = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, request!.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "refund.requested_by_system",
        "refund.approved_automatically",
        "refund.refunded",
      ]),
    );
  });

  it("the governorate went offline meanwhile: refused with that reason", async () => {
    const [g] = await db.select().from(governorates).where(eq(governorates.code, "MU"));
    const { f, url } = await startedThen(async (fx) => {
      await db
        .update(establishments)
        .set({ governorateCode: "MU" })
        .where(eq(establishments.id, fx.establishment.id));
      await db
        .update(governorates)
        .set({ pilotFrom: "2099-01-01", mandatoryFrom: "2099-02-01" })
        .where(eq(governorates.code, "MU"));
    }, "local");
    try {
      await decideLocalPayment(f.employer, url.split("/").pop()!, "approve");
    } finally {
      await db
        .update(governorates)
        .set({ pilotFrom: g!.pilotFrom, mandatoryFrom: g!.mandatoryFrom })
        .where(eq(governorates.code, "MU"));
    }
    await expectRefusedAndRefunded(f, "governorate_not_live");
  });

  it("the provider is unreachable when the refund is sent: it stays approved, and reconciliation sends it", async () => {
    // A payment the provider took whose report update failed (paid deposit, report still awaiting payment).
    const f = await createAwaitingPaymentReport();
    const started = await startDepositPayment(f.employer, f.report.id, { locale: "en" });
    expect(started.ok).toBe(true);
    const d = await depositOf(f.report.id);
    stand.markSessionPaid(d.providerSessionId!);
    const paymentIntent = String(stand.session(d.providerSessionId!)!.payment_intent);
    await db
      .update(deposits)
      .set({ status: "paid", paidAt: new Date(), providerPaymentId: paymentIntent })
      .where(eq(deposits.id, d.id));
    await suspend(f);
    process.env.STRIPE_API_PORT = new URL(await closedPortUrl()).port;
    process.env.STRIPE_API_HOST = "127.0.0.1";
    await settlePaidDeposit(d.id, { source: "reconcile" });
    const [request] = await refundsOf(f.report.id);
    expect(request).toMatchObject({ status: "approved", providerRefundId: null });
    expect((await reloadReport(f.report.id)).status).toBe("rejected");
    expect((await depositOf(f.report.id)).status).toBe("paid");

    selectStripe();
    await retryApprovedRefunds({ olderThan: new Date(Date.now() + 60_000) });
    expect((await refundsOf(f.report.id))[0]).toMatchObject({ status: "refunded" });
    expect((await depositOf(f.report.id)).status).toBe("refunded");
    // Reconciliation includes that step.
    expect(await reconcilePayments({ olderThanMinutes: 60 * 24 * 365 })).toHaveProperty("refundsRetried");
  });

  it("a report still allowed is submitted as before", async () => {
    const { f, url } = await startedThen(async () => {}, "local");
    await decideLocalPayment(f.employer, url.split("/").pop()!, "approve");
    expect((await reloadReport(f.report.id)).status).toBe("submitted");
    expect(await refundsOf(f.report.id)).toEqual([]);
  });
});

describe("no payment is started on a report that is no longer allowed", () => {
  it("refuses with the rule and makes no deposit", async () => {
    selectLocalGateway();
    const f = await createAwaitingPaymentReport();
    await suspend(f);
    expect(await startDepositPayment(f.employer, f.report.id, { locale: "en" })).toEqual({
      ok: false,
      code: "not_permitted",
      reason: "establishment_suspended",
    });
    expect(await db.select().from(deposits).where(eq(deposits.reportId, f.report.id))).toEqual([]);
  });
});

describe("a payment that fails or expires is told to the employer", () => {
  it("declined: the employer hears it, with how to pay again; the report still awaits payment", async () => {
    const { f, url } = await startedThen(async () => {}, "local");
    await decideLocalPayment(f.employer, url.split("/").pop()!, "decline");
    expect((await reloadReport(f.report.id)).status).toBe("awaiting_payment");
    const mail = (await messagesTo([f.establishment.email])).filter(
      (m) => m.template === "employer.payment-not-completed.email",
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain("declined");
    expect(mail[0]!.body).toContain(`/ar/employer/reports/${f.report.id}/pay`);
  });

  it("expired (reconciliation asks Stripe): told once, however often it runs", async () => {
    const { f, sessionId } = await startedThen(async () => {}, "stripe");
    stand.markSessionExpired(sessionId);
    await db
      .update(deposits)
      .set({ createdAt: sql`now() - interval '1 hour'` })
      .where(eq(deposits.reportId, f.report.id));
    await reconcilePayments({ olderThanMinutes: 15 });
    await reconcilePayments({ olderThanMinutes: 15 });
    expect((await depositOf(f.report.id)).status).toBe("expired");
    const mail = (await messagesTo([f.establishment.email])).filter(
      (m) => m.template === "employer.payment-not-completed.email",
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain("not completed");
  });
});
