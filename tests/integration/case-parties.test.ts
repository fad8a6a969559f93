/**
 * Issue 10, part B: what each party of a case sees and is told, against PostgreSQL.
 * - contradiction 10: a reviewer shares chosen evidence with the worker (audited, the worker told by SMS), who
 *   then sees and downloads exactly those files;
 * - contradiction 11: grievance attachments are staff-only until staff share them with the employer;
 * - contradiction 8: a reviewer claims a request (under_review), and the queue says who;
 * - contradiction 13: evidence downloads, staff searches by civil ID, deposit and inspection pages are audited;
 * - item 14: a supervisor reopens a decision, with its consequences, audited, both parties told;
 * - item 12: a cancellation request sends the employer a receipt and raises a staff alert;
 * - contradiction 3: the worker's and employer's "what you can do now" after a grievance.
 * Each of these failed before (no such use case, or the leak/the silence it describes).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, desc, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import {
  auditEvents,
  cancellationRequests,
  deposits,
  establishments,
  evidenceFiles,
  grievances,
  inspectionReferrals,
  lifecycleEvents,
  notifications,
  refundRequests,
  reports,
  workers,
} from "@/db/schema";
import { decideReport } from "@/lib/admin/decide-report";
import { decideGrievance } from "@/lib/admin/decide-request";
import { getInspectionReferral } from "@/lib/admin/inspections";
import { listQueue } from "@/lib/admin/queues";
import { getDepositForFinance } from "@/lib/admin/refunds/deposit";
import { reopenDecision } from "@/lib/admin/reopen-decision";
import { startReview } from "@/lib/admin/start-review";
import { recordStaffSearch } from "@/lib/audit/searches";
import type { Actor, StaffActor, WorkerActor } from "@/lib/auth/actor";
import { requestCancellation } from "@/lib/cancellations/request-cancellation";
import { loadCase } from "@/lib/cases/facts";
import { shareEvidence } from "@/lib/evidence/share-evidence";
import { fileGrievance } from "@/lib/grievances/file-grievance";
import { openEvidenceFile } from "@/lib/reports/open-evidence-file";
import { getReportDetail } from "@/lib/reports/queries";
import { formatReference } from "@/lib/reports/reference";
import type { Storage } from "@/lib/storage";
import { localStorage } from "@/lib/storage/local";
import { getReportForWorker } from "@/lib/workers/queries";
import { createStaffUser, signedInActor } from "../helpers/accounts";
import { PDF_BYTES, PNG_BYTES } from "../helpers/filing";
import { createEstablishment, createReport, createWorker } from "../helpers/tracking-fixtures";

const APP = "https://balagh.test";
let storage: Storage;
let dir = "";
const holder = globalThis as unknown as { __balaghStorage?: Storage };
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "balagh-case-parties-"));
  storage = localStorage(dir);
  holder.__balaghStorage = storage;
});
afterAll(async () => {
  delete holder.__balaghStorage;
  await rm(dir, { recursive: true, force: true });
});

async function staff(role: "reviewer" | "finance" | "supervisor"): Promise<StaffActor> {
  return (await signedInActor("staff", (await createStaffUser({ role })).id)) as StaffActor;
}

const workerActorOf = (w: { id: string; nameEn: string; nameAr: string }): WorkerActor => ({
  kind: "worker",
  sessionId: "00000000-0000-4000-8000-000000000000",
  workerId: w.id,
  name: w.nameEn,
  nameAr: w.nameAr,
});

/** An employer's evidence file on a report, stored for real. */
async function employerFile(
  reportId: string,
  uploadedBy: string,
  kind: "bank_statement" | "municipality_licence" = "bank_statement",
) {
  const key = `evidence/${crypto.randomUUID()}`;
  await storage.put(key, PDF_BYTES, "application/pdf");
  const [f] = await db
    .insert(evidenceFiles)
    .values({
      reportId,
      kind,
      storageKey: key,
      originalName: "statement.pdf",
      mimeType: "application/pdf",
      sizeBytes: PDF_BYTES.length,
      sha256: "0".repeat(64),
      uploadedByKind: "employer",
      uploadedBy,
    })
    .returning();
  return f!;
}

