import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import {
  auditEvents,
  deposits,
  employerUsers,
  establishments,
  grievances,
  notifications,
  reportEvents,
  reports,
  workers,
} from "@/db/schema";
import { jobHandlers } from "@/lib/jobs/handlers";
import { sendDeadlineNotices } from "@/lib/notifications/deadline-notices";
import { formatDate } from "@/lib/i18n/format";
import { closeEndedReports } from "@/lib/reports/daily";
import { addYears, datesFromApproval } from "@/lib/reports/refund-grounds";
import { addDays, muscatDate } from "@/lib/time";
import { uniqueDigits, uniqueSuffix } from "@/tests/helpers/db";

/** 20:30 UTC is already the next day in Muscat (UTC+4): the job must decide on the Muscat calendar. */
const NOW = new Date("2031-03-10T20:30:00Z");
const TODAY = muscatDate(NOW); // 2031-03-11

async function world(nationality = "IN") {
  const s = uniqueSuffix();
  const [est] = await db
    .insert(establishments)
    .values({
      crNumber: uniqueDigits(7),
      nameAr: `مؤسسة الاختبار ${s}`,
      nameEn: `Test Trading ${s}`,
      governorateCode: "MA",
      address: "Muscat",
      municipalityLicenceNumber: `ML-${s}`,
      email: `est-${s}@example.om`,
      phone: `+968${uniqueDigits(8)}`,
    })
    .returning();
  const [user] = await db
    .insert(employerUsers)
    .values({ establishmentId: est!.id, role: "owner", name: "Owner", email: `owner-${s}@example.om` })
    .returning();
  const newWorker = async (email: string | null) => {
    const [w] = await db
      .insert(workers)
      .values({
        civilId: uniqueDigits(9),
        passportNumber: `P${uniqueDigits(8)}`,
        nameAr: "راهول",
        nameEn: "Rahul",
        nationality,
        dateOfBirth: "1990-01-01",
        mobile: `+968${uniqueDigits(8)}`,
        email,
        establishmentId: est!.id,
        occupation: "Mason",
        permitNumber: `WP${uniqueDigits(10)}`,
        enteredOmanOn: "2020-01-01",
      })
      .returning();
    return w!;
  };
  const newReport = async (
    worker: typeof workers.$inferSelect,
    values: Partial<typeof reports.$inferInsert>,
    depositStatus: "paid" | "refunded" | null = "paid",
  ) => {
    const [r] = await db
      .insert(reports)
      .values({
        reference: `WA-T-${uniqueDigits(8)}`,
        establishmentId: est!.id,
        workerId: worker.id,
        createdBy: user!.id,
        status: "approved",
        feeBaisa: 120_000,
        ...values,
      })
      .returning();
    if (depositStatus) {
      await db.insert(deposits).values({
        reportId: r!.id,
        amountBaisa: 120_000,
        status: depositStatus,
        provider: "local",
        paidAt: new Date(),
      });
    }
    return r!;
  };
  return { est: est!, user: user!, newWorker, newReport };
}

async function messagesFor(reportIds: string[]) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.entityType, "report"), inArray(notifications.entityId, reportIds)));
}

