import { and, asc, count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/db";
import {
  cancellationRequests,
  deposits,
  establishments,
  refundRequests,
  reportEvents,
  reports,
  workers,
} from "@/db/schema";
import {
  AL_NOOR_CR,
  DEMO_REPORT_SCENARIOS,
  demoReportId,
  SOHAR_TRADING_CR,
  seedDemoReports,
} from "@/db/seed";
import { assessRefund } from "@/lib/reports/refund-grounds";
import { loadRefundFacts } from "@/lib/reports/refund-facts";
import { OPEN_REPORT_STATUSES } from "@/lib/reports/states";

const ids = DEMO_REPORT_SCENARIOS.map((s) => demoReportId(s.key));

async function snapshot() {
  return {
    reports: await db.select().from(reports).where(inArray(reports.id, ids)).orderBy(asc(reports.id)),
    events: (await db.select({ n: count() }).from(reportEvents).where(inArray(reportEvents.reportId, ids)))[0]
      ?.n,
    deposits: await db
      .select()
      .from(deposits)
      .where(inArray(deposits.reportId, ids))
      .orderBy(asc(deposits.id)),
    cancellations: await db
      .select()
      .from(cancellationRequests)
      .where(inArray(cancellationRequests.reportId, ids))
      .orderBy(asc(cancellationRequests.id)),
    refunds: await db
      .select()
      .from(refundRequests)
      .where(inArray(refundRequests.reportId, ids))
      .orderBy(asc(refundRequests.id)),
  };
}

beforeAll(async () => {
  await ensureDatabase();
});

describe("seedDemoReports", () => {
  it("is idempotent: running it again changes nothing", async () => {
    const before = await snapshot();
    await seedDemoReports(db);
    await seedDemoReports(db);
    expect(await snapshot()).toEqual(before);
    expect(before.reports).toHaveLength(DEMO_REPORT_SCENARIOS.length);
  });

  it("gives both demo establishments a report in every status, with timelines", async () => {
    for (const crNumber of [AL_NOOR_CR, SOHAR_TRADING_CR]) {
      const rows = await db
        .select({ status: reports.status, id: reports.id })
        .from(reports)
        .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
        .where(and(eq(establishments.crNumber, crNumber), inArray(reports.id, ids)));
      expect(new Set(rows.map((r) => r.status))).toEqual(
        new Set(["draft", "awaiting_payment", "submitted", "approved", "rejected", "cancelled", "closed"]),
      );
      for (const r of rows) {
        const events = await db
          .select()
          .from(reportEvents)
          .where(eq(reportEvents.reportId, r.id))
          .orderBy(asc(reportEvents.at));
        expect(events[0]).toMatchObject({ fromStatus: null, toStatus: "draft" });
        expect(events[events.length - 1]?.toStatus).toBe(r.status);
      }
    }
    // The seeded pending deposit is old: payment reconciliation (run by other tests, and by the app's jobs)
    // rightly expires it, so either state proves it was seeded.
    const depositStatuses = new Set(
      (await db.select().from(deposits).where(inArray(deposits.reportId, ids))).map((d) =>
        d.status === "expired" ? "pending" : d.status,
      ),
    );
    expect(depositStatuses).toEqual(new Set(["paid", "utilised", "refunded", "pending", "failed"]));
    const cancellationStatuses = (
      await db.select().from(cancellationRequests).where(inArray(cancellationRequests.reportId, ids))
    ).map((c) => c.status);
    expect(cancellationStatuses).toEqual(expect.arrayContaining(["submitted", "accepted"]));
    const refundStatuses = (
      await db.select().from(refundRequests).where(inArray(refundRequests.reportId, ids))
    ).map((c) => c.status);
    expect(refundStatuses).toContain("submitted");
  });

  it("keeps the fixed demo workers free of open reports, and approved reports' workers off the job", async () => {
    const open = await db
      .select({ civilId: workers.civilId })
      .from(reports)
      .innerJoin(workers, eq(workers.id, reports.workerId))
      .where(
        and(
          inArray(workers.civilId, ["100000001", "100000002", "100000003"]),
          inArray(reports.status, [...OPEN_REPORT_STATUSES]),
        ),
      );
    expect(open).toEqual([]);
    const approved = await db
      .select({
        permitStatus: workers.permitStatus,
        approvedAt: reports.approvedAt,
        legalPeriodEnds: reports.legalPeriodEnds,
      })
      .from(reports)
      .innerJoin(workers, eq(workers.id, reports.workerId))
      .where(and(inArray(reports.id, ids), eq(reports.status, "approved")));
    expect(approved.length).toBeGreaterThanOrEqual(4);
    for (const a of approved) {
      expect(["left_workplace", "cancelled"]).toContain(a.permitStatus);
      expect(a.approvedAt).toBeInstanceOf(Date);
      expect(a.legalPeriodEnds).not.toBeNull();
    }
  });

  it("has an approved report from 2021 whose legal period has ended, so a refund is offered", async () => {
    const [r] = await db
      .select()
      .from(reports)
      .where(eq(reports.id, demoReportId("alnoor-approved-2021")));
    expect(r).toMatchObject({
      status: "approved",
      grievanceDeadline: "2021-07-09",
      legalPeriodEnds: "2025-05-10",
      refundClaimUntil: "2030-05-10",
    });
    const { facts } = await loadRefundFacts(db, r!);
    expect(assessRefund(facts, new Date("2026-11-28T08:00:00Z"))).toMatchObject({
      offered: true,
      grounds: ["legal_period_ended"],
      amountBaisa: 98_000,
    });
  });
});
