import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db, ensureDatabase } from "@/db";
import {
  auditEvents,
  deposits,
  notifications,
  paymentEvents,
  refundRequests,
  reportEvents,
} from "@/db/schema";
import { decideLocalPayment } from "@/lib/payments/local-gateway";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { executeRefund } from "@/lib/payments/refunds";
import { startDepositPayment } from "@/lib/payments/start-payment";
import { stripeProvider } from "@/lib/payments/stripe";
import { localProvider } from "@/lib/payments/local";
import {
  createAwaitingPaymentReport,
  reloadReport,
  type PaymentFixture,
} from "@/tests/helpers/payment-fixtures";
import { startStripeStandIn, type StripeStandIn } from "@/tests/stripe-stand-in/server";

const WEBHOOK_SECRET = "whsec_test_balagh_payments";
let stand: StripeStandIn;
const saved: Record<string, string | undefined> = {};
const ENV_KEYS = [
  "STRIPE_SECRET_KEY",
  "STRIPE_API_HOST",
  "STRIPE_API_PORT",
  "STRIPE_API_PROTOCOL",
  "STRIPE_WEBHOOK_SECRET",
  "APP_URL",
];

function selectStripe() {
  Object.assign(process.env, stand.env, { STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
}
function selectLocalGateway() {
  for (const k of ["STRIPE_SECRET_KEY", "STRIPE_API_HOST", "STRIPE_API_PORT", "STRIPE_API_PROTOCOL"])
    delete process.env[k];
}

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
beforeEach(() => selectStripe());

async function depositsOf(reportId: string) {
  return db.select().from(deposits).where(eq(deposits.reportId, reportId));
}

async function messagesTo(recipient: string) {
  return db.select().from(notifications).where(eq(notifications.recipient, recipient));
}

function webhookRequest(body: string, signature: string | null): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", body, headers });
}

/** Delivers a webhook event, signed as Stripe would sign it. */
async function deliver(event: Record<string, unknown>, secret = WEBHOOK_SECRET) {
  const { body, signature } = stand.signedEvent(event, secret);
  return POST(webhookRequest(body, signature));
}

/** Starts a Stripe payment for a fresh report and returns the fixture, the deposit and the session id. */
async function startedPayment(opts: Parameters<typeof createAwaitingPaymentReport>[0] = {}) {
  const f = await createAwaitingPaymentReport(opts);
  const result = await startDepositPayment(f.employer, f.report.id, { locale: "en" });
  if (!result.ok || result.kind !== "redirect")
    throw new Error(`payment did not start: ${JSON.stringify(result)}`);
  const [deposit] = await depositsOf(f.report.id);
  return { f, deposit: deposit!, sessionId: deposit!.providerSessionId!, url: result.url };
}

async function expectSubmittedOnce(f: PaymentFixture) {
  const report = await reloadReport(f.report.id);
  expect(report.status).toBe("submitted");
  expect(report.submittedAt).toBeInstanceOf(Date);
  const live = (await depositsOf(f.report.id)).filter((d) => d.status === "paid");
  expect(live).toHaveLength(1);
  const sms = await messagesTo(f.worker.mobile);
  expect(sms.map((m) => [m.channel, m.template])).toEqual([["sms", "worker.report-filed.sms"]]);
  const mail = await messagesTo(f.worker.email!);
  expect(mail.map((m) => [m.channel, m.template])).toEqual([["email", "worker.report-filed.email"]]);
  const moves = await db
    .select()
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, f.report.id), eq(reportEvents.toStatus, "submitted")));
  expect(moves).toHaveLength(1);
}

