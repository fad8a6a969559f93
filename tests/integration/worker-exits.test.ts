/**
 * Issue 10 §5–§7: staff record a worker's exit; it keeps the permit consistent, drives refund ground 4, the
 * deposit's use and the report's closing. Before the model nothing recorded an exit: ground 4 could not arise,
 * no report ever reached `closed`, and a deposit could be used before the report was decided.
 */
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditEvents, lifecycleEvents, notifications, reportEvents, reports, workers } from "@/db/schema";
import { decideCancellation } from "@/lib/admin/decide-request";
import { decideReport } from "@/lib/admin/decide-report";
import { markDepositUtilised } from "@/lib/admin/refunds/mark-utilised";
import type { Actor } from "@/lib/auth/actor";
import { requestCancellation } from "@/lib/cancellations/request-cancellation";
import { loadCase } from "@/lib/cases/facts";
import { recordWorkerExit } from "@/lib/exits/record-exit";
import { requestRefund } from "@/lib/reports/request-refund";
import { addDays, muscatDate } from "@/lib/time";
import { createStaffUser, signedInActor } from "../helpers/accounts";
import { createEstablishment, createReport, createWorker } from "../helpers/tracking-fixtures";

const TODAY = muscatDate(new Date());
const staff = async (role: "reviewer" | "finance" | "supervisor") =>
  signedInActor("staff", (await createStaffUser({ role })).id);

async function approvedCase(opts: { email?: boolean } = {}) {
  const est = await createEstablishment("Exits");
  const worker = await createWorker(est.id, { permitStatus: "left_workplace" });
  if (opts.email)
    await db
      .update(workers)
      .set({ email: `w-${worker.id}@example.com` })
      .where(eq(workers.id, worker.id));
  const report = await createReport(est, { status: "approved", workerId: worker.id });
  return { est, worker, report };
}
const statusOf = async (id: string) =>
  (await db.select({ s: reports.status }).from(reports).where(eq(reports.id, id)))[0]!.s;
const permitOf = async (id: string) =>
  (await db.select({ p: workers.permitStatus }).from(workers).where(eq(workers.id, id)))[0]!.p;

