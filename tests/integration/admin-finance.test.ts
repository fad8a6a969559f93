import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db, ensureDatabase } from "@/db";
import {
  auditEvents,
  deposits,
  establishments,
  inspectionReferrals,
  notifications,
  refundRequests,
  reports,
  ticketFees,
} from "@/db/schema";
import { addTicketFee, feeInForce, listTicketFees, parseOmrToBaisa } from "@/lib/admin/fees";
import { listInspectionReferrals, recordInspectionOutcome } from "@/lib/admin/inspections";
import { decideRefund, retryRefund } from "@/lib/admin/refunds/decide";
import { markDepositUtilised } from "@/lib/admin/refunds/mark-utilised";
import { getRefundRequest, listRefundQueue } from "@/lib/admin/refunds/queue";
import { exportRefundsCsv } from "@/lib/admin/exports";
import { decodeUtf8WithBom, parseCsv, readStream } from "@/tests/helpers/csv-parse";
import { ForbiddenError, type Actor, type StaffActor, type StaffRole } from "@/lib/auth/actor";
import { startDepositPayment } from "@/lib/payments/start-payment";
import { createStaffUser } from "@/tests/helpers/accounts";
import { uniqueSuffix } from "@/tests/helpers/db";
import {
  createAwaitingPaymentReport,
  createWorker,
  type PaymentFixture,
} from "@/tests/helpers/payment-fixtures";
import { startReport } from "@/lib/reports/start-report";
import { recordWorkerExit } from "@/lib/exits/record-exit";
import { isRefusal } from "@/lib/lifecycle/refusal";
import { muscatDate } from "@/lib/time";
import { startStripeStandIn, type StripeStandIn } from "@/tests/stripe-stand-in/server";

const WEBHOOK_SECRET = "whsec_test_balagh_admin_finance";
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
const staff: Partial<Record<StaffRole, StaffActor>> = {};

beforeAll(async () => {
  await ensureDatabase();
  for (const k of ENV_KEYS) saved[k] = process.env[k];
  stand = await startStripeStandIn();
  Object.assign(process.env, stand.env, {
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    APP_URL: "https://balagh.example.om",
  });
  for (const role of ["reviewer", "finance", "supervisor"] as const) {
    const u = await createStaffUser({ role });
    staff[role] = {
      kind: "staff",
      sessionId: crypto.randomUUID(),
      userId: u.id,
      role,
      name: u.name,
      email: u.email,
    };
  }
});
afterAll(async () => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await stand.close();
});

const finance = () => staff.finance!;
const supervisor = () => staff.supervisor!;
const reviewer = () => staff.reviewer!;

/** A report paid through Stripe (the stand-in), settled by its signed webhook, with a submitted refund request. */
async function paidStripeDepositWithRequest() {
  const f = await createAwaitingPaymentReport();
  const started = await startDepositPayment(f.employer, f.report.id, { locale: "en" });
  if (!started.ok) throw new Error("payment did not start");
  const [pending] = await db.select().from(deposits).where(eq(deposits.reportId, f.report.id));
  stand.markSessionPaid(pending!.providerSessionId!);
  const { body, signature } = stand.signedEvent(
    stand.event("checkout.session.completed", stand.session(pending!.providerSessionId!)!),
    WEBHOOK_SECRET,
  );
  const res = await POST(
    new Request("http://127.0.0.1/api/webhooks/stripe", {
      method: "POST",
      body,
      headers: { "stripe-signature": signature, "content-type": "application/json" },
    }),
  );
  expect(res.status).toBe(200);
  const [deposit] = await db.select().from(deposits).where(eq(deposits.reportId, f.report.id));
  expect(deposit!.status).toBe("paid");
  const request = await insertRequest(f, deposit!);
  return { f, deposit: deposit!, request };
}

async function insertRequest(
  f: PaymentFixture,
  deposit: typeof deposits.$inferSelect,
  status: "submitted" | "approved" = "submitted",
) {
  const [request] = await db
    .insert(refundRequests)
    .values({
      reportId: f.report.id,
      depositId: deposit.id,
      ground: "cancellation_approved",
      status,
      amountBaisa: deposit.amountBaisa,
      requestedBy: f.employer.userId,
    })
    .returning();
  return request!;
}

