/**
 * Issue 10: consequences of one case's transition on the others live in the lifecycle tables. These tests
 * failed before the model (a pending grievance or cancellation outlived its report; the reviewer who
 * approved a report could decide the grievance against it).
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditEvents, cancellationRequests, grievances, lifecycleEvents, notifications } from "@/db/schema";
import { decideReport } from "@/lib/admin/decide-report";
import { decideCancellation, decideGrievance } from "@/lib/admin/decide-request";
import { requestCancellation } from "@/lib/cancellations/request-cancellation";
import { loadCase } from "@/lib/cases/facts";
import { createStaffUser, signedInActor } from "../helpers/accounts";
import { createEstablishment, createReport, createWorker } from "../helpers/tracking-fixtures";

const APP = "https://balagh.test";

async function staff(role: "reviewer" | "supervisor") {
  return signedInActor("staff", (await createStaffUser({ role })).id);
}

/** A submitted report with an open grievance by the worker and an open cancellation request by the employer. */
async function caseWithBothRequests() {
  const est = await createEstablishment("Consequences");
  const worker = await createWorker(est.id, { nationality: "IN" });
  const report = await createReport(est, { status: "submitted", workerId: worker.id });
  const [g] = await db
    .insert(grievances)
    .values({
      reportId: report.id,
      workerId: worker.id,
      grounds: "at_work",
      statement: "I was at work every day.",
      contactPhone: "+96891234567",
    })
    .returning();
  const cancellation = await requestCancellation(est.owner, {
    reportId: report.id,
    reason: "filed_by_mistake",
    explanation: "We filed this by mistake, sorry.",
  });
  const c = await loadCase(db, report.id);
  return { est, worker, report: c!.report, grievanceId: g!.id, cancellationId: cancellation.id };
}

const statusOf = async (table: typeof grievances | typeof cancellationRequests, id: string) =>
  (await db.select({ s: table.status }).from(table).where(eq(table.id, id)))[0]!.s;

describe("a report's open requests end with it", () => {
  it("rejecting the report closes its open grievance and cancellation request, and tells each party", async () => {
    const reviewer = await staff("reviewer");
    const k = await caseWithBothRequests();
    await decideReport(
      reviewer,
      {
        reportId: k.report.id,
        outcome: "reject",
        reasonCode: "evidence_insufficient",
        expectedVersion: k.report.version,
      },
      { appUrl: APP },
    );
    expect(await statusOf(grievances, k.grievanceId)).toBe("closed");
    expect(await statusOf(cancellationRequests, k.cancellationId)).toBe("closed");

    const history = await db
      .select()
      .from(lifecycleEvents)
      .where(and(eq(lifecycleEvents.reportId, k.report.id), eq(lifecycleEvents.transition, "closed")));
    expect(history.map((h) => [h.entity, h.toStatus, h.reasonCode, h.actorKind]).sort()).toEqual([
      ["cancellation", "closed", "report_rejected", "system"],
      ["grievance", "closed", "report_rejected", "system"],
    ]);
    const worker = await db.select().from(notifications).where(eq(notifications.entityId, k.grievanceId));
    expect(worker.map((n) => [n.template, n.recipient])).toEqual([
      ["worker.grievance-closed.sms", k.worker.mobile],
    ]);
    expect(worker[0]!.body).toContain(k.report.reference);
    const employer = await db
      .select()
      .from(notifications)
      .where(eq(notifications.entityId, k.cancellationId));
    expect(employer.map((n) => n.template)).toContain("employer.cancellation-closed.email");
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, k.grievanceId));
    expect(audit.map((a) => a.action)).toContain("grievance.closed");
  });

  it("accepting the cancellation closes the open grievance; the grievance can then not be decided", async () => {
    const reviewer = await staff("reviewer");
    const other = await staff("reviewer");
    const k = await caseWithBothRequests();
    const [req] = await db
      .select()
      .from(cancellationRequests)
      .where(eq(cancellationRequests.id, k.cancellationId));
    await decideCancellation(
      reviewer,
      {
        requestId: k.cancellationId,
        outcome: "accept",
        reasonCode: "filed_by_mistake",
        expectedVersion: req!.version,
      },
      { appUrl: APP },
    );
    expect(await statusOf(grievances, k.grievanceId)).toBe("closed");
    const [g] = await db.select().from(grievances).where(eq(grievances.id, k.grievanceId));
    await expect(
      decideGrievance(other, {
        requestId: k.grievanceId,
        outcome: "reject",
        reasonCode: "grievance_unsupported",
        expectedVersion: g!.version,
      }),
    ).rejects.toMatchObject({ code: "not_allowed_now" });
  });
});

describe("separation of duties", () => {
  it("the reviewer who approved the report cannot decide the grievance against it; another reviewer can", async () => {
    const approver = await staff("reviewer");
    const second = await staff("reviewer");
    const est = await createEstablishment("Duties");
    const worker = await createWorker(est.id, {});
    const report = await createReport(est, { status: "submitted", workerId: worker.id });
    const c = await loadCase(db, report.id);
    await decideReport(approver, {
      reportId: report.id,
      outcome: "approve",
      reasonCode: "evidence_sufficient",
      expectedVersion: c!.report.version,
    });
    const [g] = await db
      .insert(grievances)
      .values({
        reportId: report.id,
        workerId: worker.id,
        grounds: "other",
        statement: "Not true.",
        contactPhone: "+96891234567",
      })
      .returning();
    const decide = (who: Awaited<ReturnType<typeof staff>>) =>
      decideGrievance(who, {
        requestId: g!.id,
        outcome: "reject",
        reasonCode: "grievance_unsupported",
        expectedVersion: g!.version,
      });
    await expect(decide(approver)).rejects.toMatchObject({ code: "same_reviewer" });
    expect(await statusOf(grievances, g!.id)).toBe("submitted");
    await expect(decide(second)).resolves.toEqual({ status: "rejected" });
  });
});