/** A submitted report, paid, with one employer file and a grievance with one attachment filed by the worker. */
async function caseWithGrievance(status: "submitted" | "approved" = "submitted") {
  const est = await createEstablishment("Parties");
  const w = await createWorker(est.id, { nationality: "IN" });
  const report = await createReport(est, { status, workerId: w.id, deposit: "paid" });
  const evidence = await employerFile(report.id, est.owner.userId);
  const worker = workerActorOf(w);
  const filed = await fileGrievance(worker, {
    reportId: report.id,
    grounds: "salary_unpaid",
    statement: "My salary was not paid for two months.",
    contactPhone: "+96891234567",
    attachments: [{ name: "payslip.png", bytes: PNG_BYTES }],
    locale: "en",
    ip: null,
  });
  if (!filed.ok) throw new Error(filed.code);
  const [attachment] = await db
    .select()
    .from(evidenceFiles)
    .where(eq(evidenceFiles.grievanceId, filed.grievanceId));
  return { est, w, worker, report, evidence, grievanceId: filed.grievanceId, attachment: attachment! };
}

const audits = (action: string, entityId: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));

describe("grievance attachments and the employer (contradiction 11)", () => {
  it("the employer neither lists nor downloads the worker's attachment until staff share it", async () => {
    const k = await caseWithGrievance();
    const owner: Actor = k.est.owner;
    expect(await openEvidenceFile(owner, k.attachment.id, { storage })).toBeNull();
    expect(await openEvidenceFile(owner, k.evidence.id, { storage })).not.toBeNull();
    const detail = await getReportDetail(k.est.owner, k.report.id);
    expect(detail!.evidence.map((e) => e.id)).toEqual([k.evidence.id]);
    expect(detail!.grievance).toMatchObject({ status: "submitted" });
    // The worker and staff see it all along.
    expect(await openEvidenceFile(k.worker, k.attachment.id, { storage })).not.toBeNull();
    expect(await openEvidenceFile(await staff("reviewer"), k.attachment.id, { storage })).not.toBeNull();

    const reviewer = await staff("reviewer");
    await shareEvidence(
      reviewer,
      { reportId: k.report.id, audience: "employer", fileIds: [k.attachment.id] },
      { appUrl: APP },
    );
    expect(await openEvidenceFile(owner, k.attachment.id, { storage })).not.toBeNull();
    expect((await getReportDetail(k.est.owner, k.report.id))!.evidence.map((e) => e.id).sort()).toEqual(
      [k.evidence.id, k.attachment.id].sort(),
    );
    const [row] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.id, k.attachment.id));
    expect(row).toMatchObject({
      sharedWithEmployer: true,
      sharedWithWorker: false,
      sharedBy: reviewer.userId,
    });
    expect(await audits("evidence.shared_with_employer", k.attachment.id)).toHaveLength(1);
    const mail = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.template, "employer.evidence-shared.email"),
          eq(notifications.recipient, await loadEstablishmentEmail(k.est.id)),
        ),
      );
    expect(mail).toHaveLength(1);
  });
});

async function loadEstablishmentEmail(establishmentId: string): Promise<string> {
  const [row] = await db
    .select({ email: establishments.email })
    .from(establishments)
    .where(eq(establishments.id, establishmentId));
  return row!.email;
}