describe("the daily deadline job", () => {
  it("closes a report whose legal period has ended, once, and tells the employer the deposit may be asked back", async () => {
    const w = await world();
    // Approved four years before TODAY (Muscat): the legal period ends today.
    const approvedAt = new Date(`${addYears(TODAY, -4)}T09:00:00+04:00`);
    const dates = datesFromApproval(approvedAt);
    expect(dates.legalPeriodEnds).toBe(TODAY);
    const ended = await w.newReport(await w.newWorker(null), { approvedAt, ...dates });
    const alreadyClosed = await w.newReport(await w.newWorker(null), {
      status: "closed",
      approvedAt,
      ...dates,
    });
    const notYet = await w.newReport(await w.newWorker(null), { legalPeriodEnds: addDays(TODAY, 1) });
    const refunded = await w.newReport(await w.newWorker(null), { approvedAt, ...dates }, "refunded");
    // Missed days are caught up: a report whose period ended long ago is closed too.
    const longAgo = await w.newReport(await w.newWorker(null), { legalPeriodEnds: addDays(TODAY, -400) });
    const ids = [ended.id, alreadyClosed.id, notYet.id, refunded.id, longAgo.id];

    const first = await closeEndedReports({ now: NOW, reportIds: ids, appUrl: "https://balagh.example.om" });
    expect(first).toEqual({ closed: 3 });
    const statuses = await db
      .select({ id: reports.id, status: reports.status })
      .from(reports)
      .where(inArray(reports.id, ids));
    const statusOf = (id: string) => statuses.find((r) => r.id === id)!.status;
    expect([ended, refunded, longAgo].map((r) => statusOf(r.id))).toEqual(["closed", "closed", "closed"]);
    expect(statusOf(notYet.id)).toBe("approved");
    const history = await db
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, ended.id), eq(reportEvents.toStatus, "closed")));
    expect(history).toMatchObject([
      { fromStatus: "approved", actorKind: "system", reasonCode: "legal_period_ended" },
    ]);

    const mail = (await messagesFor(ids)).filter((m) => m.template === "employer.report-closed.email");
    // To the establishment's address and to the user who filed.
    expect([...new Set(mail.map((m) => m.entityId))].sort()).toEqual(
      [ended.id, refunded.id, longAgo.id].sort(),
    );
    expect(mail).toHaveLength(6);
    const m = mail.find((x) => x.entityId === ended.id && x.recipient === w.user.email)!;
    expect(m).toMatchObject({ channel: "email", locale: "ar", status: "created" });
    expect(m.body).toContain(ended.reference);
    expect(m.body).toContain(`https://balagh.example.om/ar/employer/reports/${ended.id}`);
    // The deposit is held and the 9 years have not passed: the employer may ask for it, until the last day.
    expect(m.body).toContain("You may now ask for the ticket deposit back");
    expect(m.body).toContain(formatDate(dates.refundClaimUntil, "en"));
    // Refunded already: closed, but nothing to ask back.
    const r = mail.find((x) => x.entityId === refunded.id)!;
    expect(r.body).not.toContain("You may now ask for the ticket deposit back");
    const sms = (await messagesFor(ids)).filter((x) => x.template === "worker.report-closed.sms");
    expect(sms).toHaveLength(3);

    // Idempotent: a second run (or a second worker) changes and sends nothing more.
    const before = (await messagesFor(ids)).length;
    expect(await closeEndedReports({ now: NOW, reportIds: ids })).toEqual({ closed: 0 });
    expect(await messagesFor(ids)).toHaveLength(before);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "report.closed"), inArray(auditEvents.entityId, ids)));
    expect(audit).toHaveLength(3);
  });

  it("reminds the worker by SMS and e-mail, in their language, when the grievance window closes within 7 days", async () => {
    const w = await world("EG");
    const withEmail = await w.newWorker(`worker-${uniqueSuffix()}@example.om`);
    const closing = await w.newReport(withEmail, { grievanceDeadline: addDays(TODAY, 7) });
    const closingSoon = await w.newReport(await w.newWorker(null), { grievanceDeadline: addDays(TODAY, 2) });
    const farOff = await w.newReport(await w.newWorker(null), { grievanceDeadline: addDays(TODAY, 8) });
    const closed = await w.newReport(await w.newWorker(null), { grievanceDeadline: addDays(TODAY, -1) });
    const notApproved = await w.newReport(await w.newWorker(null), {
      status: "submitted",
      grievanceDeadline: addDays(TODAY, 3),
    });
    const ids = [closing.id, closingSoon.id, farOff.id, closed.id, notApproved.id];

    expect(await sendDeadlineNotices({ now: NOW, reportIds: ids })).toEqual({
      grievanceClosing: 2,
    });
    const sent = await messagesFor(ids);
    expect(
      sent
        .filter((m) => m.entityId === closing.id)
        .map((m) => m.channel)
        .sort(),
    ).toEqual(["email", "sms"]);
    expect(sent.filter((m) => m.entityId === closingSoon.id).map((m) => m.channel)).toEqual(["sms"]);
    const sms = sent.find((m) => m.entityId === closing.id && m.channel === "sms")!;
    expect(sms).toMatchObject({
      recipient: withEmail.mobile,
      template: "worker.grievance-closing.sms",
      locale: "ar",
    });
    expect(sms.body).toContain(closing.reference);
    expect(sent.find((m) => m.entityId === closing.id && m.channel === "email")!.recipient).toBe(
      withEmail.email,
    );

    expect(await sendDeadlineNotices({ now: NOW, reportIds: ids })).toEqual({
      grievanceClosing: 0,
    });
    expect(await messagesFor(ids)).toHaveLength(3);
  });

  it("does not remind a worker who has already filed a grievance on the report", async () => {
    const w = await world("IN");
    const worker = await w.newWorker(null);
    const r = await w.newReport(worker, { grievanceDeadline: addDays(TODAY, 3) });
    await db.insert(grievances).values({
      reportId: r.id,
      workerId: worker.id,
      grounds: "at_work",
      statement: "I was at work every day.",
      contactPhone: worker.mobile,
    });
    expect(await sendDeadlineNotices({ now: NOW, reportIds: [r.id] })).toEqual({
      grievanceClosing: 0,
    });
    expect(await messagesFor([r.id])).toHaveLength(0);
  });

  it("sends an English reminder to a worker whose nationality does not read Arabic", async () => {
    const w = await world("BD");
    const r = await w.newReport(await w.newWorker(null), { grievanceDeadline: addDays(TODAY, 5) });
    await sendDeadlineNotices({ now: NOW, reportIds: [r.id] });
    const [sms] = await messagesFor([r.id]);
    expect(sms).toMatchObject({ locale: "en", channel: "sms" });
    expect(sms!.body).toMatch(/^Work-abandonment report WA-T-\d+ by Test Trading/);
  });

  it("is the registered handler of deadlines:daily", () => {
    expect(jobHandlers["deadlines:daily"]).toBeTypeOf("function");
  });
});