describe("startDepositPayment (Stripe Checkout through the real SDK)", () => {
  it("creates one pending deposit for the report's fee and an OMR checkout with an idempotency key and our ids", async () => {
    const before = stand.requests.length;
    const { f, deposit, sessionId, url } = await startedPayment({ feeBaisa: 182_750 - 750 });
    expect(deposit).toMatchObject({ status: "pending", amountBaisa: 182_000, provider: "stripe" });
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${stand.port}/c/pay/cs_test_`));
    const creates = stand.requests
      .slice(before)
      .filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");
    expect(creates).toHaveLength(1);
    const params = creates[0]!.params as {
      line_items: [{ price_data: { currency: string; unit_amount: string }; quantity: string }];
      metadata: Record<string, string>;
      success_url: string;
    };
    expect(creates[0]!.idempotencyKey).toBe(`balagh-deposit-${deposit.id}-checkout`);
    expect(params.line_items[0].price_data).toMatchObject({ currency: "omr", unit_amount: "182000" });
    expect(params.metadata).toMatchObject({
      report_id: f.report.id,
      deposit_id: deposit.id,
      reference: f.report.reference,
    });
    expect(params.success_url).toBe(
      `https://balagh.example.om/en/employer/reports/${f.report.id}/confirmation?session_id={CHECKOUT_SESSION_ID}`,
    );
    expect(stand.session(sessionId)).toMatchObject({
      amount_total: 182_000,
      currency: "omr",
      status: "open",
    });

    // Paying again while the session is open reuses it: no second deposit, no second session.
    const again = await startDepositPayment(f.employer, f.report.id, { locale: "en" });
    expect(again).toEqual({ ok: true, kind: "redirect", url });
    expect(await depositsOf(f.report.id)).toHaveLength(1);
    expect(stand.requests.slice(before).filter((r) => r.method === "POST")).toHaveLength(1);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, deposit.id), eq(auditEvents.action, "deposit.created")));
    expect(audit).toHaveLength(1);
  });

  it("two clicks at once still make one live deposit and one session", async () => {
    const f = await createAwaitingPaymentReport();
    const results = await Promise.all(
      [1, 2, 3].map(() => startDepositPayment(f.employer, f.report.id, { locale: "ar" })),
    );
    const urls = new Set(results.map((r) => (r.ok && r.kind === "redirect" ? r.url : JSON.stringify(r))));
    expect(urls.size).toBe(1);
    const rows = await depositsOf(f.report.id);
    expect(rows.filter((d) => d.status === "pending")).toHaveLength(1);
  });

  it("refuses another establishment's report, a report not awaiting payment, and non-employers", async () => {
    const f = await createAwaitingPaymentReport();
    const other = await createAwaitingPaymentReport();
    expect(await startDepositPayment(other.employer, f.report.id, { locale: "en" })).toEqual({
      ok: false,
      code: "not_found",
    });
    const draft = await createAwaitingPaymentReport({ status: "draft" });
    expect(await startDepositPayment(draft.employer, draft.report.id, { locale: "en" })).toEqual({
      ok: false,
      code: "not_awaiting_payment",
    });
    await expect(startDepositPayment(null, f.report.id, { locale: "en" })).rejects.toThrow("employer_only");
    expect(await depositsOf(f.report.id)).toHaveLength(0);
  });

  it("starts a new deposit after the previous session expired", async () => {
    const { f, deposit, sessionId } = await startedPayment();
    stand.markSessionExpired(sessionId);
    const result = await startDepositPayment(f.employer, f.report.id, { locale: "en" });
    expect(result).toMatchObject({ ok: true, kind: "redirect" });
    const rows = await depositsOf(f.report.id);
    expect(rows.find((d) => d.id === deposit.id)?.status).toBe("expired");
    expect(rows.filter((d) => d.status === "pending")).toHaveLength(1);
  });
});

describe("the database constraint", () => {
  it("makes two live deposits for one report impossible", async () => {
    const { f } = await startedPayment();
    const second = db
      .insert(deposits)
      .values({ reportId: f.report.id, amountBaisa: f.report.feeBaisa!, provider: "stripe", status: "paid" });
    await expect(second).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "23505", constraint_name: "deposits_one_live_per_report" }),
    });
    // A failed or expired deposit is history and does not block a new one.
    await db.update(deposits).set({ status: "failed" }).where(eq(deposits.reportId, f.report.id));
    await db
      .insert(deposits)
      .values({ reportId: f.report.id, amountBaisa: f.report.feeBaisa!, provider: "stripe" });
    expect((await depositsOf(f.report.id)).map((d) => d.status).sort()).toEqual(["failed", "pending"]);
  });
});