/** A deposit recorded as paid directly (no provider), for the database's own guards. */
async function paidDeposit(amountBaisa = 145_500) {
  const f = await createAwaitingPaymentReport({ feeBaisa: amountBaisa });
  await db
    .update(reports)
    .set({ status: "submitted", submittedAt: new Date() })
    .where(eq(reports.id, f.report.id));
  const [deposit] = await db
    .insert(deposits)
    .values({
      reportId: f.report.id,
      amountBaisa,
      status: "paid",
      provider: "local",
      providerPaymentId: `pay_${uniqueSuffix()}`,
      paidAt: new Date(),
    })
    .returning();
  return { f, deposit: deposit! };
}

/** The database error (drizzle wraps postgres.js's) with its SQLSTATE and constraint. */
async function dbError(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = e as {
      code?: string;
      constraint_name?: string;
      cause?: { code?: string; constraint_name?: string };
    };
    const inner = err.cause?.code ? err.cause : err;
    return { code: inner.code, constraint: inner.constraint_name };
  }
  return null;
}

describe("executing a refund", () => {
  it("twenty concurrent approvals of one request make exactly one refund at the provider and one refunded state", async () => {
    const { f, deposit, request } = await paidStripeDepositWithRequest();
    const before = stand.refundCount();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        decideRefund(finance(), {
          refundRequestId: request.id,
          decision: "approve",
          reasonCode: "ground_verified",
        }),
      ),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toEqual([{ ok: true, decision: "approved", execution: "refunded" }]);
    expect(results.filter((r) => !r.ok && r.code === "already_decided")).toHaveLength(19);
    const posts = stand.requests.filter(
      (r) =>
        r.method === "POST" &&
        r.path === "/v1/refunds" &&
        (r.params.metadata as Record<string, string>)?.refund_request_id === request.id,
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]!.idempotencyKey).toBe(`balagh-refund-${request.id}`);
    expect(stand.refundCount()).toBe(before + 1);
    const [after] = await db.select().from(refundRequests).where(eq(refundRequests.id, request.id));
    expect(after).toMatchObject({
      status: "refunded",
      decidedBy: finance().userId,
      decisionReasonCode: "ground_verified",
    });
    const [dep] = await db.select().from(deposits).where(eq(deposits.id, deposit.id));
    expect(dep).toMatchObject({ status: "refunded", refundedBaisa: deposit.amountBaisa });
    const mails = await db
      .select()
      .from(notifications)
      .where(eq(notifications.recipient, f.establishment.email));
    expect(mails.map((m) => m.template).sort()).toEqual(
      ["employer.refund-decided", "employer.refund-outcome", "employer.report-submitted.email"].sort(),
    );
    expect(mails.find((m) => m.template === "employer.refund-outcome")!.body).toContain(f.report.reference);
    // A later execution changes nothing and calls nobody.
    expect(await retryRefund(finance(), request.id)).toEqual({ ok: false, code: "already_decided" });
  });

  it("a provider failure leaves the request failed with the provider's reason, and the deposit held", async () => {
    const { deposit, request } = await paidStripeDepositWithRequest();
    stand.refundOutcome = "failed";
    try {
      const r = await decideRefund(finance(), {
        refundRequestId: request.id,
        decision: "approve",
        reasonCode: "deposit_unused",
      });
      expect(r).toEqual({ ok: true, decision: "approved", execution: "failed" });
    } finally {
      stand.refundOutcome = "succeeded";
    }
    const [after] = await db.select().from(refundRequests).where(eq(refundRequests.id, request.id));
    expect(after!.status).toBe("failed");
    expect(after!.failureReason).toBeTruthy();
    const [dep] = await db.select().from(deposits).where(eq(deposits.id, deposit.id));
    expect(dep).toMatchObject({ status: "paid", refundedBaisa: 0 });
  });

  it("rejecting needs a reason from the list, tells the employer, and calls no provider", async () => {
    const { f, request } = await paidStripeDepositWithRequest();
    const before = stand.refundCount();
    expect(
      await decideRefund(finance(), {
        refundRequestId: request.id,
        decision: "reject",
        reasonCode: "ground_verified",
      }),
    ).toEqual({ ok: false, code: "reason_invalid" });
    expect(
      await decideRefund(finance(), {
        refundRequestId: request.id,
        decision: "reject",
        reasonCode: "other",
        note: " ",
      }),
    ).toEqual({ ok: false, code: "note_required" });
    expect(
      await decideRefund(supervisor(), {
        refundRequestId: request.id,
        decision: "reject",
        reasonCode: "ground_not_met",
        note: "No accepted cancellation",
      }),
    ).toEqual({ ok: true, decision: "rejected" });
    expect(stand.refundCount()).toBe(before);
    const mail = (
      await db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.recipient, f.establishment.email),
            eq(notifications.template, "employer.refund-decided"),
          ),
        )
    )[0]!;
    expect(mail.body).toContain("No accepted cancellation");
  });
});

