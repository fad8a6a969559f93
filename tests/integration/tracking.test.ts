import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/db";
import {
  auditEvents,
  cancellationRequests,
  cancellationRequests as cr,
  refundRequests,
  workers,
} from "@/db/schema";
import { ForbiddenError } from "@/lib/auth/actor";
import { decodeCursor } from "@/lib/reports/cursor";
import {
  countReportsByStatus,
  findOwnReportIdByReference,
  getReportDetail,
  listEstablishmentReports,
} from "@/lib/reports/queries";
import { requestCancellation } from "@/lib/cancellations/request-cancellation";
import { Refusal } from "@/lib/lifecycle/refusal";
import { requestRefund } from "@/lib/reports/request-refund";
import { withdrawCancellation } from "@/lib/cancellations/withdraw-cancellation";
import {
  createEmployerUser,
  createEstablishment,
  createReport,
  createWorker,
  type Establishment,
} from "@/tests/helpers/tracking-fixtures";

let A: Establishment;
let B: Establishment;

beforeAll(async () => {
  await ensureDatabase();
  A = await createEstablishment("Alpha");
  B = await createEstablishment("Beta");
});

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ForbiddenError) return "forbidden";
    if (e instanceof Refusal) return e.code;
    throw e;
  }
  return "succeeded";
}

const toArabicDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

describe("listing an establishment's reports", () => {
  it("shows only the actor's establishment's reports, filters by status and counts by status", async () => {
    const est = await createEstablishment("List");
    const other = await createEstablishment("Other");
    const submitted = await createReport(est, { status: "submitted" });
    const draft = await createReport(est, { status: "draft" });
    const foreign = await createReport(other, { status: "submitted" });

    const all = await listEstablishmentReports(est.owner, {});
    expect(all.rows.map((r) => r.id).sort()).toEqual([submitted.id, draft.id].sort());
    expect(all.rows.map((r) => r.id)).not.toContain(foreign.id);

    const onlySubmitted = await listEstablishmentReports(est.owner, { status: "submitted" });
    expect(onlySubmitted.rows.map((r) => r.id)).toEqual([submitted.id]);

    const counts = await countReportsByStatus(est.owner);
    expect(counts).toMatchObject({ submitted: 1, draft: 1, approved: 0 });
  });

  it("searches by Arabic name (spelling folded), Latin name (any case), civil ID and reference typed any way", async () => {
    const est = await createEstablishment("Search");
    const ahmed = await createWorker(est.id, { nameEn: "Ahmed Karim Sheikh", nameAr: "أحمد كريم شيخ" });
    const other = await createWorker(est.id, { nameEn: "Joseph Mathew", nameAr: "جوزيف ماثيو" });
    const r1 = await createReport(est, { status: "submitted", workerId: ahmed.id });
    const r2 = await createReport(est, { status: "approved", workerId: other.id });
    const ids = async (q: string) => (await listEstablishmentReports(est.owner, { q })).rows.map((r) => r.id);

    expect(await ids("احمد")).toEqual([r1.id]); // bare alef finds hamza alef
    expect(await ids("AHMED karim")).toEqual([r1.id]);
    expect(await ids("mathew")).toEqual([r2.id]);
    expect(await ids(ahmed.civilId)).toEqual([r1.id]);
    expect(await ids(toArabicDigits(ahmed.civilId.slice(0, 6)))).toEqual([r1.id]);
    expect(await ids(r2.reference)).toEqual([r2.id]);
    expect(await ids(` ${toArabicDigits(r2.reference.toLowerCase()).replace(/-/g, " ")} `)).toEqual([r2.id]);
    expect(await ids("nobody-like-this")).toEqual([]);
    // Another establishment's reference finds nothing.
    expect((await listEstablishmentReports(B.owner, { q: r2.reference })).rows).toEqual([]);
  });

  it("pages with keyset cursors: every report once, in order, forwards and back, even with identical timestamps", async () => {
    const est = await createEstablishment("Pages");
    const sameInstant = new Date("2026-11-20T10:00:00.000Z");
    const created: string[] = [];
    for (let i = 0; i < 7; i++)
      created.push((await createReport(est, { status: "draft", createdAt: sameInstant })).id);
    for (let i = 0; i < 18; i++)
      created.push(
        (
          await createReport(est, {
            status: "submitted",
            createdAt: new Date(Date.UTC(2026, 10, 1, 0, 0, i)),
          })
        ).id,
      );

    const pages: string[][] = [];
    let after: string | null = null;
    const cursors: (string | null)[] = [];
    do {
      const page = await listEstablishmentReports(est.owner, { after, limit: 10 });
      pages.push(page.rows.map((r) => r.id));
      cursors.push(after);
      after = page.olderCursor;
      if (pages.length === 1) expect(page.newerCursor).toBeNull();
    } while (after);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(25);
    expect(seen.sort()).toEqual([...created].sort());

    // Newest first: the seven drafts (same instant, ordered by id desc) come before the older submitted ones.
    const first = await listEstablishmentReports(est.owner, { limit: 10 });
    expect(first.rows.slice(0, 7).every((r) => r.status === "draft")).toBe(true);
    const draftIds = first.rows.slice(0, 7).map((r) => r.id);
    expect(draftIds).toEqual([...draftIds].sort().reverse());

    // Back from the third page gives the second page again.
    const third = await listEstablishmentReports(est.owner, { after: cursors[2], limit: 10 });
    expect(third.olderCursor).toBeNull();
    const back = await listEstablishmentReports(est.owner, { before: third.newerCursor, limit: 10 });
    expect(back.rows.map((r) => r.id)).toEqual(pages[1]);
    const backToFirst = await listEstablishmentReports(est.owner, { before: back.newerCursor, limit: 10 });
    expect(backToFirst.rows.map((r) => r.id)).toEqual(pages[0]);
    expect(backToFirst.newerCursor).toBeNull();

    // The cursor keeps microseconds.
    expect(decodeCursor(first.olderCursor)?.createdAt).toMatch(/\.\d{6}Z$/);
  });
});

