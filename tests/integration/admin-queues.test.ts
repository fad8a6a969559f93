import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditEvents, cancellationRequests, grievances } from "@/db/schema";
import { loadCase } from "@/lib/admin/case";
import { listQueue } from "@/lib/admin/queues";
import { parseRefundFilters } from "@/lib/admin/refunds/queue";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { createStaffUser, signedInActor } from "../helpers/accounts";
import { createEstablishment, createReport, createWorker } from "../helpers/tracking-fixtures";
import { uniqueSuffix } from "../helpers/db";

async function staff(role: "reviewer" | "finance" | "supervisor"): Promise<Actor> {
  return signedInActor("staff", (await createStaffUser({ role })).id);
}

describe("the reports queue", () => {
  it("lists submitted reports oldest first, with the count and the oldest's age, a page at a time", async () => {
    const label = `Queue${uniqueSuffix(6)}`;
    const est = await createEstablishment(label);
    const t = (d: string) => new Date(`${d}T08:00:00Z`);
    const oldest = await createReport(est, { status: "submitted", createdAt: t("2026-01-03") });
    const middle = await createReport(est, { status: "submitted", createdAt: t("2026-01-05") });
    const newest = await createReport(est, { status: "submitted", createdAt: t("2026-02-01") });
    await createReport(est, { status: "approved", createdAt: t("2026-01-01") }); // decided: not in the queue
    const reviewer = await staff("reviewer");

    const first = await listQueue(reviewer, "reports", { q: label, limit: 2 });
    expect(first.count).toBe(3);
    expect(first.oldestAt?.toISOString()).toBe(t("2026-01-03").toISOString());
    expect(first.items.map((i) => i.reportId)).toEqual([oldest.id, middle.id]);
    expect(first.nextCursor).not.toBeNull();
    const second = await listQueue(reviewer, "reports", { q: label, limit: 2, after: first.nextCursor });
    expect(second.items.map((i) => i.reportId)).toEqual([newest.id]);
    expect(second.nextCursor).toBeNull();
    // A later page still names the whole queue's oldest and its count.
    expect(second.oldestAt?.toISOString()).toBe(t("2026-01-03").toISOString());
    expect(second).toMatchObject({ count: 3, countCapped: false });
    // Past the cap the count stops and says so ("more than 10,000" on the page).
    expect(await listQueue(reviewer, "reports", { q: label, limit: 1, countCap: 2 })).toMatchObject({
      count: 2,
      countCapped: true,
    });
    expect(await listQueue(reviewer, "reports", { q: label, limit: 1, countCap: 3 })).toMatchObject({
      count: 3,
      countCapped: false,
    });

    // Date range on the Muscat calendar, and the filters that exclude.
    const january = await listQueue(reviewer, "reports", { q: label, from: "2026-01-04", to: "2026-01-31" });
    expect(january.items.map((i) => i.reportId)).toEqual([middle.id]);
    expect((await listQueue(reviewer, "reports", { q: label, governorate: "DH" })).count).toBe(0);
    expect((await listQueue(reviewer, "reports", { q: label, nationality: "IN" })).count).toBe(3);
    expect((await listQueue(reviewer, "reports", { q: label, nationality: "PH" })).count).toBe(0);
  });

  it("finds a report by reference, civil ID, CR number and a name in either script", async () => {
    const est = await createEstablishment(`Find${uniqueSuffix(6)}`);
    const suffix = uniqueSuffix(6);
    const worker = await createWorker(est.id, {
      nameEn: `Ramesh Kumar ${suffix}`,
      nameAr: `راميش كومار ${suffix}`,
    });
    const report = await createReport(est, { status: "submitted", workerId: worker.id });
    const reviewer = await staff("supervisor");
    const found = async (q: string) =>
      (await listQueue(reviewer, "reports", { q, limit: 100 })).items.map((i) => i.reportId);
    expect(await found(report.reference.toLowerCase())).toEqual([report.id]);
    expect(await found(worker.civilId)).toContain(report.id);
    expect(await found(est.crNumber)).toContain(report.id);
    expect(await found(`kumar ${suffix}`)).toEqual([report.id]);
    expect(await found(`كومار ${suffix}`)).toEqual([report.id]);
  });

  it("ignores an impossible date in the filters instead of failing", async () => {
    const reviewer = await staff("reviewer");
    const all = await listQueue(reviewer, "reports");
    const bad = await listQueue(reviewer, "reports", { from: "2026-13-45", to: "2026-02-30" });
    expect(bad.count).toBe(all.count);
    expect(parseRefundFilters({ from: "2026-13-45", to: "2026-11-28" })).toMatchObject({
      from: null,
      to: "2026-11-28",
    });
  });

  it("is for reviewers and supervisors only", async () => {
    const est = await createEstablishment("QueueRoles");
    const w = await createWorker(est.id);
    const workerActor: Actor = {
      kind: "worker",
      sessionId: "00000000-0000-4000-8000-000000000000",
      workerId: w.id,
      name: "W",
      nameAr: "ع",
    };
    for (const actor of [await staff("finance"), est.owner, workerActor, null]) {
      for (const kind of ["reports", "cancellations", "grievances"] as const) {
        await expect(listQueue(actor, kind)).rejects.toBeInstanceOf(ForbiddenError);
      }
    }
    for (const role of ["reviewer", "supervisor"] as const) {
      await expect(listQueue(await staff(role), "reports", { limit: 1 })).resolves.toHaveProperty("count");
    }
  });
});

