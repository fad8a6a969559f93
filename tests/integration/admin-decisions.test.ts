import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import {
  auditEvents,
  cancellationRequests,
  grievances,
  notifications,
  refundRequests,
  reportEvents,
  reports,
  workers,
} from "@/db/schema";
import { decideReport } from "@/lib/admin/decide-report";
import { decideCancellation, decideGrievance } from "@/lib/admin/decide-request";
import { Refusal } from "@/lib/lifecycle/refusal";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { loadRefundFacts } from "@/lib/reports/refund-facts";
import { assessRefund, datesFromApproval } from "@/lib/reports/refund-grounds";
import { createStaffUser, signedInActor } from "../helpers/accounts";
import { createEstablishment, createReport, createWorker } from "../helpers/tracking-fixtures";
import { uniqueSuffix } from "../helpers/db";

const APP = "https://balagh.test";

async function staff(role: "reviewer" | "finance" | "supervisor"): Promise<Actor> {
  const u = await createStaffUser({ role });
  return signedInActor("staff", u.id);
}

async function submittedCase(opts: { nationality?: string; permit?: "active" | "left_workplace" } = {}) {
  const est = await createEstablishment("Decisions");
  const worker = await createWorker(est.id, {
    nationality: opts.nationality ?? "IN",
    permitStatus: opts.permit,
  });
  const report = await createReport(est, { status: "submitted", workerId: worker.id });
  const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
  const [w] = await db.select().from(workers).where(eq(workers.id, worker.id));
  return { est, worker: w!, report: row!, depositId: report.depositId };
}

async function approvedCase() {
  const est = await createEstablishment("Decisions");
  const worker = await createWorker(est.id, { permitStatus: "left_workplace" });
  const report = await createReport(est, {
    status: "approved",
    workerId: worker.id,
    approvedAt: new Date(Date.now() - 3 * 86_400_000),
  });
  const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
  const [w] = await db.select().from(workers).where(eq(workers.id, worker.id));
  return { est, worker: w!, report: row! };
}

const messagesFor = (reportId: string) =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.entityType, "report"), eq(notifications.entityId, reportId)));
const eventsFor = (reportId: string) =>
  db.select().from(reportEvents).where(eq(reportEvents.reportId, reportId)).orderBy(reportEvents.id);
const auditFor = (entityId: string) =>
  db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId));

describe("approving a report", () => {
  it("sets the dates, the permit, the timeline and the audit event, and tells both parties", async () => {
    const reviewer = await staff("reviewer");
    const c = await submittedCase({ nationality: "EG" });
    const now = new Date("2026-11-28T21:30:00Z"); // already the 29th in Muscat
    const result = await decideReport(
      reviewer,
      {
        reportId: c.report.id,
        outcome: "approve",
        reasonCode: "evidence_sufficient",
        note: "Bank statement matches",
        expectedVersion: c.report.version,
      },
      { now, appUrl: APP },
    );
    const dates = datesFromApproval(now);
    expect(dates.grievanceDeadline).toBe("2027-01-28");
    expect(result).toEqual({ status: "approved", grievanceDeadline: "2027-01-28", refundRequestId: null });

    const [r] = await db.select().from(reports).where(eq(reports.id, c.report.id));
    expect(r!.status).toBe("approved");
    expect(r!.version).toBe(c.report.version + 1);
    expect(r!.approvedAt?.toISOString()).toBe(now.toISOString());
    expect([r!.grievanceDeadline, r!.legalPeriodEnds, r!.refundClaimUntil]).toEqual([
      "2027-01-28",
      "2030-11-29",
      "2035-11-29",
    ]);
    const [w] = await db.select().from(workers).where(eq(workers.id, c.worker.id));
    expect(w!.permitStatus).toBe("left_workplace");

    const last = (await eventsFor(c.report.id)).at(-1)!;
    expect(last).toMatchObject({
      fromStatus: "submitted",
      toStatus: "approved",
      actorKind: "staff",
      reasonCode: "evidence_sufficient",
      note: "Bank statement matches",
    });
    const audit = await auditFor(c.report.id);
    expect(audit.filter((a) => a.action === "report.approved")).toHaveLength(1);

    const sent = await messagesFor(c.report.id);
    const sms = sent.find((m) => m.channel === "sms" && m.recipient === c.worker.mobile);
    // An Egyptian worker reads Arabic; the SMS gives the grievance deadline.
    expect(sms?.locale).toBe("ar");
    expect(sms?.body).toContain("٢٨ يناير ٢٠٢٧");
    expect(
      sent.some((m) => m.recipient === c.est.owner.email && m.template === "employer.report-decided.email"),
    ).toBe(true);
    const employerMail = sent.find((m) => m.template === "employer.report-decided.email")!;
    expect(employerMail.body).toContain("Bank statement matches");
  });

  it("an English-reading worker gets the SMS in English", async () => {
    const c = await submittedCase({ nationality: "IN" });
    await decideReport(
      await staff("supervisor"),
      {
        reportId: c.report.id,
        outcome: "approve",
        reasonCode: "absence_confirmed",
        expectedVersion: c.report.version,
      },
      { appUrl: APP },
    );
    const sms = (await messagesFor(c.report.id)).find((m) => m.channel === "sms")!;
    expect(sms.locale).toBe("en");
    expect(sms.body).toMatch(/You may object until \w+ \d+, \d{4}:/);
  });
});