describe("the database refuses, even when the code is bypassed", () => {
  it("a refund above the amount paid", async () => {
    const { f, deposit } = await paidDeposit();
    expect(
      await dbError(
        db
          .update(deposits)
          .set({ refundedBaisa: deposit.amountBaisa + 10 })
          .where(eq(deposits.id, deposit.id)),
      ),
    ).toMatchObject({ code: "23514", constraint: "deposits_refund_le_paid" });
    expect(
      await dbError(
        db.execute(
          sql`insert into refund_requests (report_id, deposit_id, ground, amount_baisa, requested_by) values (${f.report.id}, ${deposit.id}, 'cancellation_approved', ${deposit.amountBaisa + 10}, ${f.employer.userId})`,
        ),
      ),
    ).toMatchObject({ code: "23514", constraint: "refund_le_deposit" });
    const req = await insertRequest(f, deposit);
    expect(
      await dbError(
        db.execute(sql`update refund_requests set amount_baisa = amount_baisa + 1000 where id = ${req.id}`),
      ),
    ).toMatchObject({ code: "23514", constraint: "refund_le_deposit" });
  });

  it("a second refund", async () => {
    const { f, deposit } = await paidDeposit();
    await insertRequest(f, deposit);
    expect(await dbError(insertRequest(f, deposit))).toMatchObject({
      code: "23505",
      constraint: "refund_one_live_per_deposit",
    });
    // Once refunded, neither a new request nor more money back.
    await db.execute(
      sql`update deposits set status = 'refunded', refunded_baisa = amount_baisa, refunded_at = now() where id = ${deposit.id}`,
    );
    await db.execute(sql`update refund_requests set status = 'refunded' where deposit_id = ${deposit.id}`);
    // (the guard trigger sees the deposit is no longer held before the unique index is checked)
    expect(await dbError(insertRequest(f, deposit))).toMatchObject({
      code: expect.stringMatching(/^235(05|14)$/),
    });
    expect(
      await dbError(
        db.execute(
          sql`update deposits set refunded_baisa = refunded_baisa + amount_baisa where id = ${deposit.id}`,
        ),
      ),
    ).toMatchObject({ code: "23514", constraint: "deposits_refund_le_paid" });
    // A failed request set aside, a fresh one is still refused: the deposit is no longer held.
    await db.execute(sql`update refund_requests set status = 'failed' where deposit_id = ${deposit.id}`);
    expect(await dbError(insertRequest(f, deposit))).toMatchObject({
      code: "23514",
      constraint: expect.stringMatching(/^refund_(deposit_held|le_deposit)$/),
    });
  });

  it("a refund of a utilised deposit", async () => {
    const { f, deposit } = await paidDeposit();
    await db.execute(
      sql`update deposits set status = 'utilised', utilised_at = now(), ticket_reference = 'WY-TEST' where id = ${deposit.id}`,
    );
    expect(await dbError(insertRequest(f, deposit))).toMatchObject({
      code: "23514",
      constraint: "refund_deposit_held",
    });
    expect(
      await dbError(db.execute(sql`update deposits set refunded_baisa = 1000 where id = ${deposit.id}`)),
    ).toMatchObject({ code: "23514", constraint: "deposits_refund_not_utilised" });
    expect(
      await dbError(
        db.execute(
          sql`update deposits set status = 'refunded', refunded_baisa = amount_baisa where id = ${deposit.id}`,
        ),
      ),
    ).toMatchObject({ code: "23514" });
  });

  it("marking a deposit utilised while a refund is asked or done", async () => {
    const { f, deposit } = await paidDeposit();
    await insertRequest(f, deposit);
    expect(
      await dbError(
        db.execute(
          sql`update deposits set status = 'utilised', utilised_at = now() where id = ${deposit.id}`,
        ),
      ),
    ).toMatchObject({ code: "23514", constraint: "deposits_utilised_without_refund" });
  });
});