describe("sharing the employer's evidence with the worker (contradiction 10)", () => {
  it("the worker sees and downloads only what a reviewer shared, and is told by SMS", async () => {
    const k = await caseWithGrievance();
    const second = await employerFile(k.report.id, k.est.owner.userId, "municipality_licence");
    expect(await openEvidenceFile(k.worker, k.evidence.id, { storage })).toBeNull();
    expect((await getReportForWorker(k.worker, k.report.id))!.sharedEvidence).toEqual([]);

    const reviewer = await staff("reviewer");
    const at = new Date();
    await expect(
      shareEvidence(
        reviewer,
        { reportId: k.report.id, audience: "worker", fileIds: [k.evidence.id] },
        {
          appUrl: APP,
          now: at,
        },
      ),
    ).resolves.toEqual({ shared: 1 });

    expect(await openEvidenceFile(k.worker, k.evidence.id, { storage })).not.toBeNull();
    expect(await openEvidenceFile(k.worker, second.id, { storage })).toBeNull();
    const page = await getReportForWorker(k.worker, k.report.id);
    expect(page!.sharedEvidence.map((f) => f.id)).toEqual([k.evidence.id]);
    const [row] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.id, k.evidence.id));
    expect(row).toMatchObject({ sharedWithWorker: true, sharedBy: reviewer.userId, sharedAt: at });
    const [audit] = await audits("evidence.shared_with_worker", k.evidence.id);
    expect(audit).toMatchObject({
      actorKind: "staff",
      actorId: reviewer.userId,
      entityType: "evidence_file",
    });
    const sms = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.template, "worker.evidence-shared.sms"),
          eq(notifications.recipient, k.w.mobile),
        ),
      );
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain(k.report.reference);
    expect(sms[0]!.body.length).toBeLessThanOrEqual(160);
  });

  it("refuses finance, a file already shared, a file of another case, and a report that no longer stands", async () => {
    const k = await caseWithGrievance();
    const reviewer = await staff("reviewer");
    const share = (who: Actor, fileIds: string[], reportId = k.report.id) =>
      shareEvidence(who, { reportId, audience: "worker", fileIds });
    await expect(share(await staff("finance"), [k.evidence.id])).rejects.toMatchObject({ code: "role" });
    await expect(share(reviewer, [])).rejects.toMatchObject({ code: "files_required", field: "fileIds" });
    // The worker's own attachment is not the employer's evidence.
    await expect(share(reviewer, [k.attachment.id])).rejects.toMatchObject({ code: "not_allowed_now" });
    const other = await caseWithGrievance();
    await expect(share(reviewer, [other.evidence.id])).rejects.toMatchObject({ code: "not_allowed_now" });
    await share(reviewer, [k.evidence.id]);
    await expect(share(reviewer, [k.evidence.id])).rejects.toMatchObject({ code: "nothing_to_share" });
    const rejected = await caseWithGrievance();
    await db.update(reports).set({ status: "rejected" }).where(eq(reports.id, rejected.report.id));
    await expect(share(reviewer, [rejected.evidence.id], rejected.report.id)).rejects.toMatchObject({
      code: "not_allowed_now",
    });
    const [untouched] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.id, other.evidence.id));
    expect(untouched!.sharedWithWorker).toBe(false);
  });
});

describe("views are audited (contradiction 13)", () => {
  it("every evidence file handed out is recorded, with who read it", async () => {
    const k = await caseWithGrievance();
    await openEvidenceFile(k.est.owner, k.evidence.id, { storage, ip: "10.1.2.3" });
    await openEvidenceFile(k.worker, k.attachment.id, { storage });
    // A refused read records nothing.
    await openEvidenceFile(k.est.owner, k.attachment.id, { storage });
    const downloads = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "evidence.downloaded"),
          inArray(auditEvents.entityId, [k.evidence.id, k.attachment.id]),
        ),
      );
    expect(downloads.map((d) => [d.entityId, d.actorKind, d.actorId]).sort()).toEqual(
      [
        [k.evidence.id, "employer", k.est.owner.userId],
        [k.attachment.id, "worker", k.w.id],
      ].sort(),
    );
    expect(downloads.find((d) => d.entityId === k.evidence.id)!.ip).toBe("10.1.2.3");
  });

  it("a staff search by civil ID or name is recorded; a search by reference and no search are not", async () => {
    const reviewer = await staff("reviewer");
    expect(await recordStaffSearch(reviewer, { screen: "queue:grievances", q: "100000001" })).toBe(true);
    expect(await recordStaffSearch(reviewer, { screen: "refunds", q: "Ramesh" })).toBe(true);
    expect(await recordStaffSearch(reviewer, { screen: "refunds", q: formatReference(2026, 17) })).toBe(
      false,
    );
    expect(await recordStaffSearch(reviewer, { screen: "refunds", q: "" })).toBe(false);
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "staff.searched"), eq(auditEvents.actorId, reviewer.userId)));
    expect(rows.map((r) => r.after)).toEqual([
      { screen: "queue:grievances", kind: "digits", q: "100000001" },
      { screen: "refunds", kind: "name", q: "Ramesh" },
    ]);
  });

  it("opening a deposit page and an inspection referral is recorded", async () => {
    const est = await createEstablishment("Views");
    const report = await createReport(est, { status: "submitted" });
    const finance = await staff("finance");
    await getDepositForFinance(finance, report.depositId!, { ip: "10.0.0.9" });
    expect(await audits("deposit.viewed", report.depositId!)).toMatchObject([
      { actorId: finance.userId, ip: "10.0.0.9", entityType: "deposit" },
    ]);
    const [referral] = await db
      .insert(inspectionReferrals)
      .values({ establishmentId: est.id, period: "month", periodKey: "1998-02", reportCount: 5 })
      .returning();
    const supervisor = await staff("supervisor");
    await getInspectionReferral(supervisor, referral!.id, { ip: null });
    expect(await audits("inspection.viewed", referral!.id)).toMatchObject([{ actorId: supervisor.userId }]);
  });
});