describe("recording a worker's exit", () => {
  it("left at own expense: the permit is cancelled, the report closed (both told), and the deposit may be asked back", async () => {
    const reviewer = await staff("reviewer");
    const k = await approvedCase();
    const r = await recordWorkerExit(reviewer, {
      reportId: k.report.id,
      kind: "left_own_expense",
      exitDate: addDays(TODAY, -2),
      note: "Departure record MCT 2026-12-03",
    });
    expect(r.reportClosed).toBe(true);
    expect(await statusOf(k.report.id)).toBe("closed");
    expect(await permitOf(k.worker.id)).toBe("cancelled");
    const [move] = await db
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, k.report.id), eq(reportEvents.toStatus, "closed")));
    expect(move).toMatchObject({ reasonCode: "worker_left_country", actorKind: "staff" });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, r.id));
    expect(audit).toMatchObject({
      action: "worker_exit.recorded",
      before: { permitStatus: "left_workplace" },
      after: { kind: "left_own_expense", permitStatus: "cancelled" },
    });
    const created = await db
      .select()
      .from(lifecycleEvents)
      .where(and(eq(lifecycleEvents.entity, "worker_exit"), eq(lifecycleEvents.entityId, r.id)));
    expect(created).toMatchObject([{ transition: "created", toStatus: "recorded", reportId: k.report.id }]);
    const told = await db.select().from(notifications).where(eq(notifications.entityId, k.report.id));
    expect(told.map((n) => n.template)).toEqual(
      expect.arrayContaining(["employer.report-closed.email", "worker.report-closed.sms"]),
    );
    const mail = told.find((n) => n.template === "employer.report-closed.email")!;
    expect(mail.body).toContain("left the country at their own expense");
    expect(mail.body).toContain("You may now ask for the ticket deposit back");

    // Refund ground 4 now holds: the employer asks, gets a receipt, and finance is alerted.
    const finance = await createStaffUser({ role: "finance" });
    const asked = await requestRefund(k.est.owner, { reportId: k.report.id });
    expect(asked.ground).toBe("worker_left_country");
    const receipt = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.entityId, asked.id),
          eq(notifications.template, "employer.refund-requested.email"),
        ),
      );
    expect(receipt.map((n) => n.recipient)).toContain(k.est.owner.email);
    const alert = await db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.entityId, asked.id), eq(notifications.template, "staff.refund-requested.email")),
      );
    expect(alert.map((n) => n.recipient)).toContain(finance.email);
    expect(alert[0]!.body).toContain(`/admin/refunds/${asked.id}`);
  });

  it("deported, by finance: only on an approved report; it closes the report and allows the deposit's use", async () => {
    const financeActor = await staff("finance");
    const submitted = await createReport(await createEstablishment("Dep"), { status: "submitted" });
    await expect(
      recordWorkerExit(financeActor, { reportId: submitted.id, kind: "deported", exitDate: TODAY }),
    ).rejects.toMatchObject({ code: "deportation_needs_approval", field: "exitKind" });

    const k = await approvedCase();
    await expect(
      markDepositUtilised(financeActor, { depositId: k.report.depositId!, ticketReference: "WY-1" }),
    ).rejects.toMatchObject({ code: "deportation_not_recorded" });
    // Finance records only a deportation (the deposit pays the ticket); the other exits are the reviewer's.
    await expect(
      recordWorkerExit(financeActor, { reportId: k.report.id, kind: "left_own_expense", exitDate: TODAY }),
    ).rejects.toMatchObject({ code: "exit_kind_not_allowed" });
    const r = await recordWorkerExit(financeActor, {
      reportId: k.report.id,
      kind: "deported",
      exitDate: TODAY,
    });
    expect(r.reportClosed).toBe(true);
    expect(await statusOf(k.report.id)).toBe("closed");
    expect(await permitOf(k.worker.id)).toBe("cancelled");
    await expect(
      markDepositUtilised(financeActor, { depositId: k.report.depositId!, ticketReference: "WY-MCT-DAC-1" }),
    ).resolves.toEqual({ ok: true });
    // Deported at the deposit's cost: no refund ground for the employer.
    await expect(requestRefund(k.est.owner, { reportId: k.report.id })).rejects.toMatchObject({
      code: "deposit_utilised",
    });
  });

  it("transferred or permit cancelled: the permit follows, the report stays; a second exit of one kind is refused", async () => {
    const reviewer = await staff("reviewer");
    const k = await approvedCase();
    await recordWorkerExit(reviewer, { reportId: k.report.id, kind: "transferred", exitDate: TODAY });
    expect(await permitOf(k.worker.id)).toBe("transferred");
    expect(await statusOf(k.report.id)).toBe("approved");
    await expect(
      recordWorkerExit(reviewer, { reportId: k.report.id, kind: "transferred", exitDate: TODAY }),
    ).rejects.toMatchObject({ code: "exit_already_recorded" });
    await recordWorkerExit(reviewer, { reportId: k.report.id, kind: "permit_cancelled", exitDate: TODAY });
    expect(await permitOf(k.worker.id)).toBe("cancelled");
    expect(await statusOf(k.report.id)).toBe("approved");
    // Dates: not after today, not before the last day at work.
    await expect(
      recordWorkerExit(reviewer, {
        reportId: k.report.id,
        kind: "left_own_expense",
        exitDate: addDays(TODAY, 1),
      }),
    ).rejects.toMatchObject({ code: "exit_date_future", field: "exitDate" });
    await expect(
      recordWorkerExit(reviewer, { reportId: k.report.id, kind: "left_own_expense", exitDate: "2025-12-31" }),
    ).rejects.toMatchObject({ code: "exit_date_before_absence" });
  });

  it("only staff may record one, and only on a report that stands", async () => {
    const k = await approvedCase();
    for (const actor of [k.est.owner, null] as (Actor | null)[]) {
      await expect(
        recordWorkerExit(actor, { reportId: k.report.id, kind: "left_own_expense", exitDate: TODAY }),
      ).rejects.toMatchObject({ name: "ForbiddenError" });
    }
    const rejected = await createReport(await createEstablishment("Rej"), { status: "rejected" });
    await expect(
      recordWorkerExit(await staff("supervisor"), {
        reportId: rejected.id,
        kind: "left_own_expense",
        exitDate: TODAY,
      }),
    ).rejects.toMatchObject({ code: "exit_not_allowed_now" });
  });

  it("a report approved after the worker was recorded as gone is closed at once; approval keeps the cancelled permit", async () => {
    const [reviewer, other] = [await staff("reviewer"), await staff("reviewer")];
    const est = await createEstablishment("Late");
    const worker = await createWorker(est.id);
    const report = await createReport(est, { status: "submitted", workerId: worker.id });
    await recordWorkerExit(reviewer, { reportId: report.id, kind: "left_own_expense", exitDate: TODAY });
    expect(await statusOf(report.id)).toBe("submitted");
    const c = await loadCase(db, report.id);
    await decideReport(other, {
      reportId: report.id,
      outcome: "approve",
      reasonCode: "evidence_sufficient",
      expectedVersion: c!.report.version,
    });
    expect(await statusOf(report.id)).toBe("closed");
    // Art. 14's "left workplace" applies only to an active permit: the cancellation is kept.
    expect(await permitOf(worker.id)).toBe("cancelled");
  });
});

describe("the worker's report-cancelled notice", () => {
  it("goes by SMS and e-mail (item 12)", async () => {
    const reviewer = await staff("reviewer");
    const k = await approvedCase({ email: true });
    const req = await requestCancellation(k.est.owner, {
      reportId: k.report.id,
      reason: "worker_returned",
      explanation: "The worker came back to work on Sunday.",
    });
    const c = await loadCase(db, k.report.id);
    await decideCancellation(reviewer, {
      requestId: req.id,
      outcome: "accept",
      reasonCode: "worker_returned",
      expectedVersion: c!.cancellations[0]!.version,
    });
    const [w] = await db.select().from(workers).where(eq(workers.id, k.worker.id));
    const sent = await db
      .select()
      .from(notifications)
      .where(inArray(notifications.recipient, [w!.mobile, w!.email!]));
    expect(sent.map((n) => [n.channel, n.template]).sort()).toEqual([
      ["email", "worker.report-cancelled.email"],
      ["sms", "worker.report-cancelled.sms"],
    ]);
  });
});