describe("rejecting a report", () => {
  it("records the reason, asks for the deposit back for the employer, and tells both parties", async () => {
    const c = await submittedCase();
    const result = await decideReport(
      await staff("reviewer"),
      {
        reportId: c.report.id,
        outcome: "reject",
        reasonCode: "evidence_insufficient",
        note: null,
        expectedVersion: c.report.version,
      },
      { appUrl: APP },
    );
    expect(result.status).toBe("rejected");
    const [r] = await db.select().from(reports).where(eq(reports.id, c.report.id));
    expect(r!.status).toBe("rejected");
    expect(r!.grievanceDeadline).toBeNull();
    const [w] = await db.select().from(workers).where(eq(workers.id, c.worker.id));
    expect(w!.permitStatus).toBe("active");

    const refunds = await db.select().from(refundRequests).where(eq(refundRequests.reportId, c.report.id));
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      id: result.refundRequestId,
      ground: "report_rejected",
      status: "submitted",
      amountBaisa: 85_000,
      depositId: c.depositId,
      requestedBy: c.report.createdBy,
    });
    // The employer's page: the ground holds, and the request is already in.
    const facts = await loadRefundFacts(db, r!);
    const a = assessRefund(facts.facts);
    expect(a.grounds).toEqual(["report_rejected"]);
    expect(a.blocker).toBe("refund_requested");

    const sent = await messagesFor(c.report.id);
    expect(sent.filter((m) => m.channel === "sms")).toHaveLength(1);
    expect(sent.find((m) => m.template === "employer.report-decided.email")!.body).toContain(
      "The ticket deposit will be paid back",
    );
  });

  it("refuses an unknown reason, and 'other' without a note, writing nothing", async () => {
    const c = await submittedCase();
    const reviewer = await staff("reviewer");
    await expect(
      decideReport(reviewer, {
        reportId: c.report.id,
        outcome: "reject",
        reasonCode: "evidence_sufficient",
        expectedVersion: c.report.version,
      }),
    ).rejects.toMatchObject({ code: "reason_invalid" });
    await expect(
      decideReport(reviewer, {
        reportId: c.report.id,
        outcome: "reject",
        reasonCode: "other",
        note: "  ",
        expectedVersion: c.report.version,
      }),
    ).rejects.toMatchObject({ code: "note_required" });
    const [r] = await db.select().from(reports).where(eq(reports.id, c.report.id));
    expect(r!.status).toBe("submitted");
  });
});