describe("claiming a request (contradiction 8)", () => {
  it("a reviewer starts reviewing a grievance: under_review, recorded, and the queue says who", async () => {
    const k = await caseWithGrievance();
    const reviewer = await staff("reviewer");
    await startReview(reviewer, { kind: "grievance", requestId: k.grievanceId, expectedVersion: 1 });
    const [g] = await db.select().from(grievances).where(eq(grievances.id, k.grievanceId));
    expect(g).toMatchObject({ status: "under_review", version: 2 });
    const [event] = await db
      .select()
      .from(lifecycleEvents)
      .where(
        and(eq(lifecycleEvents.entityId, k.grievanceId), eq(lifecycleEvents.transition, "review_started")),
      );
    expect(event).toMatchObject({ actorKind: "staff", actorId: reviewer.userId, toStatus: "under_review" });
    expect(await audits("grievance.review_started", k.grievanceId)).toHaveLength(1);

    const queue = await listQueue(reviewer, "grievances", { q: k.report.reference });
    expect(queue.items.map((i) => [i.id, i.status, i.reviewerName])).toEqual([
      [k.grievanceId, "under_review", reviewer.name],
    ]);
    // Claimed once; still decidable, by a supervisor too.
    await expect(
      startReview(await staff("reviewer"), {
        kind: "grievance",
        requestId: k.grievanceId,
        expectedVersion: 2,
      }),
    ).rejects.toMatchObject({ code: "not_allowed_now" });
    await decideGrievance(await staff("supervisor"), {
      requestId: k.grievanceId,
      outcome: "reject",
      reasonCode: "grievance_unsupported",
      expectedVersion: 2,
    });
    expect((await listQueue(reviewer, "grievances", { q: k.report.reference })).items).toEqual([]);
  });

  it("the reviewer whose approval stands may not claim the grievance against it", async () => {
    const est = await createEstablishment("Claim");
    const w = await createWorker(est.id);
    const report = await createReport(est, { status: "submitted", workerId: w.id });
    const approver = await staff("reviewer");
    await decideReport(approver, {
      reportId: report.id,
      outcome: "approve",
      reasonCode: "evidence_sufficient",
      expectedVersion: (await loadCase(db, report.id))!.report.version,
    });
    const filed = await fileGrievance(workerActorOf(w), {
      reportId: report.id,
      grounds: "at_work",
      statement: "I was at work every day of that month.",
      contactPhone: "+96891234567",
      attachments: [],
      locale: "en",
      ip: null,
    });
    if (!filed.ok) throw new Error(filed.code);
    await expect(
      startReview(approver, { kind: "grievance", requestId: filed.grievanceId, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "same_reviewer" });
  });
});

describe("reopening a decision (item 14)", () => {
  it("a supervisor reopens an approval: dates undone, the permit restored, audited, both parties told", async () => {
    const est = await createEstablishment("Reopen");
    const w = await createWorker(est.id, { nationality: "IN" });
    const report = await createReport(est, { status: "submitted", workerId: w.id, deposit: "paid" });
    const reviewer = await staff("reviewer");
    await decideReport(reviewer, {
      reportId: report.id,
      outcome: "approve",
      reasonCode: "evidence_sufficient",
      expectedVersion: (await loadCase(db, report.id))!.report.version,
    });
    const [approvedRow] = await db.select().from(reports).where(eq(reports.id, report.id));
    expect((await db.select().from(workers).where(eq(workers.id, w.id)))[0]!.permitStatus).toBe(
      "left_workplace",
    );

    const supervisor = await staff("supervisor");
    await expect(
      reopenDecision(reviewer, {
        reportId: report.id,
        reasonCode: "decision_error",
        note: "Recorded on the wrong case.",
        expectedVersion: approvedRow!.version,
      }),
    ).rejects.toMatchObject({ code: "role" });
    await expect(
      reopenDecision(supervisor, {
        reportId: report.id,
        reasonCode: "decision_error",
        note: "",
        expectedVersion: approvedRow!.version,
      }),
    ).rejects.toMatchObject({ code: "note_required", field: "note" });
    await expect(
      reopenDecision(
        supervisor,
        {
          reportId: report.id,
          reasonCode: "decision_error",
          note: "Recorded on the wrong case.",
          expectedVersion: approvedRow!.version,
        },
        { appUrl: APP },
      ),
    ).resolves.toEqual({ from: "approved" });

    const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
    expect(row).toMatchObject({
      status: "submitted",
      decidedAt: null,
      decidedBy: null,
      approvedAt: null,
      grievanceDeadline: null,
      legalPeriodEnds: null,
      refundClaimUntil: null,
    });
    expect((await db.select().from(workers).where(eq(workers.id, w.id)))[0]!.permitStatus).toBe("active");
    const [audit] = await audits("report.reopened", report.id);
    expect(audit).toMatchObject({ actorId: supervisor.userId });
    expect(audit!.after).toMatchObject({
      status: "submitted",
      reasonCode: "decision_error",
      note: "Recorded on the wrong case.",
    });
    const told = await db
      .select({ template: notifications.template })
      .from(notifications)
      .where(
        and(
          eq(notifications.entityId, report.id),
          inArray(notifications.template, ["worker.report-reopened.sms", "employer.report-reopened.email"]),
        ),
      );
    expect(new Set(told.map((t) => t.template))).toEqual(
      new Set(["worker.report-reopened.sms", "employer.report-reopened.email"]),
    );
    // It is in the reviewers' queue again, and another decision can be made.
    expect((await listQueue(reviewer, "reports", { q: report.reference })).items).toHaveLength(1);
  });

  it("reopening a rejection closes its refund request not yet executed; a used deposit blocks reopening", async () => {
    const est = await createEstablishment("Reopen2");
    const report = await createReport(est, { status: "submitted", deposit: "paid" });
    const reviewer = await staff("reviewer");
    const supervisor = await staff("supervisor");
    await decideReport(reviewer, {
      reportId: report.id,
      outcome: "reject",
      reasonCode: "evidence_insufficient",
      expectedVersion: (await loadCase(db, report.id))!.report.version,
    });
    const [refund] = await db.select().from(refundRequests).where(eq(refundRequests.reportId, report.id));
    expect(refund).toMatchObject({ ground: "report_rejected", status: "submitted" });
    const version = (await loadCase(db, report.id))!.report.version;
    await reopenDecision(
      supervisor,
      {
        reportId: report.id,
        reasonCode: "new_evidence",
        note: "The bank statement arrived late.",
        expectedVersion: version,
      },
      { appUrl: APP },
    );
    const [closed] = await db.select().from(refundRequests).where(eq(refundRequests.id, refund!.id));
    expect(closed).toMatchObject({ status: "rejected", decisionReasonCode: "report_reopened" });
    expect(await audits("refund.closed", refund!.id)).toHaveLength(1);
    const [mail] = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.entityId, report.id),
          eq(notifications.template, "employer.report-reopened.email"),
        ),
      )
      .orderBy(desc(notifications.createdAt));
    expect(mail!.body).toContain("The refund request made when the report was rejected is closed");

    // Approved again, the deposit used for the ticket: nothing can be reopened any more.
    await decideReport(reviewer, {
      reportId: report.id,
      outcome: "approve",
      reasonCode: "evidence_sufficient",
      expectedVersion: (await loadCase(db, report.id))!.report.version,
    });
    await db
      .update(deposits)
      .set({ status: "utilised", utilisedAt: new Date() })
      .where(eq(deposits.reportId, report.id));
    await expect(
      reopenDecision(supervisor, {
        reportId: report.id,
        reasonCode: "decision_error",
        note: "Try.",
        expectedVersion: (await loadCase(db, report.id))!.report.version,
      }),
    ).rejects.toMatchObject({ code: "deposit_moved" });
  });

  it("a rejection is not reopened over the worker's newer open report", async () => {
    const est = await createEstablishment("Reopen3");
    const w = await createWorker(est.id);
    const first = await createReport(est, { status: "rejected", workerId: w.id, deposit: "refunded" });
    await db
      .update(deposits)
      .set({ status: "paid", refundedBaisa: 0, refundedAt: null })
      .where(eq(deposits.reportId, first.id));
    await createReport(est, { status: "submitted", workerId: w.id });
    await expect(
      reopenDecision(await staff("supervisor"), {
        reportId: first.id,
        reasonCode: "decision_error",
        note: "Wrong case.",
        expectedVersion: (await loadCase(db, first.id))!.report.version,
      }),
    ).rejects.toMatchObject({ code: "worker_has_open_report" });
  });
});

