/**
 * Issue 10 §9 and §12: the Art. 4 referral and the suspension are lifecycles. The employer is told when
 * referred; a non-compliant outcome creates a suspension through the referral's consequences; a suspension
 * blocks starting a report, sending it to payment and paying — never cancellations or refunds — shows its end
 * on the employer's dashboard, ends by itself (daily job) and can be lifted early by a supervisor with a
 * reason. Before the model the suspension was a date nobody ever cleared, and its e-mail said "the ministry's
 * services" were suspended.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import {
  auditEvents,
  establishments,
  inspectionReferrals,
  lifecycleEvents,
  notifications,
  suspensions,
} from "@/db/schema";
import { recordInspectionOutcome } from "@/lib/admin/inspections";
import { requestCancellation } from "@/lib/cancellations/request-cancellation";
import { decideLocalPayment } from "@/lib/payments/local-gateway";
import { startDepositPayment } from "@/lib/payments/start-payment";
import { prepareForPayment } from "@/lib/reports/prepare-for-payment";
import { requestRefund } from "@/lib/reports/request-refund";
import { startReport } from "@/lib/reports/start-report";
import { endDueSuspensions, liftSuspension } from "@/lib/suspensions/lifecycle";
import { createStaffUser, signedInActor } from "@/tests/helpers/accounts";
import { createAwaitingPaymentReport, createWorker } from "@/tests/helpers/payment-fixtures";
import {
  createReport,
  createEstablishment as trackingEstablishment,
} from "@/tests/helpers/tracking-fixtures";

const supervisor = async () => signedInActor("staff", (await createStaffUser({ role: "supervisor" })).id);

function withoutStripe<T>(run: () => Promise<T>): Promise<T> {
  const saved = process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_SECRET_KEY;
  return run().finally(() => {
    if (saved !== undefined) process.env.STRIPE_SECRET_KEY = saved;
  });
}

/** Pays `count` reports of one establishment through the local gateway (each submitted, Art. 4 counted). */
async function submitReports(count: number) {
  const first = await createAwaitingPaymentReport();
  const fixtures = [first];
  for (let i = 1; i < count; i++)
    fixtures.push(
      await createAwaitingPaymentReport({ establishment: first.establishment, employer: first.employer }),
    );
  await withoutStripe(async () => {
    for (const f of fixtures) {
      const started = await startDepositPayment(f.employer, f.report.id, { locale: "en" });
      if (!started.ok || started.kind !== "redirect") throw new Error("not started");
      await decideLocalPayment(f.employer, started.url.split("/").pop()!, "approve");
    }
  });
  return { est: first.establishment, employer: first.employer, fixtures };
}

const referredMail = (email: string) =>
  db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.recipient, email),
        eq(notifications.template, "employer.inspection-referred.email"),
      ),
    );