describe("marking a deposit utilised", () => {
  /** Issue 10 §7: the report approved, and staff recorded the worker's deportation (which closes it). */
  async function approveAndDeport(f: PaymentFixture) {
    await db
      .update(reports)
      .set({ status: "approved", approvedAt: new Date(), decidedAt: new Date() })
      .where(eq(reports.id, f.report.id));
    await recordWorkerExit(finance(), {
      reportId: f.report.id,
      kind: "deported",
      exitDate: muscatDate(new Date()),
    });
  }
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => "ok",
      (e: { code?: string }) => e.code,
    );

  it("only on an approved report whose worker was recorded deported; never twice, never after a refund, never while one is asked", async () => {
    const a = await paidDeposit();
    const use = (depositId: string, ticketReference = "WY-MCT-COK-261128", who = finance()) =>
      refusal(markDepositUtilised(who, { depositId, ticketReference }));
    expect(await use(a.deposit.id, "  ")).toBe("ticket_required");
    // Contradiction 7: a deposit used before the decision would leave a later rejection with nothing to refund.
    expect(await use(a.deposit.id)).toBe("report_not_approved");
    await db
      .update(reports)
      .set({ status: "approved", approvedAt: new Date() })
      .where(eq(reports.id, a.f.report.id));
    expect(await use(a.deposit.id)).toBe("deportation_not_recorded");
    await recordWorkerExit(finance(), {
      reportId: a.f.report.id,
      kind: "deported",
      exitDate: muscatDate(new Date()),
    });
    expect(await use(a.deposit.id)).toBe("ok");
    const [dep] = await db.select().from(deposits).where(eq(deposits.id, a.deposit.id));
    expect(dep).toMatchObject({ status: "utilised", ticketReference: "WY-MCT-COK-261128" });
    expect(dep!.utilisedAt).toBeInstanceOf(Date);
    const told = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.entityId, a.deposit.id),
          eq(notifications.template, "employer.deposit-utilised.email"),
        ),
      );
    expect(told.map((n) => n.recipient)).toContain(a.f.establishment.email);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, a.deposit.id), eq(auditEvents.action, "deposit.utilised")));
    expect(audit).toHaveLength(1);
    expect(await use(a.deposit.id, "X")).toBe("deposit_utilised");

    const b = await paidDeposit();
    await approveAndDeport(b.f);
    await insertRequest(b.f, b.deposit);
    expect(await use(b.deposit.id, "X", supervisor())).toBe("refund_in_flight");

    const c = await paidDeposit();
    await db.execute(
      sql`update deposits set status = 'refunded', refunded_baisa = amount_baisa where id = ${c.deposit.id}`,
    );
    expect(await use(c.deposit.id, "X")).toBe("deposit_refunded");
    // A rejected refund request does not stand in the way.
    const d = await paidDeposit();
    await approveAndDeport(d.f);
    const req = await insertRequest(d.f, d.deposit);
    await db.execute(sql`update refund_requests set status = 'rejected' where id = ${req.id}`);
    expect(await use(d.deposit.id, "WY-1")).toBe("ok");
  });
});