describe("a cancellation request tells the employer and staff (item 12)", () => {
  afterEach(() => {
    delete process.env.STAFF_ALERT_EMAIL;
  });

  it("a receipt to the employer; an alert to every active reviewer, or to STAFF_ALERT_EMAIL when set", async () => {
    const reviewer = await createStaffUser({ role: "reviewer" });
    const inactive = await createStaffUser({ role: "reviewer", active: false });
    const finance = await createStaffUser({ role: "finance" });
    const est = await createEstablishment("Receipt");
    const report = await createReport(est, { status: "submitted" });
    const { id } = await requestCancellation(est.owner, {
      reportId: report.id,
      reason: "worker_returned",
      explanation: "He came back on Sunday.",
      appUrl: APP,
    });
    const sent = await db.select().from(notifications).where(eq(notifications.entityId, id));
    const receipts = sent.filter((n) => n.template === "employer.cancellation-received.email");
    expect(receipts.map((n) => n.recipient).sort()).toEqual(
      [est.owner.email, await loadEstablishmentEmail(est.id)].sort(),
    );
    expect(receipts[0]!.body).toContain(report.reference);
    const alerts = sent
      .filter((n) => n.template === "staff.cancellation-requested.email")
      .map((n) => n.recipient);
    expect(alerts).toContain(reviewer.email);
    expect(alerts).not.toContain(inactive.email);
    expect(alerts).not.toContain(finance.email);

    process.env.STAFF_ALERT_EMAIL = "reviewers@mol.example.om, duty@mol.example.om";
    const second = await createReport(est, { status: "submitted" });
    const { id: id2 } = await requestCancellation(est.owner, {
      reportId: second.id,
      reason: "settled",
      explanation: "Settled with the worker.",
    });
    const alerts2 = await db
      .select({ recipient: notifications.recipient })
      .from(notifications)
      .where(
        and(
          eq(notifications.entityId, id2),
          eq(notifications.template, "staff.cancellation-requested.email"),
        ),
      );
    expect(alerts2.map((a) => a.recipient).sort()).toEqual([
      "duty@mol.example.om",
      "reviewers@mol.example.om",
    ]);
    const [request] = await db.select().from(cancellationRequests).where(eq(cancellationRequests.id, id2));
    expect(request!.status).toBe("submitted");
  });
});

describe("what each party can do now (contradiction 3)", () => {
  it("after a grievance: the worker is told it is with the Ministry, and may not object again; the employer sees it exists", async () => {
    const k = await caseWithGrievance("approved");
    const worker = await getReportForWorker(k.worker, k.report.id);
    expect(worker!.now).toMatchObject({
      story: "approved_grievance",
      object: { ok: false, why: "already_open" },
      openGrievance: { id: k.grievanceId, status: "submitted" },
    });
    const employer = await getReportDetail(k.est.owner, k.report.id);
    expect(employer!.now).toMatchObject({ story: "approved_grievance", grievance: { status: "submitted" } });
  });
});