describe("the cancellation and grievance queues", () => {
  it("show open requests only, with their status filter", async () => {
    const label = `Req${uniqueSuffix(6)}`;
    const est = await createEstablishment(label);
    const a = await createReport(est, { status: "approved" });
    const b = await createReport(est, { status: "approved" });
    const base = {
      reason: "worker_returned" as const,
      explanation: "Back at work",
      requestedBy: est.owner.userId,
    };
    await db.insert(cancellationRequests).values([
      { ...base, reportId: a.id, status: "under_review" },
      { ...base, reportId: b.id, status: "rejected" },
    ]);
    await db.insert(grievances).values({
      reportId: b.id,
      workerId: b.workerId,
      grounds: "at_work",
      statement: "x",
      contactPhone: "+96891234567",
    });
    const reviewer = await staff("reviewer");
    const cancellations = await listQueue(reviewer, "cancellations", { q: label });
    expect(cancellations.items.map((i) => [i.reportId, i.status])).toEqual([[a.id, "under_review"]]);
    expect((await listQueue(reviewer, "cancellations", { q: label, status: "submitted" })).count).toBe(0);
    const open = await listQueue(reviewer, "grievances", { q: label });
    expect(open.items.map((i) => i.reportId)).toEqual([b.id]);
  });
});

describe("the case page's data", () => {
  it("gathers the case and records that a member of staff viewed it", async () => {
    const est = await createEstablishment("Case");
    const report = await createReport(est, { status: "submitted" });
    const reviewer = await staff("reviewer");
    const file = await loadCase(reviewer, report.id, { ip: "203.0.113.9" });
    expect(file?.report.reference).toBe(report.reference);
    expect(file?.deposits).toHaveLength(1);
    expect(file?.events.map((e) => e.toStatus)).toEqual(["draft", "awaiting_payment", "submitted"]);
    const views = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, report.id), eq(auditEvents.action, "report.viewed")));
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ actorKind: "staff", ip: "203.0.113.9" });
    await expect(loadCase(est.owner, report.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(loadCase(null, report.id)).rejects.toBeInstanceOf(ForbiddenError);
    // Finance reads cases (refunds need them); the decisions stay the reviewer's.
    expect((await loadCase(await staff("finance"), report.id))?.report.id).toBe(report.id);
  });
});