describe("the refund queue", () => {
  it("lists submitted requests first, oldest first, with keyset pages that neither repeat nor skip", async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { f, deposit } = await paidDeposit();
      made.push((await insertRequest(f, deposit)).id);
    }
    const seen: string[] = [];
    let after = null;
    let pages = 0;
    let first: Awaited<ReturnType<typeof listRefundQueue>> | null = null;
    do {
      const page: Awaited<ReturnType<typeof listRefundQueue>> = await listRefundQueue(
        finance(),
        { status: "submitted" },
        { after, limit: 2 },
      );
      first ??= page;
      seen.push(...page.items.map((i) => i.id));
      after = page.next ? (await import("@/lib/admin/refunds/queue")).decodeRefundCursor(page.next) : null;
      pages++;
    } while (after && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of made) expect(seen).toContain(id);
    expect(seen.slice(-3)).toEqual(made);
    expect(first!.waiting.count).toBeGreaterThanOrEqual(3);
    const all = await listRefundQueue(finance(), {}, { limit: 100 });
    const ranks = all.items.map((i) => Number(i.rank));
    expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
    const detail = await getRefundRequest(finance(), made[0]!, { ip: "203.0.113.9" });
    expect(detail!.request.id).toBe(made[0]);
    const views = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, made[0]!), eq(auditEvents.action, "refund_request.viewed")));
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ actorId: finance().userId, ip: "203.0.113.9" });
    // Search by reference, civil ID, CR number and name (either script, any case).
    const byRef = await listRefundQueue(finance(), { q: detail!.report.reference.toLowerCase() });
    expect(byRef.items.map((i) => i.id)).toEqual([made[0]]);
    const byCivil = await listRefundQueue(finance(), { q: detail!.worker.civilId });
    expect(byCivil.items.map((i) => i.id)).toEqual([made[0]]);
    const byCr = await listRefundQueue(finance(), { q: detail!.establishment.crNumber });
    expect(byCr.items.map((i) => i.id)).toContain(made[0]);
    const byName = await listRefundQueue(finance(), { q: detail!.establishment.nameEn.toUpperCase() });
    expect(byName.items.map((i) => i.id)).toEqual([made[0]]);
    expect(await getRefundRequest(finance(), "not-a-uuid")).toBeNull();
  });
});

describe("the refund queue as CSV", () => {
  it("exports the filtered queue with a BOM, for finance only, and records the export", async () => {
    const { f, deposit } = await paidDeposit();
    await insertRequest(f, deposit);
    const bytes = await readStream(
      await exportRefundsCsv(finance(), { q: f.report.reference }, { pageSize: 1 }),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(decodeUtf8WithBom(bytes));
    expect(rows).toHaveLength(1);
    expect(rows[0]![header!.indexOf("reference")]).toBe(f.report.reference);
    expect(rows[0]![header!.indexOf("worker_name_ar")]).toBe(f.worker.nameAr);
    await expect(exportRefundsCsv(reviewer(), {})).rejects.toBeInstanceOf(ForbiddenError);
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "refunds.exported"), eq(auditEvents.actorId, finance().userId)));
    expect(audit).toBeDefined();
  });
});