describe("POST /api/webhooks/stripe", () => {
  it("settles a paid checkout once when the same event and a second one arrive at the same moment", async () => {
    const { f, sessionId } = await startedPayment();
    stand.markSessionPaid(sessionId);
    const completed = stand.event("checkout.session.completed", stand.session(sessionId)!);
    const another = stand.event("checkout.session.completed", stand.session(sessionId)!);
    const responses = await Promise.all([
      deliver(completed),
      deliver(completed),
      deliver(another),
      deliver(another),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await expectSubmittedOnce(f);
    const [deposit] = await depositsOf(f.report.id);
    expect(deposit!.providerPaymentId).toMatch(/^pi_test_/);
    expect(deposit!.paidAt).toBeInstanceOf(Date);
    const events = await db
      .select()
      .from(paymentEvents)
      .where(sql`${paymentEvents.eventId} in (${completed.id as string}, ${another.id as string})`);
    expect(events).toHaveLength(2);
    // The employer's receipt goes to the establishment and to the user who filed.
    expect((await messagesTo(f.establishment.email)).map((m) => m.template)).toEqual([
      "employer.report-submitted.email",
    ]);
    expect((await messagesTo(f.employer.email)).map((m) => m.template)).toEqual([
      "employer.report-submitted.email",
    ]);
  });

  it("tells the worker in English, or in Arabic for Egyptian workers, with the reference and how to respond", async () => {
    const { f, sessionId } = await startedPayment({ worker: { nationality: "EG", email: null } });
    stand.markSessionPaid(sessionId);
    await deliver(stand.event("checkout.session.completed", stand.session(sessionId)!));
    const [sms] = await messagesTo(f.worker.mobile);
    expect(sms).toMatchObject({ locale: "ar", channel: "sms" });
    expect(sms!.body).toContain(f.report.reference);
    expect(sms!.body).toContain("https://balagh.example.om/ar/sign-in/worker");
    expect(sms!.body).toContain("60");
    expect(await messagesTo(`worker-none-${f.worker.id}`)).toHaveLength(0);

    const indian = await startedPayment({ worker: { nationality: "IN" } });
    stand.markSessionPaid(indian.sessionId);
    await deliver(stand.event("checkout.session.completed", stand.session(indian.sessionId)!));
    const [en] = await messagesTo(indian.f.worker.mobile);
    expect(en).toMatchObject({ locale: "en" });
    expect(en!.body).toContain("https://balagh.example.om/en/sign-in/worker");
    expect(en!.body).toContain(indian.f.establishment.nameEn);
  });

  it("answers 400 to a bad signature and changes nothing", async () => {
    const { f, sessionId } = await startedPayment();
    stand.markSessionPaid(sessionId);
    const event = stand.event("checkout.session.completed", stand.session(sessionId)!);
    const wrongSecret = await deliver(event, "whsec_somebody_else");
    expect(wrongSecret.status).toBe(400);
    const { body } = stand.signedEvent(event, WEBHOOK_SECRET);
    expect((await POST(webhookRequest(body, null))).status).toBe(400);
    // A correctly signed body altered afterwards.
    const signed = stand.signedEvent(event, WEBHOOK_SECRET);
    const tampered = await POST(
      webhookRequest(signed.body.replace('"livemode":false', '"livemode":true'), signed.signature),
    );
    expect(tampered.status).toBe(400);
    expect((await depositsOf(f.report.id))[0]!.status).toBe("pending");
    expect((await reloadReport(f.report.id)).status).toBe("awaiting_payment");
    expect(
      await db
        .select()
        .from(paymentEvents)
        .where(eq(paymentEvents.eventId, event.id as string)),
    ).toHaveLength(0);
    expect(await messagesTo(f.worker.mobile)).toHaveLength(0);
  });

  it("ignores a replayed event id even when processing it again would now change things", async () => {
    const { f, sessionId } = await startedPayment();
    // Delivered while the session is still open: recorded, nothing to settle.
    const event = stand.event("checkout.session.completed", stand.session(sessionId)!);
    expect((await deliver(event)).status).toBe(200);
    stand.markSessionPaid(sessionId);
    const replay = await deliver(event);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ outcome: "duplicate_event" });
    expect((await depositsOf(f.report.id))[0]!.status).toBe("pending");
    expect((await reloadReport(f.report.id)).status).toBe("awaiting_payment");
    expect(
      await db
        .select()
        .from(paymentEvents)
        .where(eq(paymentEvents.eventId, event.id as string)),
    ).toHaveLength(1);
    // A new event for the same payment is processed.
    await deliver(stand.event("checkout.session.completed", stand.session(sessionId)!));
    await expectSubmittedOnce(f);
  });

  it("re-reads the session instead of trusting the payload", async () => {
    const { f, sessionId } = await startedPayment();
    // A signed event whose payload claims "paid" while Stripe says the session is still open.
    const forged = stand.event("checkout.session.completed", {
      ...stand.session(sessionId)!,
      status: "complete",
      payment_status: "paid",
    });
    expect((await deliver(forged)).status).toBe(200);
    expect((await depositsOf(f.report.id))[0]!.status).toBe("pending");
  });

  describe("events out of order", () => {
    it("expired after completed leaves the deposit paid", async () => {
      const { f, sessionId } = await startedPayment();
      stand.markSessionPaid(sessionId);
      const snapshot = stand.session(sessionId)!;
      await deliver(stand.event("checkout.session.completed", snapshot));
      await deliver(stand.event("checkout.session.expired", { ...snapshot, status: "expired" }));
      await expectSubmittedOnce(f);
    });

    it("async success before completed: paid once", async () => {
      const { f, sessionId } = await startedPayment();
      stand.markSessionProcessing(sessionId);
      const completedWhileProcessing = stand.event("checkout.session.completed", stand.session(sessionId)!);
      stand.markSessionAsyncSucceeded(sessionId);
      await deliver(stand.event("checkout.session.async_payment_succeeded", stand.session(sessionId)!));
      await deliver(completedWhileProcessing);
      await expectSubmittedOnce(f);
    });

    it("completed while processing waits; async failure fails the deposit, and a late completed does not revive it", async () => {
      const { f, deposit, sessionId } = await startedPayment();
      stand.markSessionProcessing(sessionId);
      await deliver(stand.event("checkout.session.completed", stand.session(sessionId)!));
      expect((await depositsOf(f.report.id))[0]!.status).toBe("pending");
      stand.markSessionAsyncFailed(sessionId);
      await deliver(stand.event("checkout.session.async_payment_failed", stand.session(sessionId)!));
      await deliver(stand.event("checkout.session.completed", stand.session(sessionId)!));
      const [row] = await depositsOf(f.report.id);
      expect(row).toMatchObject({
        id: deposit.id,
        status: "failed",
        failureReason: "payment_method_provider_decline",
      });
      expect((await reloadReport(f.report.id)).status).toBe("awaiting_payment");
      expect(await messagesTo(f.worker.mobile)).toHaveLength(0);
      // The employer can try again.
      expect(await startDepositPayment(f.employer, f.report.id, { locale: "en" })).toMatchObject({
        ok: true,
        kind: "redirect",
      });
      expect((await depositsOf(f.report.id)).map((d) => d.status).sort()).toEqual(["failed", "pending"]);
    });

    it("expired, then a stale completed: stays expired and the report awaits payment", async () => {
      const { f, sessionId } = await startedPayment();
      const open = stand.session(sessionId)!;
      stand.markSessionExpired(sessionId);
      await deliver(stand.event("checkout.session.expired", stand.session(sessionId)!));
      await deliver(
        stand.event("checkout.session.completed", { ...open, status: "complete", payment_status: "paid" }),
      );
      expect((await depositsOf(f.report.id))[0]!.status).toBe("expired");
      expect((await reloadReport(f.report.id)).status).toBe("awaiting_payment");
    });
  });

  it("records an unhandled event type once and changes nothing", async () => {
    const event = stand.event("customer.created", { id: "cus_test_1", object: "customer" });
    const res = await deliver(event);
    expect(await res.json()).toMatchObject({ outcome: "ignored" });
    expect(await (await deliver(event)).json()).toMatchObject({ outcome: "duplicate_event" });
  });
});