describe("an employer of A cannot reach B's report", () => {
  it("by id or by reference: not found, never forbidden (existence is not revealed)", async () => {
    const theirs = await createReport(B, { status: "submitted" });
    expect(await getReportDetail(A.owner, theirs.id)).toBeNull();
    expect(await findOwnReportIdByReference(A.owner, theirs.reference)).toBeNull();
    expect(await findOwnReportIdByReference(B.owner, theirs.reference)).toBe(theirs.id);
    expect(await getReportDetail(B.owner, theirs.id)).not.toBeNull();
    expect(await getReportDetail(A.owner, "not-a-uuid")).toBeNull();
  });

  it("cannot ask to cancel it, withdraw its request, or ask for its refund", async () => {
    const theirs = await createReport(B, {
      status: "cancelled",
      approvedAt: new Date("2026-05-01T08:00:00Z"),
    });
    await db.insert(cr).values({
      reportId: theirs.id,
      status: "accepted",
      reason: "settled",
      explanation: "x".repeat(20),
      requestedBy: B.owner.userId,
    });
    expect(
      await refusal(
        requestCancellation(A.owner, {
          reportId: theirs.id,
          reason: "settled",
          explanation: "Trying someone else's report",
        }),
      ),
    ).toBe("not_found");
    expect(await refusal(requestRefund(A.owner, { reportId: theirs.id }))).toBe("not_found");

    const open = await createReport(B, { status: "submitted" });
    const { id: requestId } = await requestCancellation(B.owner, {
      reportId: open.id,
      reason: "worker_returned",
      explanation: "He came back today.",
    });
    expect(await refusal(withdrawCancellation(A.owner, { requestId }))).toBe("not_found");
    const [still] = await db
      .select()
      .from(cancellationRequests)
      .where(eq(cancellationRequests.id, requestId));
    expect(still?.status).toBe("submitted");
    expect(await db.select().from(refundRequests).where(eq(refundRequests.reportId, theirs.id))).toEqual([]);
  });
});