describe("the fee table", () => {
  it("parses OMR with three decimals to baisa", () => {
    expect(parseOmrToBaisa("145.500")).toBe(145_500);
    expect(parseOmrToBaisa("145.5")).toBe(145_500);
    expect(parseOmrToBaisa("١٤٥٫٥٠٠")).toBe(145_500);
    expect(parseOmrToBaisa("145.5001")).toBeNull();
    expect(parseOmrToBaisa("0")).toBeNull();
    expect(parseOmrToBaisa("-1")).toBeNull();
  });

  it("a fee change applies only to reports priced after it", async () => {
    const code = `Q${String.fromCharCode(65 + Math.floor(Math.random() * 26))}`;
    await db.delete(ticketFees).where(eq(ticketFees.nationality, code));
    const t0 = new Date();
    const now = () => new Date(t0);
    expect(
      await addTicketFee(finance(), { nationality: code.toLowerCase(), amount: "120.000" }, { now: now() }),
    ).toMatchObject({ ok: true, amountBaisa: 120_000 });
    const later = new Date(t0.getTime() + 2 * 3600_000);
    const local = new Date(later.getTime() + 4 * 3600_000).toISOString().slice(0, 16);
    const added = await addTicketFee(
      supervisor(),
      { nationality: code, amount: "150.250", effectiveFrom: local },
      { now: now() },
    );
    expect(added).toMatchObject({ ok: true, amountBaisa: 150_250 });
    // A report priced now keeps the old fee; one priced after the change gets the new one.
    expect(await feeInForce(code, new Date(t0.getTime() + 1000))).toBe(120_000);
    expect(await feeInForce(code, new Date(later.getTime() + 1000))).toBe(150_250);
    const table = await listTicketFees(finance(), new Date(t0.getTime() + 1000));
    const mine = table.find((g) => g.nationality === code)!;
    expect(mine.rows.map((r) => [r.amountBaisa, r.state])).toEqual([
      [150_250, "future"],
      [120_000, "current"],
    ]);
    // Not back-dated, multiples of 10, a real code.
    const past = new Date(t0.getTime() - 3600_000 + 4 * 3600_000).toISOString().slice(0, 16);
    expect(
      await addTicketFee(
        finance(),
        { nationality: code, amount: "100", effectiveFrom: past },
        { now: now() },
      ),
    ).toEqual({ ok: false, fieldErrors: { effectiveFrom: "effective_past" } });
    expect(await addTicketFee(finance(), { nationality: code, amount: "100.005" }, { now: now() })).toEqual({
      ok: false,
      fieldErrors: { amount: "amount_multiple_of_10" },
    });
    expect(await addTicketFee(finance(), { nationality: "K1", amount: "100" }, { now: now() })).toMatchObject(
      { ok: false, fieldErrors: { nationality: "nationality_invalid" } },
    );
    // Without its own row a nationality falls back to 'ZZ'.
    const zz = await feeInForce("ZZ");
    expect(await feeInForce("Q-")).toBe(zz);
  });
});

describe("inspection referrals", () => {
  async function referral() {
    const f = await createAwaitingPaymentReport();
    const key = new Date().toISOString().slice(0, 4);
    await db
      .update(reports)
      .set({ status: "submitted", submittedAt: new Date() })
      .where(eq(reports.id, f.report.id));
    const [r] = await db
      .insert(inspectionReferrals)
      .values({ establishmentId: f.establishment.id, period: "year", periodKey: key, reportCount: 10 })
      .returning();
    return { f, referral: r! };
  }

  it("lists each referral with the reports that triggered it", async () => {
    const { f, referral: r } = await referral();
    const list = await listInspectionReferrals(supervisor());
    const item = list.items.find((i) => i.referral.id === r.id)!;
    expect(item.reports.map((x) => x.id)).toEqual([f.report.id]);
  });

  it("non-compliant suspends the establishment's services for one year, and tells it", async () => {
    const { f, referral: r } = await referral();
    const now = new Date("2026-11-28T10:00:00Z");
    expect(
      await recordInspectionOutcome(
        supervisor(),
        { referralId: r.id, outcome: "non_compliant", note: "" },
        { now },
      ),
    ).toEqual({ ok: false, code: "note_required" });
    const res = await recordInspectionOutcome(
      supervisor(),
      { referralId: r.id, outcome: "non_compliant", note: "Workers' housing unlicensed" },
      { now },
    );
    expect(res).toEqual({ ok: true, suspendedUntil: new Date("2027-11-28T10:00:00Z") });
    const [est] = await db.select().from(establishments).where(eq(establishments.id, f.establishment.id));
    expect(est!.servicesSuspendedUntil).toEqual(new Date("2027-11-28T10:00:00Z"));
    const mail = (
      await db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.recipient, f.establishment.email),
            eq(notifications.template, "employer.services-suspended"),
          ),
        )
    )[0]!;
    expect(mail.body).toContain("Workers' housing unlicensed");
    expect(
      await recordInspectionOutcome(supervisor(), { referralId: r.id, outcome: "compliant", note: "" }),
    ).toEqual({ ok: false, code: "already_decided" });
  });

  it("once suspended, the establishment cannot file: the journey refuses with the reason and the end date", async () => {
    const { f, referral: r } = await referral();
    const res = await recordInspectionOutcome(supervisor(), {
      referralId: r.id,
      outcome: "non_compliant",
      note: "No payroll records",
    });
    expect(res.ok).toBe(true);
    const until = (res as { suspendedUntil: Date }).suspendedUntil;
    const other = await createWorker(f.establishment.id);
    expect(await startReport(f.employer, { civilId: other.civilId })).toEqual({
      ok: false,
      code: "establishment_suspended",
      params: { until: until.toISOString() },
      field: expect.any(String),
    });
  });

  it("compliant closes the referral without suspending", async () => {
    const { f, referral: r } = await referral();
    expect(
      await recordInspectionOutcome(supervisor(), { referralId: r.id, outcome: "compliant", note: "" }),
    ).toEqual({ ok: true, suspendedUntil: null });
    const [est] = await db.select().from(establishments).where(eq(establishments.id, f.establishment.id));
    expect(est!.servicesSuspendedUntil).toBeNull();
  });
});

