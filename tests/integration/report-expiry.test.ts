/**
 * Issue 10 §4: drafts and unpaid reports expire after REPORT_DRAFT_EXPIRY_DAYS (daily job, idempotent, the
 * employer told) or are discarded by the employer; neither holds the one-open-report index. Before the model
 * an unpaid report held the worker forever: after a permit transfer the new employer could never file.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditEvents, deposits, notifications, reportEvents, reports, workers } from "@/db/schema";
import { discardReport } from "@/lib/reports/discard-report";
import { expireStaleReports } from "@/lib/reports/daily";
import { startReport } from "@/lib/reports/start-report";
import { createAwaitingPaymentReport, reloadReport } from "@/tests/helpers/payment-fixtures";
import { makeEmployer, makeEstablishment } from "@/tests/helpers/filing";

const DAY = 86_400_000;
const NOW = new Date();

/** A report left untouched `days` days ago. */
async function leftFor(days: number, status: "draft" | "awaiting_payment" = "awaiting_payment") {
  const f = await createAwaitingPaymentReport({ status });
  await db
    .update(reports)
    .set({ updatedAt: new Date(NOW.getTime() - days * DAY) })
    .where(eq(reports.id, f.report.id));
  return f;
}

afterEach(() => {
  delete process.env.REPORT_DRAFT_EXPIRY_DAYS;
});

describe("the daily job expires reports left unfinished or unpaid", () => {
  it("after 30 days by default: the report expires once, the employer is told, the worker is free again", async () => {
    const unpaid = await leftFor(31);
    const draft = await leftFor(31, "draft");
    const recent = await leftFor(29);
    const paying = await leftFor(40);
    await db.insert(deposits).values({
      reportId: paying.report.id,
      amountBaisa: paying.report.feeBaisa!,
      provider: "local",
      status: "pending",
    });
    const ids = [unpaid, draft, recent, paying].map((f) => f.report.id);

    expect(await expireStaleReports({ now: NOW, reportIds: ids })).toEqual({ expired: 2 });
    expect((await reloadReport(unpaid.report.id)).status).toBe("expired");
    expect((await reloadReport(draft.report.id)).status).toBe("expired");
    expect((await reloadReport(recent.report.id)).status).toBe("awaiting_payment");
    // A payment under way is never cut off: the deposit settles (or expires) first.
    expect((await reloadReport(paying.report.id)).status).toBe("awaiting_payment");
    const moves = await db
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, unpaid.report.id), eq(reportEvents.toStatus, "expired")));
    expect(moves).toMatchObject([{ fromStatus: "awaiting_payment", actorKind: "system" }]);
    const mail = await db
      .select()
      .from(notifications)
      .where(
        and(
          inArray(notifications.entityId, ids),
          eq(notifications.template, "employer.report-expired.email"),
        ),
      );
    expect([...new Set(mail.map((m) => m.entityId))].sort()).toEqual(
      [unpaid.report.id, draft.report.id].sort(),
    );
    expect(mail.find((m) => m.entityId === unpaid.report.id)!.body).toContain(
      "waited for its deposit for 30 days",
    );

    // Idempotent.
    expect(await expireStaleReports({ now: NOW, reportIds: ids })).toEqual({ expired: 0 });

    // The expired unpaid report no longer holds the worker: after a transfer, the new employer may file.
    const newEst = await makeEstablishment();
    const newEmployer = await makeEmployer(newEst.id);
    await db.update(workers).set({ establishmentId: newEst.id }).where(eq(workers.id, unpaid.worker.id));
    const started = await startReport(newEmployer, { workerId: unpaid.worker.id });
    expect(started).toMatchObject({ ok: true, resumed: false });
  });

  it("REPORT_DRAFT_EXPIRY_DAYS changes the number of days", async () => {
    process.env.REPORT_DRAFT_EXPIRY_DAYS = "7";
    const f = await leftFor(8);
    expect(await expireStaleReports({ now: NOW, reportIds: [f.report.id] })).toEqual({ expired: 1 });
    process.env.REPORT_DRAFT_EXPIRY_DAYS = "not a number";
    const g = await leftFor(8);
    expect(await expireStaleReports({ now: NOW, reportIds: [g.report.id] })).toEqual({ expired: 0 });
  });
});

describe("the employer discards a draft or unpaid report", () => {
  it("an unpaid report: discarded, recorded and audited, and the worker is free again", async () => {
    const f = await createAwaitingPaymentReport();
    await expect(discardReport(f.employer, { reportId: f.report.id })).resolves.toMatchObject({
      reportId: f.report.id,
    });
    expect((await reloadReport(f.report.id)).status).toBe("discarded");
    const [move] = await db
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, f.report.id), eq(reportEvents.toStatus, "discarded")));
    expect(move).toMatchObject({ actorKind: "employer", actorId: f.employer.userId });
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, f.report.id), eq(auditEvents.action, "report.discarded")));
    expect(audit).toMatchObject([{ actorKind: "employer", actorId: f.employer.userId }]);
    // Nobody is told: the employer did it, and the worker never knew of the report.
    expect(await db.select().from(notifications).where(eq(notifications.entityId, f.report.id))).toEqual([]);
    // The same establishment may start again for the worker at once.
    expect(await startReport(f.employer, { workerId: f.worker.id })).toMatchObject({
      ok: true,
      resumed: false,
    });
  });

  it("a draft too; never once a payment started, never someone else's, never a sent report", async () => {
    const draft = await createAwaitingPaymentReport({ status: "draft" });
    await discardReport(draft.employer, { reportId: draft.report.id });
    expect((await reloadReport(draft.report.id)).status).toBe("discarded");

    const paying = await createAwaitingPaymentReport();
    await db.insert(deposits).values({
      reportId: paying.report.id,
      amountBaisa: paying.report.feeBaisa!,
      provider: "local",
      status: "pending",
    });
    await expect(discardReport(paying.employer, { reportId: paying.report.id })).rejects.toMatchObject({
      code: "payment_started",
    });
    expect((await reloadReport(paying.report.id)).status).toBe("awaiting_payment");

    const other = await createAwaitingPaymentReport();
    await expect(discardReport(paying.employer, { reportId: other.report.id })).rejects.toMatchObject({
      code: "not_found",
    });
    await db.update(reports).set({ status: "submitted" }).where(eq(reports.id, other.report.id));
    await expect(discardReport(other.employer, { reportId: other.report.id })).rejects.toMatchObject({
      code: "not_allowed_now",
    });
  });
});