describe("Art. 4 referral", () => {
  it("the establishment is told when its 5th report of the month refers it for inspection, once", async () => {
    const { est } = await submitReports(5);
    const [ref] = await db
      .select()
      .from(inspectionReferrals)
      .where(and(eq(inspectionReferrals.establishmentId, est.id), eq(inspectionReferrals.period, "month")));
    expect(ref).toMatchObject({ status: "open", reportCount: 5 });
    const mail = await referredMail(est.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain("5");
    expect(mail[0]!.body).toContain("Article 4");
    const history = await db
      .select()
      .from(lifecycleEvents)
      .where(and(eq(lifecycleEvents.entity, "inspection"), eq(lifecycleEvents.entityId, ref!.id)));
    expect(history).toMatchObject([{ transition: "created", toStatus: "open", actorKind: "system" }]);
  });
});

describe("a suspension's lifecycle", () => {
  async function suspendedEstablishment(now = new Date()) {
    const f = await createAwaitingPaymentReport();
    const [ref] = await db
      .insert(inspectionReferrals)
      .values({ establishmentId: f.establishment.id, period: "year", periodKey: "2026", reportCount: 10 })
      .returning();
    const sup = await supervisor();
    const res = await recordInspectionOutcome(
      sup,
      { referralId: ref!.id, outcome: "non_compliant", note: "Housing unlicensed" },
      { now },
    );
    expect(res.ok).toBe(true);
    const [s] = await db
      .select()
      .from(suspensions)
      .where(eq(suspensions.establishmentId, f.establishment.id));
    return { f, referral: ref!, suspension: s!, sup };
  }

  it("non-compliant creates an active suspension, and the e-mail says what is blocked here", async () => {
    const { f, suspension, referral } = await suspendedEstablishment();
    expect(suspension).toMatchObject({ status: "active", referralId: referral.id });
    const [est] = await db.select().from(establishments).where(eq(establishments.id, f.establishment.id));
    expect(est!.servicesSuspendedUntil).toEqual(suspension.endsAt);
    const [mail] = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipient, f.establishment.email),
          eq(notifications.template, "employer.services-suspended"),
        ),
      );
    expect(mail!.body).not.toMatch(/ministry's services/i);
    expect(mail!.body).not.toContain("خدمات الوزارة");
    expect(mail!.body).toContain("cannot start a new work-abandonment report");
    expect(mail!.body).toContain("ask for deposits back");
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, suspension.id));
    expect(audit.map((a) => a.action)).toContain("suspension.created");
  });

  it("blocks starting a report, sending one to payment and paying — not cancellations or refunds", async () => {
    const { f } = await suspendedEstablishment();
    const worker = await createWorker(f.establishment.id);
    expect(await startReport(f.employer, { workerId: worker.id })).toMatchObject({
      ok: false,
      code: "establishment_suspended",
    });
    // The fixture's report is awaiting payment: paying is refused before any money moves.
    expect(
      await withoutStripe(() => startDepositPayment(f.employer, f.report.id, { locale: "en" })),
    ).toMatchObject({ ok: false, code: "not_permitted", reason: "establishment_suspended" });
    // A draft cannot be sent to payment.
    const draft = await createAwaitingPaymentReport({
      establishment: f.establishment,
      employer: f.employer,
      status: "draft",
    });
    expect(await prepareForPayment(f.employer, draft.report.id)).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([expect.objectContaining({ code: "establishment_suspended" })]),
    });

    // An establishment must still be able to get its money back and withdraw a report.
    const est = await trackingEstablishment("Suspended");
    const submitted = await createReport(est, { status: "submitted" });
    const rejected = await createReport(est, { status: "rejected" });
    const sup = await supervisor();
    const [ref] = await db
      .insert(inspectionReferrals)
      .values({ establishmentId: est.id, period: "year", periodKey: "2026", reportCount: 10 })
      .returning();
    await recordInspectionOutcome(sup, { referralId: ref!.id, outcome: "non_compliant", note: "x" });
    await expect(
      requestCancellation(est.owner, {
        reportId: submitted.id,
        reason: "filed_by_mistake",
        explanation: "We filed this report by mistake.",
      }),
    ).resolves.toHaveProperty("id");
    await expect(requestRefund(est.owner, { reportId: rejected.id })).resolves.toMatchObject({
      ground: "report_rejected",
    });
  });

  it("ends by itself on its date (daily job, once), and the establishment may file again", async () => {
    const { f, suspension } = await suspendedEstablishment(new Date(Date.now() - 400 * 86_400_000));
    expect(suspension.endsAt.getTime()).toBeLessThan(Date.now());
    const first = await endDueSuspensions();
    expect(first.ended).toBeGreaterThanOrEqual(1);
    expect(await endDueSuspensions()).toEqual({ ended: 0 });
    const [s] = await db.select().from(suspensions).where(eq(suspensions.id, suspension.id));
    expect(s!.status).toBe("ended");
    const [est] = await db.select().from(establishments).where(eq(establishments.id, f.establishment.id));
    expect(est!.servicesSuspendedUntil).toBeNull();
    const mail = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipient, f.establishment.email),
          eq(notifications.template, "employer.suspension-ended.email"),
        ),
      );
    expect(mail).toHaveLength(1);
    const worker = await createWorker(f.establishment.id);
    expect(await startReport(f.employer, { workerId: worker.id })).toMatchObject({ ok: true });
  });

  it("a supervisor lifts it early with a reason (audited; the establishment told); nobody else may", async () => {
    const { f, suspension, sup } = await suspendedEstablishment();
    await expect(liftSuspension(sup, { suspensionId: suspension.id, reason: "  " })).rejects.toMatchObject({
      code: "reason_required_lift",
      field: "reason",
    });
    const reviewer = await signedInActor("staff", (await createStaffUser({ role: "reviewer" })).id);
    await expect(
      liftSuspension(reviewer, { suspensionId: suspension.id, reason: "Appeal upheld" }),
    ).rejects.toMatchObject({ name: "ForbiddenError" });
    await liftSuspension(sup, {
      suspensionId: suspension.id,
      reason: "Appeal upheld by the inspection department",
      expectedVersion: suspension.version,
    });
    const [s] = await db.select().from(suspensions).where(eq(suspensions.id, suspension.id));
    expect(s).toMatchObject({ status: "lifted", liftReason: "Appeal upheld by the inspection department" });
    const [est] = await db.select().from(establishments).where(eq(establishments.id, f.establishment.id));
    expect(est!.servicesSuspendedUntil).toBeNull();
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, suspension.id), eq(auditEvents.action, "suspension.lifted")));
    expect(audit).toMatchObject({
      actorKind: "staff",
      after: { note: "Appeal upheld by the inspection department" },
    });
    const [mail] = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipient, f.establishment.email),
          eq(notifications.template, "employer.suspension-ended.email"),
        ),
      );
    expect(mail!.body).toContain("Appeal upheld by the inspection department");
    // Lifted is final: a second lift is refused.
    await expect(liftSuspension(sup, { suspensionId: suspension.id, reason: "again" })).rejects.toMatchObject(
      { code: "not_allowed_now" },
    );
  });

  it("compliant: the establishment is told, and nothing is suspended", async () => {
    const f = await createAwaitingPaymentReport();
    const [ref] = await db
      .insert(inspectionReferrals)
      .values({ establishmentId: f.establishment.id, period: "month", periodKey: "2026-11", reportCount: 5 })
      .returning();
    await recordInspectionOutcome(await supervisor(), {
      referralId: ref!.id,
      outcome: "compliant",
      note: "",
    });
    const mail = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipient, f.establishment.email),
          eq(notifications.template, "employer.inspection-compliant.email"),
        ),
      );
    expect(mail).toHaveLength(1);
    expect(
      await db.select().from(suspensions).where(eq(suspensions.establishmentId, f.establishment.id)),
    ).toEqual([]);
  });
});