describe("settlement is one transaction", () => {
  afterEach(async () => {
    await db.execute(sql`drop trigger if exists payments_test_fail on notifications`);
    await db.execute(sql`drop function if exists payments_test_fail()`);
  });

  it("records the notifications with the deposit and the report, or none of them; reconciliation then settles it", async () => {
    const { f, deposit, sessionId } = await startedPayment();
    // The employer's receipt is the last thing written: make it fail.
    await db.execute(
      sql.raw(`create function payments_test_fail() returns trigger language plpgsql as $$
      begin if new.recipient = '${f.establishment.email}' then raise exception 'outbox unavailable'; end if; return new; end $$`),
    );
    await db.execute(
      sql`create trigger payments_test_fail before insert on notifications for each row execute function payments_test_fail()`,
    );
    stand.markSessionPaid(sessionId);
    const res = await deliver(stand.event("checkout.session.completed", stand.session(sessionId)!));
    expect(res.status).toBe(500);
    expect((await depositsOf(f.report.id))[0]!.status).toBe("pending");
    expect((await reloadReport(f.report.id)).status).toBe("awaiting_payment");
    expect(await messagesTo(f.worker.mobile)).toHaveLength(0);
    expect(await messagesTo(f.worker.email!)).toHaveLength(0);

    await db.execute(sql`drop trigger payments_test_fail on notifications`);
    // The webhook never came back: reconciliation asks Stripe and settles.
    await db
      .update(deposits)
      .set({ createdAt: new Date(Date.now() - 20 * 60_000) })
      .where(eq(deposits.id, deposit.id));
    const summary = await reconcilePayments({ olderThanMinutes: 15 });
    expect(summary.paid).toBeGreaterThanOrEqual(1);
    await expectSubmittedOnce(f);
  });
});