describe("cancellation requests", () => {
  it("one open request at a time; withdrawable while undecided; then a new one may be made", async () => {
    const hr = await createEmployerUser(A.id, "hr_officer", "HR Officer");
    const report = await createReport(A, { status: "submitted" });
    const first = await requestCancellation(hr, {
      reportId: report.id,
      reason: "worker_returned",
      explanation: "Back at work since Sunday.",
    });
    expect(
      await refusal(
        requestCancellation(A.owner, {
          reportId: report.id,
          reason: "settled",
          explanation: "A second request.",
        }),
      ),
    ).toBe("cancellation_already_open");

    const detail = await getReportDetail(A.owner, report.id);
    expect(detail?.openCancellation?.id).toBe(first.id);
    expect(detail?.now.requestCancellation).toEqual({ ok: false, why: "cancellation_already_open" });
    expect(detail?.now.withdrawCancellation?.id).toBe(first.id);
    expect(detail?.timeline.some((e) => e.type === "cancellation_requested")).toBe(true);

    await withdrawCancellation(A.owner, { requestId: first.id });
    const [row] = await db.select().from(cancellationRequests).where(eq(cancellationRequests.id, first.id));
    expect(row).toMatchObject({ status: "withdrawn", decisionReasonCode: "withdrawn_by_employer" });
    expect(row?.decidedAt).toBeInstanceOf(Date);
    expect(await refusal(withdrawCancellation(A.owner, { requestId: first.id }))).toBe("not_allowed_now");

    const again = await requestCancellation(A.owner, {
      reportId: report.id,
      reason: "settled",
      explanation: "We settled after all.",
    });
    expect(again.id).not.toBe(first.id);

    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "cancellation_request"), eq(auditEvents.entityId, first.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["cancellation.requested", "cancellation.withdrawn"]);
    expect(audit.find((a) => a.action === "cancellation.requested")?.actorId).toBe(hr.userId);
  });

  it("two requests at the same moment: exactly one is recorded", async () => {
    const report = await createReport(A, { status: "approved" });
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        refusal(
          requestCancellation(A.owner, {
            reportId: report.id,
            reason: "settled",
            explanation: `Attempt number ${i}`,
          }),
        ),
      ),
    );
    expect(results.filter((r) => r === "succeeded")).toHaveLength(1);
    expect(results.filter((r) => r === "cancellation_already_open")).toHaveLength(2);
    const rows = await db
      .select()
      .from(cancellationRequests)
      .where(eq(cancellationRequests.reportId, report.id));
    expect(rows).toHaveLength(1);
  });

  it("only on a submitted or approved report", async () => {
    for (const status of ["draft", "awaiting_payment", "rejected", "cancelled", "closed"] as const) {
      const report = await createReport(A, { status });
      expect(
        await refusal(
          requestCancellation(A.owner, {
            reportId: report.id,
            reason: "filed_by_mistake",
            explanation: "Not allowed here.",
          }),
        ),
      ).toBe("cancellation_not_allowed");
    }
  });

  it("is for employers only", async () => {
    const report = await createReport(A, { status: "submitted" });
    const staff = {
      kind: "staff" as const,
      sessionId: "x",
      userId: A.owner.userId,
      role: "supervisor" as const,
      name: "S",
      email: "s@x",
    };
    expect(
      await refusal(
        requestCancellation(staff, {
          reportId: report.id,
          reason: "settled",
          explanation: "Staff cannot do this.",
        }),
      ),
    ).toBe("forbidden");
    expect(
      await refusal(
        requestCancellation(null, {
          reportId: report.id,
          reason: "settled",
          explanation: "Nobody signed in.",
        }),
      ),
    ).toBe("forbidden");
  });
});