describe("migration 0009: establishments suspended before the lifecycle", () => {
  it("get their active suspension row (to be ended or lifted); a past date is cleared", async () => {
    const until = new Date(Date.now() + 100 * 86_400_000);
    const current = await createAwaitingPaymentReport();
    const past = await createAwaitingPaymentReport();
    await db
      .update(establishments)
      .set({ servicesSuspendedUntil: until })
      .where(eq(establishments.id, current.establishment.id));
    await db
      .update(establishments)
      .set({ servicesSuspendedUntil: new Date(Date.now() - 86_400_000) })
      .where(eq(establishments.id, past.establishment.id));
    const file = readFileSync(
      path.join(__dirname, "../../db/migrations/0009_suspension_backfill.sql"),
      "utf8",
    );
    for (const statement of file.split("--> statement-breakpoint")) await db.execute(sql.raw(statement));
    const rows = await db
      .select()
      .from(suspensions)
      .where(eq(suspensions.establishmentId, current.establishment.id));
    expect(rows).toMatchObject([{ status: "active", endsAt: until }]);
    const [p] = await db.select().from(establishments).where(eq(establishments.id, past.establishment.id));
    expect(p!.servicesSuspendedUntil).toBeNull();
    // Run again: nothing more.
    for (const statement of file.split("--> statement-breakpoint")) await db.execute(sql.raw(statement));
    expect(
      await db.select().from(suspensions).where(eq(suspensions.establishmentId, current.establishment.id)),
    ).toHaveLength(1);
  });
});