describe("role matrix", () => {
  const anyId = "00000000-0000-4000-8000-000000000000";
  async function outsiders(): Promise<Record<string, Actor | null>> {
    const f = await createAwaitingPaymentReport();
    return {
      reviewer: reviewer(),
      employer: f.employer,
      worker: {
        kind: "worker",
        sessionId: crypto.randomUUID(),
        workerId: f.worker.id,
        name: f.worker.nameEn,
        nameAr: f.worker.nameAr,
      },
      anonymous: null,
    };
  }
  const financeCases: Record<string, (a: Actor | null) => Promise<unknown>> = {
    listRefundQueue: (a) => listRefundQueue(a, {}),
    getRefundRequest: (a) => getRefundRequest(a, anyId),
    decideRefund: (a) =>
      decideRefund(a, { refundRequestId: anyId, decision: "approve", reasonCode: "ground_verified" }),
    retryRefund: (a) => retryRefund(a, anyId),
    // Allowed users get past the role check to "not found" (a Refusal that is not ForbiddenError).
    markDepositUtilised: (a) =>
      markDepositUtilised(a, { depositId: anyId, ticketReference: "X" }).catch((e: unknown) => {
        if (e instanceof ForbiddenError || !isRefusal(e)) throw e;
      }),
    listTicketFees: (a) => listTicketFees(a),
    addTicketFee: (a) => addTicketFee(a, { nationality: "!!", amount: "x" }),
  };
  const supervisorCases: Record<string, (a: Actor | null) => Promise<unknown>> = {
    listInspectionReferrals: (a) => listInspectionReferrals(a),
    recordInspectionOutcome: (a) =>
      recordInspectionOutcome(a, { referralId: anyId, outcome: "compliant", note: "" }),
  };

  it("finance and supervisors may do the finance use cases; reviewers, employers, workers and anonymous may not", async () => {
    for (const [name, run] of Object.entries(financeCases)) {
      for (const allowed of [finance(), supervisor()]) {
        await expect(run(allowed), `${name} as ${allowed.role}`).resolves.not.toThrow();
      }
      for (const [who, actor] of Object.entries(await outsiders())) {
        await expect(run(actor), `${name} as ${who}`).rejects.toBeInstanceOf(ForbiddenError);
      }
    }
  });

  it("only supervisors record inspections", async () => {
    for (const [name, run] of Object.entries(supervisorCases)) {
      await expect(run(supervisor()), name).resolves.not.toThrow();
      for (const [who, actor] of Object.entries({ ...(await outsiders()), finance: finance() })) {
        await expect(run(actor), `${name} as ${who}`).rejects.toBeInstanceOf(ForbiddenError);
      }
    }
  });
});