describe("two reviewers deciding one report at once", () => {
  it("one wins; the other is told it was already decided; nothing is written twice", async () => {
    const c = await submittedCase();
    const [a, b] = [await staff("reviewer"), await staff("supervisor")];
    const input = {
      reportId: c.report.id,
      outcome: "approve" as const,
      reasonCode: "evidence_sufficient",
      expectedVersion: c.report.version,
    };
    const results = await Promise.allSettled([
      decideReport(a, input, { appUrl: APP }),
      decideReport(b, input, { appUrl: APP }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const reason = (lost[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(Refusal);
    expect(reason.code).toBe("already_decided");

    const approvedRows = await db
      .select()
      .from(reports)
      .where(and(eq(reports.id, c.report.id), eq(reports.status, "approved")));
    expect(approvedRows).toHaveLength(1);
    expect(approvedRows[0]!.version).toBe(c.report.version + 1);
    expect((await eventsFor(c.report.id)).filter((e) => e.toStatus === "approved")).toHaveLength(1);
    expect((await auditFor(c.report.id)).filter((e) => e.action === "report.approved")).toHaveLength(1);
    const sent = await messagesFor(c.report.id);
    expect(sent.filter((m) => m.channel === "sms")).toHaveLength(1);
    expect(sent.filter((m) => m.template === "employer.report-decided.email")).toHaveLength(2); // establishment + filer, once each
  });

  it("a decision made on a stale page is refused", async () => {
    const c = await submittedCase();
    const reviewer = await staff("reviewer");
    await decideReport(reviewer, {
      reportId: c.report.id,
      outcome: "approve",
      reasonCode: "evidence_sufficient",
      expectedVersion: c.report.version,
    });
    await expect(
      decideReport(reviewer, {
        reportId: c.report.id,
        outcome: "reject",
        reasonCode: "duplicate_report",
        expectedVersion: c.report.version,
      }),
    ).rejects.toMatchObject({ code: "already_decided" });
  });
});

async function openCancellation(reportId: string, requestedBy: string) {
  const [row] = await db
    .insert(cancellationRequests)
    .values({ reportId, reason: "worker_returned", explanation: `Came back ${uniqueSuffix()}`, requestedBy })
    .returning();
  return row!;
}

async function openGrievance(reportId: string, workerId: string) {
  const [row] = await db
    .insert(grievances)
    .values({
      reportId,
      workerId,
      grounds: "at_work",
      statement: "I was at work.",
      contactPhone: "+96891234567",
    })
    .returning();
  return row!;
}

describe("cancellation requests", () => {
  it("accepting cancels the report, restores the permit and opens the refund ground", async () => {
    const c = await approvedCase();
    const req = await openCancellation(c.report.id, c.report.createdBy);
    await decideCancellation(
      await staff("reviewer"),
      { requestId: req.id, outcome: "accept", reasonCode: "worker_returned", expectedVersion: req.version },
      { appUrl: APP },
    );
    const [r] = await db.select().from(reports).where(eq(reports.id, c.report.id));
    expect(r!.status).toBe("cancelled");
    const [q] = await db.select().from(cancellationRequests).where(eq(cancellationRequests.id, req.id));
    expect(q).toMatchObject({
      status: "accepted",
      decisionReasonCode: "worker_returned",
      version: req.version + 1,
    });
    expect((await eventsFor(c.report.id)).at(-1)).toMatchObject({
      toStatus: "cancelled",
      reasonCode: "cancellation_accepted",
    });
    const [w] = await db.select().from(workers).where(eq(workers.id, c.worker.id));
    expect(w!.permitStatus).toBe("active");
    const a = assessRefund((await loadRefundFacts(db, r!)).facts);
    expect(a.grounds).toContain("cancellation_approved");
    expect(a.offered).toBe(true);
    expect((await auditFor(req.id)).map((e) => e.action)).toEqual(["cancellation.accepted"]);
    const sent = await messagesFor(c.report.id);
    expect(sent.some((m) => m.template === "employer.cancellation-decided.email")).toBe(true);
    expect(sent.some((m) => m.template === "worker.report-cancelled.sms")).toBe(true);
  });

  it("rejecting leaves the report as it was and tells the employer why", async () => {
    const c = await approvedCase();
    const req = await openCancellation(c.report.id, c.report.createdBy);
    await decideCancellation(
      await staff("reviewer"),
      {
        requestId: req.id,
        outcome: "reject",
        reasonCode: "other",
        note: "The worker says otherwise.",
        expectedVersion: req.version,
      },
      { appUrl: APP },
    );
    const [r] = await db.select().from(reports).where(eq(reports.id, c.report.id));
    expect(r!.status).toBe("approved");
    const [q] = await db.select().from(cancellationRequests).where(eq(cancellationRequests.id, req.id));
    expect(q!.status).toBe("rejected");
    const mail = (await messagesFor(c.report.id)).find(
      (m) => m.template === "employer.cancellation-decided.email",
    )!;
    expect(mail.body).toContain("The worker says otherwise.");
    expect((await messagesFor(c.report.id)).some((m) => m.channel === "sms")).toBe(false);
  });
});

describe("grievances", () => {
  it("accepting cancels the report with grievance_accepted, restores the permit, and the employer may claim the deposit", async () => {
    const c = await approvedCase();
    const g = await openGrievance(c.report.id, c.worker.id);
    await decideGrievance(
      await staff("reviewer"),
      { requestId: g.id, outcome: "accept", reasonCode: "worker_was_at_work", expectedVersion: g.version },
      { appUrl: APP },
    );
    const [r] = await db.select().from(reports).where(eq(reports.id, c.report.id));
    expect(r!.status).toBe("cancelled");
    expect((await eventsFor(c.report.id)).at(-1)).toMatchObject({
      toStatus: "cancelled",
      reasonCode: "grievance_accepted",
    });
    const [w] = await db.select().from(workers).where(eq(workers.id, c.worker.id));
    expect(w!.permitStatus).toBe("active");
    const a = assessRefund((await loadRefundFacts(db, r!)).facts);
    expect(a.grounds).toEqual(["grievance_accepted"]);
    expect(a.offered).toBe(true);
    const sent = await messagesFor(c.report.id);
    expect(sent.some((m) => m.template === "worker.grievance-decided.sms")).toBe(true);
    expect(sent.some((m) => m.template === "employer.grievance-decided.email")).toBe(true);
  });

  it("rejecting keeps the report and tells both parties", async () => {
    const c = await approvedCase();
    const g = await openGrievance(c.report.id, c.worker.id);
    await decideGrievance(
      await staff("supervisor"),
      { requestId: g.id, outcome: "reject", reasonCode: "report_substantiated", expectedVersion: g.version },
      { appUrl: APP },
    );
    const [r] = await db.select().from(reports).where(eq(reports.id, c.report.id));
    expect(r!.status).toBe("approved");
    const [w] = await db.select().from(workers).where(eq(workers.id, c.worker.id));
    expect(w!.permitStatus).toBe("left_workplace");
    const sent = await messagesFor(c.report.id);
    expect(sent.find((m) => m.template === "worker.grievance-decided.sms")!.body).toContain("rejected");
    expect(sent.some((m) => m.template === "employer.grievance-decided.email")).toBe(true);
  });

  it("two reviewers accepting one grievance at once: one cancellation, one error", async () => {
    const c = await approvedCase();
    const g = await openGrievance(c.report.id, c.worker.id);
    const input = {
      requestId: g.id,
      outcome: "accept" as const,
      reasonCode: "on_legal_leave",
      expectedVersion: g.version,
    };
    const results = await Promise.allSettled([
      decideGrievance(await staff("reviewer"), input),
      decideGrievance(await staff("reviewer"), input),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.code).toBe(
      "already_decided",
    );
    expect((await eventsFor(c.report.id)).filter((e) => e.toStatus === "cancelled")).toHaveLength(1);
  });
});

describe("role matrix for the reviewer's decisions", () => {
  it("reviewer and supervisor may decide; finance, employers, workers and anonymous may not", async () => {
    const est = await createEstablishment("Matrix");
    const workerRow = await createWorker(est.id);
    const workerActor: Actor = {
      kind: "worker",
      sessionId: "00000000-0000-4000-8000-000000000000",
      workerId: workerRow.id,
      name: "W",
      nameAr: "ع",
    };
    const denied: [string, Actor | null][] = [
      ["finance", await staff("finance")],
      ["employer", est.owner],
      ["worker", workerActor],
      ["anonymous", null],
    ];
    for (const [label, actor] of denied) {
      const c = await submittedCase();
      const req = await openCancellation(c.report.id, c.report.createdBy);
      const cases = [
        () =>
          decideReport(actor, {
            reportId: c.report.id,
            outcome: "approve",
            reasonCode: "evidence_sufficient",
            expectedVersion: c.report.version,
          }),
        () =>
          decideCancellation(actor, {
            requestId: req.id,
            outcome: "accept",
            reasonCode: "worker_returned",
            expectedVersion: req.version,
          }),
        () =>
          decideGrievance(actor, {
            requestId: req.id,
            outcome: "reject",
            reasonCode: "report_substantiated",
            expectedVersion: 1,
          }),
      ];
      for (const run of cases) await expect(run(), label).rejects.toBeInstanceOf(ForbiddenError);
      const [r] = await db.select().from(reports).where(eq(reports.id, c.report.id));
      expect(r!.status, label).toBe("submitted");
    }
    for (const role of ["reviewer", "supervisor"] as const) {
      const actor = await staff(role);
      const c = await submittedCase();
      await expect(
        decideReport(actor, {
          reportId: c.report.id,
          outcome: "approve",
          reasonCode: "evidence_sufficient",
          expectedVersion: c.report.version,
        }),
      ).resolves.toMatchObject({ status: "approved" });
      const a = await approvedCase();
      const g = await openGrievance(a.report.id, a.worker.id);
      await expect(
        decideGrievance(actor, {
          requestId: g.id,
          outcome: "reject",
          reasonCode: "report_substantiated",
          expectedVersion: g.version,
        }),
      ).resolves.toEqual({
        status: "rejected",
      });
      const b = await approvedCase();
      const q = await openCancellation(b.report.id, b.report.createdBy);
      await expect(
        decideCancellation(actor, {
          requestId: q.id,
          outcome: "reject",
          reasonCode: "not_substantiated",
          expectedVersion: q.version,
        }),
      ).resolves.toEqual({
        status: "rejected",
      });
    }
  });
});