describe("refund requests", () => {
  it("cancellation approved: offered, recorded for the whole deposit, and only once", async () => {
    const report = await createReport(A, {
      status: "cancelled",
      approvedAt: new Date("2026-06-01T08:00:00Z"),
      feeBaisa: 98_000,
    });
    await db.insert(cr).values({
      reportId: report.id,
      status: "accepted",
      reason: "worker_returned",
      explanation: "Came back.",
      requestedBy: A.owner.userId,
    });
    const before = await getReportDetail(A.owner, report.id);
    expect(before?.refund).toMatchObject({
      offered: true,
      grounds: ["cancellation_approved"],
      amountBaisa: 98_000,
    });

    const made = await requestRefund(A.owner, { reportId: report.id });
    expect(made).toMatchObject({ ground: "cancellation_approved", amountBaisa: 98_000 });
    const [row] = await db.select().from(refundRequests).where(eq(refundRequests.id, made.id));
    expect(row).toMatchObject({
      status: "submitted",
      depositId: report.depositId,
      requestedBy: A.owner.userId,
      amountBaisa: 98_000,
    });

    expect(await refusal(requestRefund(A.owner, { reportId: report.id }))).toBe("refund_requested");
    const after = await getReportDetail(A.owner, report.id);
    expect(after?.refund).toMatchObject({ offered: false, blocker: "refund_requested" });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "refund_request"), eq(auditEvents.entityId, made.id)));
    expect(audit?.action).toBe("report.refund_requested");
  });

  it("legal period ended: from the 4th anniversary of approval (Muscat), not before, and not after the 9th", async () => {
    // 21:00 UTC on 9 May 2021 = 10 May in Muscat.
    const report = await createReport(A, {
      status: "approved",
      approvedAt: new Date("2021-05-09T21:00:00Z"),
    });
    const detail = await getReportDetail(A.owner, report.id, new Date("2025-05-09T19:59:00Z"));
    expect(detail?.refund).toMatchObject({ offered: false, legalPeriodGroundFrom: "2025-05-10" });
    expect(
      await refusal(requestRefund(A.owner, { reportId: report.id }, db, new Date("2025-05-09T19:59:00Z"))),
    ).toBe("refund_no_ground");
    expect(
      await refusal(requestRefund(A.owner, { reportId: report.id }, db, new Date("2030-05-10T20:00:00Z"))),
    ).toBe("refund_no_ground");
    const made = await requestRefund(A.owner, { reportId: report.id }, db, new Date("2025-05-09T20:00:00Z"));
    expect(made.ground).toBe("legal_period_ended");
  });

  it("grievance accepted: a cancellation whose timeline reason is grievance_accepted", async () => {
    const report = await createReport(A, {
      status: "cancelled",
      approvedAt: new Date("2026-06-01T08:00:00Z"),
      cancelReason: "grievance_accepted",
    });
    expect((await requestRefund(A.owner, { reportId: report.id })).ground).toBe("grievance_accepted");
  });

  it("worker left at own expense: the registry shows the permit cancelled", async () => {
    const report = await createReport(A, {
      status: "approved",
      approvedAt: new Date("2026-09-01T08:00:00Z"),
    });
    expect(await refusal(requestRefund(A.owner, { reportId: report.id }))).toBe("refund_no_ground");
    await db.update(workers).set({ permitStatus: "cancelled" }).where(eq(workers.id, report.workerId));
    expect(await refusal(requestRefund(A.owner, { reportId: report.id, ground: "legal_period_ended" }))).toBe(
      "refund_ground_invalid",
    );
    expect(
      (await requestRefund(A.owner, { reportId: report.id, ground: "worker_left_country" })).ground,
    ).toBe("worker_left_country");
  });

  it("never for a deposit that is utilised, refunded or unpaid", async () => {
    const cancelled = {
      status: "cancelled" as const,
      approvedAt: new Date("2026-06-01T08:00:00Z"),
      cancelReason: "grievance_accepted",
    };
    const utilised = await createReport(A, { ...cancelled, deposit: "utilised" });
    const refunded = await createReport(A, { ...cancelled, deposit: "refunded" });
    const unpaid = await createReport(A, { ...cancelled, deposit: "none" });
    expect(await refusal(requestRefund(A.owner, { reportId: utilised.id }))).toBe("deposit_utilised");
    expect(await refusal(requestRefund(A.owner, { reportId: refunded.id }))).toBe("deposit_refunded");
    expect(await refusal(requestRefund(A.owner, { reportId: unpaid.id }))).toBe("no_paid_deposit");
  });
});