describe("reconcilePayments", () => {
  it("settles a session whose webhook never arrived, expires an expired one, and leaves open ones", async () => {
    const paid = await startedPayment();
    const expired = await startedPayment();
    const open = await startedPayment();
    const recent = await startedPayment();
    stand.markSessionPaid(paid.sessionId);
    stand.markSessionExpired(expired.sessionId);
    stand.markSessionPaid(recent.sessionId);
    const old = new Date(Date.now() - 30 * 60_000);
    for (const d of [paid.deposit, expired.deposit, open.deposit]) {
      await db.update(deposits).set({ createdAt: old }).where(eq(deposits.id, d.id));
    }
    await reconcilePayments({ olderThanMinutes: 15 });
    await expectSubmittedOnce(paid.f);
    expect((await depositsOf(expired.f.report.id))[0]!.status).toBe("expired");
    expect((await depositsOf(open.f.report.id))[0]!.status).toBe("pending");
    // Too recent to ask about: the webhook may still be on its way.
    expect((await depositsOf(recent.f.report.id))[0]!.status).toBe("pending");
    // A second run changes nothing.
    await reconcilePayments({ olderThanMinutes: 15 });
    await expectSubmittedOnce(paid.f);
  });

  it("finds a paid deposit whose report update failed and submits the report", async () => {
    const f = await createAwaitingPaymentReport();
    const [d] = await db
      .insert(deposits)
      .values({
        reportId: f.report.id,
        amountBaisa: f.report.feeBaisa!,
        provider: "stripe",
        status: "paid",
        paidAt: new Date(),
        providerSessionId: `cs_test_lost_${f.report.id}`,
        providerPaymentId: "pi_test_lost",
      })
      .returning();
    const summary = await reconcilePayments();
    expect(summary.reportsSubmitted).toBeGreaterThanOrEqual(1);
    await expectSubmittedOnce(f);
    expect((await depositsOf(f.report.id))[0]!.id).toBe(d!.id);
  });
});

