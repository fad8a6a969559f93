/**
 * Statistics are exact on a known fixture: March 2019 (Muscat), a month no other test or the seed uses.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/db";
import { DEMO_WORKERS } from "@/db/seed";
import { establishments, reports, workers } from "@/db/schema";
import { eq } from "drizzle-orm";
import { loadStatistics, type Statistics } from "@/lib/admin/statistics";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { createEmployerUser, createStaffUser, signedInActor } from "@/tests/helpers/accounts";
import { createMarch2019Fixture, insertFixtureReport } from "@/tests/helpers/statistics-fixture";
import { createEstablishment } from "@/tests/helpers/tracking-fixtures";

const MARCH = { from: "2019-03-01", to: "2019-03-31", governorate: null };
let staff: Actor;

beforeAll(async () => {
  await ensureDatabase();
  await createMarch2019Fixture();
  staff = await signedInActor("staff", (await createStaffUser({ role: "reviewer" })).id);
});

const count = (rows: { key: string; count: number }[]) =>
  Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.key, r.count]));
const govCounts = (s: Statistics) =>
  Object.fromEntries(s.byGovernorate.filter((g) => g.count > 0).map((g) => [g.code, g.count]));

describe("loadStatistics on March 2019", () => {
  it("counts the month's filed reports by governorate, month, nationality and status, in Muscat time", async () => {
    const s = await loadStatistics(staff, MARCH);
    expect(s.total).toBe(5);
    expect(govCounts(s)).toEqual({ MA: 3, DA: 1, MU: 1 });
    // Every governorate is listed, the empty ones with 0.
    expect(s.byGovernorate).toHaveLength(11);
    expect(s.byMonth).toEqual([{ key: "2019-03", count: 5 }]);
    expect(s.byNationality).toEqual([
      { key: "IN", count: 3 },
      { key: "BD", count: 1 },
      { key: "PK", count: 1 },
    ]);
    expect(count(s.byStatus)).toEqual({ approved: 2, rejected: 1, cancelled: 1, submitted: 1 });
  });

  it("gives the median time to a decision, the grievance acceptance rate and the deposits in baisa", async () => {
    const s = await loadStatistics(staff, MARCH);
    // Decisions after 24, 48, 72 and 96 hours: the median is 60 hours.
    expect(s.decisions).toEqual({ count: 4, medianSeconds: 60 * 3600 });
    // One accepted, two rejected; the open grievance is not counted.
    expect(s.grievances).toEqual({ accepted: 1, rejected: 2, rate: 1 / 3 });
    expect(s.deposits).toEqual({
      held: { count: 2, baisa: 175_000 },
      // One full refund (85.000) and one partial (40.000 of 85.000).
      refunded: { count: 2, baisa: 125_000 },
      utilised: { count: 1, baisa: 90_000 },
    });
  });

  it("narrows to a governorate (the work governorate when the report gives one)", async () => {
    const ma = await loadStatistics(staff, { ...MARCH, governorate: "MA" });
    expect(ma.total).toBe(3);
    expect(ma.byGovernorate).toEqual([expect.objectContaining({ code: "MA", count: 3 })]);
    expect(ma.decisions).toEqual({ count: 3, medianSeconds: 48 * 3600 });
    expect(ma.grievances).toEqual({ accepted: 1, rejected: 1, rate: 0.5 });
    expect(ma.deposits.utilised).toEqual({ count: 0, baisa: 0 });

    const mu = await loadStatistics(staff, { ...MARCH, governorate: "MU" });
    expect(mu.total).toBe(1);
    expect(mu.grievances).toEqual({ accepted: 0, rejected: 0, rate: null });
    expect(mu.decisions).toEqual({ count: 0, medianSeconds: null });
  });

  it("widens by the date range: the reports just outside March in Muscat time join (the seed has one on 10 February)", async () => {
    const s = await loadStatistics(staff, { from: "2019-02-25", to: "2019-04-05", governorate: null });
    expect(s.total).toBe(7);
    expect(s.byMonth).toEqual([
      { key: "2019-02", count: 1 },
      { key: "2019-03", count: 5 },
      { key: "2019-04", count: 1 },
    ]);
    // 24, 48, 72, 96, 1000 hours: the median is the middle one.
    expect(s.decisions).toEqual({ count: 5, medianSeconds: 72 * 3600 });
  });
});

describe("who may see statistics", () => {
  it("admits every staff role", async () => {
    for (const role of ["reviewer", "finance", "supervisor"] as const) {
      const actor = await signedInActor("staff", (await createStaffUser({ role })).id);
      expect((await loadStatistics(actor, MARCH)).total).toBe(5);
    }
  });

  it("refuses employers, workers and anonymous callers", async () => {
    const employer = await signedInActor("employer", (await createEmployerUser()).id);
    const [w] = await db.select().from(workers).where(eq(workers.civilId, DEMO_WORKERS[0]!.civilId));
    const worker = await signedInActor("worker", w!.id);
    for (const actor of [employer, worker, null]) {
      await expect(loadStatistics(actor, MARCH)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("the report's own governorate and nationality (no join at scale)", () => {
  // July 2018 (Muscat), a month nothing else uses.
  const JULY = { from: "2018-07-01", to: "2018-07-31", governorate: null };

  it("are set by the database on insert, follow the workplace, and keep the nationality the worker had when reported", async () => {
    const est = await createEstablishment("Stats copies");
    await db.update(establishments).set({ governorateCode: "BN" }).where(eq(establishments.id, est.id));
    const r = await insertFixtureReport({
      est,
      nationality: "NP",
      status: "submitted",
      submittedAt: "2018-07-10T10:00:00+04:00",
    });
    const [row] = await db.select().from(reports).where(eq(reports.id, r.id));
    expect(row).toMatchObject({ statsGovernorateCode: "BN", workerNationality: "NP" });
    let s = await loadStatistics(staff, JULY);
    expect(govCounts(s)).toEqual({ BN: 1 });
    expect(count(s.byNationality)).toEqual({ NP: 1 });

    // A later correction of the worker's record does not move the report in the statistics.
    await db.update(workers).set({ nationality: "LK" }).where(eq(workers.id, row!.workerId));
    s = await loadStatistics(staff, JULY);
    expect(count(s.byNationality)).toEqual({ NP: 1 });

    // The workplace the employer gives (saveAbsence updates work_governorate_code) is the report's governorate;
    // taking it away falls back to the establishment's.
    await db.update(reports).set({ workGovernorateCode: "ZU" }).where(eq(reports.id, r.id));
    s = await loadStatistics(staff, JULY);
    expect(govCounts(s)).toEqual({ ZU: 1 });
    expect((await loadStatistics(staff, { ...JULY, governorate: "ZU" })).total).toBe(1);
    expect((await loadStatistics(staff, { ...JULY, governorate: "BN" })).total).toBe(0);
    await db.update(reports).set({ workGovernorateCode: null }).where(eq(reports.id, r.id));
    expect(govCounts(await loadStatistics(staff, JULY))).toEqual({ BN: 1 });
  });
});