describe("the local test gateway", () => {
  beforeEach(() => selectLocalGateway());

  it("approves through the same settlement code", async () => {
    const f = await createAwaitingPaymentReport();
    const started = await startDepositPayment(f.employer, f.report.id, { locale: "ar" });
    expect(started).toMatchObject({
      ok: true,
      kind: "redirect",
      url: expect.stringMatching(/^\/ar\/dev\/pay\/local_cs_/),
    });
    const sessionId = (started as { url: string }).url.split("/").pop()!;
    expect((await depositsOf(f.report.id))[0]).toMatchObject({
      provider: "local",
      status: "pending",
      providerSessionId: sessionId,
    });
    // Another establishment cannot drive it.
    const stranger = await createAwaitingPaymentReport();
    expect(await decideLocalPayment(stranger.employer, sessionId, "approve")).toEqual({
      ok: false,
      code: "not_found",
    });
    expect(await decideLocalPayment(f.employer, sessionId, "approve")).toMatchObject({
      ok: true,
      outcome: "paid",
    });
    expect(await decideLocalPayment(f.employer, sessionId, "approve")).toMatchObject({
      ok: true,
      outcome: "already_paid",
    });
    await expectSubmittedOnce(f);
  });

  it("declines: the deposit fails, the report waits, and paying again opens a new session", async () => {
    const f = await createAwaitingPaymentReport();
    const first = (await startDepositPayment(f.employer, f.report.id, { locale: "en" })) as { url: string };
    const sessionId = first.url.split("/").pop()!;
    expect(await decideLocalPayment(f.employer, sessionId, "decline")).toMatchObject({
      ok: true,
      outcome: "failed",
    });
    expect((await reloadReport(f.report.id)).status).toBe("awaiting_payment");
    const second = (await startDepositPayment(f.employer, f.report.id, { locale: "en" })) as { url: string };
    expect(second.url).not.toBe(first.url);
    expect((await depositsOf(f.report.id)).map((d) => d.status).sort()).toEqual(["failed", "pending"]);
  });

  it("refuses to run in production unless demo mode is on", async () => {
    const env = process.env as Record<string, string | undefined>;
    const nodeEnv = env.NODE_ENV;
    const demo = env.BALAGH_DEMO_MODE;
    try {
      env.NODE_ENV = "production";
      delete env.BALAGH_DEMO_MODE;
      const f = await createAwaitingPaymentReport();
      expect(await startDepositPayment(f.employer, f.report.id, { locale: "en" })).toEqual({
        ok: false,
        code: "unavailable",
      });
      expect(await depositsOf(f.report.id)).toHaveLength(0);
      env.BALAGH_DEMO_MODE = "true";
      expect(await startDepositPayment(f.employer, f.report.id, { locale: "en" })).toMatchObject({
        ok: true,
        kind: "redirect",
      });
    } finally {
      env.NODE_ENV = nodeEnv;
      if (demo === undefined) delete env.BALAGH_DEMO_MODE;
      else env.BALAGH_DEMO_MODE = demo;
    }
  });
});

describe("Art. 4 on submission", () => {
  beforeEach(() => selectLocalGateway());

  it("refers the establishment for inspection at its 5th report of the month, once", async () => {
    const first = await createAwaitingPaymentReport();
    const { establishment, employer } = first;
    const pay = async (f: PaymentFixture) => {
      const r = (await startDepositPayment(f.employer, f.report.id, { locale: "en" })) as { url: string };
      await decideLocalPayment(f.employer, r.url.split("/").pop()!, "approve");
    };
    const referrals = () =>
      db.execute(
        sql`select period, period_key, report_count from inspection_referrals where establishment_id = ${establishment.id}`,
      );
    await pay(first);
    for (let i = 0; i < 3; i++) await pay(await createAwaitingPaymentReport({ establishment, employer }));
    expect(await referrals()).toHaveLength(0);
    await pay(await createAwaitingPaymentReport({ establishment, employer }));
    const rows = (await referrals()) as unknown as {
      period: string;
      period_key: string;
      report_count: number;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ period: "month", report_count: 5 });
    await pay(await createAwaitingPaymentReport({ establishment, employer }));
    const after = (await referrals()) as unknown as { report_count: number }[];
    expect(after).toHaveLength(1);
    expect(after[0]!.report_count).toBe(6);
    const [created] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "inspection_referral.created"),
          sql`${auditEvents.after}->>'establishmentId' = ${establishment.id}`,
        ),
      );
    expect(created?.n).toBe(1);
  });
});

describe("refunds", () => {
  async function paidDepositWithApprovedRefund(provider: "stripe" | "local" = "stripe") {
    let f: PaymentFixture;
    if (provider === "stripe") {
      const started = await startedPayment();
      f = started.f;
      stand.markSessionPaid(started.sessionId);
      await deliver(stand.event("checkout.session.completed", stand.session(started.sessionId)!));
    } else {
      selectLocalGateway();
      f = await createAwaitingPaymentReport();
      const r = (await startDepositPayment(f.employer, f.report.id, { locale: "en" })) as { url: string };
      await decideLocalPayment(f.employer, r.url.split("/").pop()!, "approve");
    }
    const [deposit] = await depositsOf(f.report.id);
    expect(deposit!.status).toBe("paid");
    const [request] = await db
      .insert(refundRequests)
      .values({
        reportId: f.report.id,
        depositId: deposit!.id,
        ground: "cancellation_approved",
        status: "approved",
        amountBaisa: deposit!.amountBaisa,
        requestedBy: f.employer.userId,
      })
      .returning();
    return { f, deposit: deposit!, request: request! };
  }
  const refundPosts = (key: string) =>
    stand.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds" && r.idempotencyKey === key);
  const reloadRequest = async (id: string) =>
    (await db.select().from(refundRequests).where(eq(refundRequests.id, id)))[0]!;

  it("executes a refund once, with an idempotency key derived from the refund request", async () => {
    const { deposit, request } = await paidDepositWithApprovedRefund();
    const before = stand.refundCount();
    const input = { refundRequestId: request.id, depositId: deposit.id, amountBaisa: request.amountBaisa };
    const first = await executeRefund(stripeProvider, input);
    expect(first).toMatchObject({ ok: true, state: "succeeded", outcome: "refunded" });
    const second = await executeRefund(stripeProvider, input);
    expect(second).toEqual({ ok: false, code: "not_approved" });
    expect(refundPosts(`balagh-refund-${request.id}`)).toHaveLength(1);
    expect(stand.refundCount()).toBe(before + 1);
    const refund = stand.refund((first as { refundId: string }).refundId)!;
    expect(refund).toMatchObject({
      amount: deposit.amountBaisa,
      currency: "omr",
      metadata: { refund_request_id: request.id, deposit_id: deposit.id },
    });
    expect(await reloadRequest(request.id)).toMatchObject({
      status: "refunded",
      providerRefundId: refund.id,
    });
    expect((await db.select().from(deposits).where(eq(deposits.id, deposit.id)))[0]).toMatchObject({
      status: "refunded",
      refundedBaisa: deposit.amountBaisa,
    });
  });

  it("two executions at once make one refund at the provider, both with the same key", async () => {
    const { deposit, request } = await paidDepositWithApprovedRefund();
    const before = stand.refundCount();
    const input = { refundRequestId: request.id, depositId: deposit.id, amountBaisa: request.amountBaisa };
    const results = await Promise.all([
      executeRefund(stripeProvider, input),
      executeRefund(stripeProvider, input),
    ]);
    const ids = new Set(results.map((r) => (r.ok ? r.refundId : r.code)));
    expect(ids.size).toBe(1);
    expect(stand.refundCount()).toBe(before + 1);
    expect(
      stand.requests
        .filter(
          (r) =>
            r.method === "POST" &&
            r.path === "/v1/refunds" &&
            r.params.metadata &&
            (r.params.metadata as Record<string, string>).refund_request_id === request.id,
        )
        .every((r) => r.idempotencyKey === `balagh-refund-${request.id}`),
    ).toBe(true);
    expect((await reloadRequest(request.id)).status).toBe("refunded");
  });

  it("a pending refund is finished by refund.updated, by provider refund id, and only from approved", async () => {
    const { deposit, request } = await paidDepositWithApprovedRefund();
    stand.refundOutcome = "pending";
    try {
      const res = await executeRefund(stripeProvider, {
        refundRequestId: request.id,
        depositId: deposit.id,
        amountBaisa: request.amountBaisa,
      });
      expect(res).toMatchObject({ ok: true, state: "pending" });
      const refundId = (res as { refundId: string }).refundId;
      expect(await reloadRequest(request.id)).toMatchObject({
        status: "approved",
        providerRefundId: refundId,
      });
      stand.setRefundStatus(refundId, "succeeded");
      // The payload says "failed"; Stripe says succeeded: the re-read wins.
      const updated = stand.event("refund.updated", { ...stand.refund(refundId)!, status: "failed" });
      expect((await deliver(updated)).status).toBe(200);
      expect(await reloadRequest(request.id)).toMatchObject({ status: "refunded" });
      // A late failure report changes nothing.
      stand.setRefundStatus(refundId, "failed");
      await deliver(stand.event("refund.failed", stand.refund(refundId)!));
      expect(await reloadRequest(request.id)).toMatchObject({ status: "refunded" });
      expect((await db.select().from(deposits).where(eq(deposits.id, deposit.id)))[0]!.status).toBe(
        "refunded",
      );
      // The employer is told once, when the webhook finished it (not at execution, not by the late event).
      const outcome = await db
        .select()
        .from(notifications)
        .where(
          and(eq(notifications.template, "employer.refund-outcome"), eq(notifications.entityId, request.id)),
        );
      expect(outcome.length).toBeGreaterThan(0);
      expect(new Set(outcome.map((m) => m.recipient)).size).toBe(outcome.length);
    } finally {
      stand.refundOutcome = "succeeded";
    }
  });

  it("refund.failed marks the request failed and keeps the deposit held", async () => {
    const { deposit, request } = await paidDepositWithApprovedRefund();
    stand.refundOutcome = "pending";
    try {
      const res = (await executeRefund(stripeProvider, {
        refundRequestId: request.id,
        depositId: deposit.id,
        amountBaisa: request.amountBaisa,
      })) as { refundId: string };
      stand.setRefundStatus(res.refundId, "failed", "expired_or_canceled_card");
      await deliver(stand.event("refund.failed", stand.refund(res.refundId)!));
      expect(await reloadRequest(request.id)).toMatchObject({
        status: "failed",
        failureReason: "expired_or_canceled_card",
      });
      expect((await db.select().from(deposits).where(eq(deposits.id, deposit.id)))[0]).toMatchObject({
        status: "paid",
        refundedBaisa: 0,
      });
    } finally {
      stand.refundOutcome = "succeeded";
    }
  });

  it("charge.refunded re-reads the charge's refunds", async () => {
    const { deposit, request } = await paidDepositWithApprovedRefund();
    stand.refundOutcome = "pending";
    try {
      const res = (await executeRefund(stripeProvider, {
        refundRequestId: request.id,
        depositId: deposit.id,
        amountBaisa: request.amountBaisa,
      })) as { refundId: string };
      stand.setRefundStatus(res.refundId, "succeeded");
      const sessionId = deposit.providerSessionId!;
      expect((await deliver(stand.event("charge.refunded", stand.chargeOf(sessionId)))).status).toBe(200);
      expect(await reloadRequest(request.id)).toMatchObject({ status: "refunded" });
    } finally {
      stand.refundOutcome = "succeeded";
    }
  });

  it("refuses an amount above what the request says and a refund through the wrong provider", async () => {
    const { deposit, request } = await paidDepositWithApprovedRefund();
    expect(
      await executeRefund(stripeProvider, {
        refundRequestId: request.id,
        depositId: deposit.id,
        amountBaisa: request.amountBaisa + 10,
      }),
    ).toEqual({ ok: false, code: "amount_invalid" });
    expect(
      await executeRefund(localProvider, {
        refundRequestId: request.id,
        depositId: deposit.id,
        amountBaisa: request.amountBaisa,
      }),
    ).toEqual({ ok: false, code: "wrong_provider" });
    expect(refundPosts(`balagh-refund-${request.id}`)).toHaveLength(0);
  });

  it("the local gateway refunds at once, idempotently", async () => {
    const { deposit, request } = await paidDepositWithApprovedRefund("local");
    const res = await executeRefund(localProvider, {
      refundRequestId: request.id,
      depositId: deposit.id,
      amountBaisa: request.amountBaisa,
    });
    expect(res).toMatchObject({
      ok: true,
      state: "succeeded",
      outcome: "refunded",
      refundId: expect.stringMatching(/^local_re_/),
    });
    expect((await db.select().from(deposits).where(eq(deposits.id, deposit.id)))[0]).toMatchObject({
      status: "refunded",
      refundedBaisa: deposit.amountBaisa,
    });
  });
});
