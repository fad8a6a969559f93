import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/db";
import { auditEvents, establishments, evidenceFiles, grievances, notifications } from "@/db/schema";
import { fileGrievance, type FileGrievanceInput } from "@/lib/grievances/file-grievance";
import { getGrievanceSummaryForReport } from "@/lib/grievances/queries";
import { getReportForWorker, listReportsForWorker } from "@/lib/workers/queries";
import { createReport, createWorker, workerActor } from "../helpers/worker-fixtures";
import { localStorage } from "@/lib/storage/local";
import type { Storage } from "@/lib/storage";

let uploadDir = "";
const storageHolder = globalThis as unknown as { __balaghStorage?: Storage };
beforeAll(async () => {
  await ensureDatabase();
  uploadDir = await mkdtemp(path.join(os.tmpdir(), "balagh-grievances-"));
  // Attachments go to the shared store (lib/storage); point it at a directory of this test's own.
  storageHolder.__balaghStorage = localStorage(uploadDir);
});
afterAll(async () => {
  delete storageHolder.__balaghStorage;
  await rm(uploadDir, { recursive: true, force: true });
});

const STATEMENT = "I came to work every day until 15 November; my supervisor knows it.";
const input = (reportId: string, extra: Partial<FileGrievanceInput> = {}): FileGrievanceInput => ({
  reportId,
  grounds: "at_work",
  statement: STATEMENT,
  contactPhone: "+96891234567",
  attachments: [],
  locale: "en",
  ip: "10.9.9.9",
  ...extra,
});

async function workerWithReport(report: Omit<Parameters<typeof createReport>[1], "workerId">) {
  const worker = await createWorker(db);
  const r = await createReport(db, { ...report, workerId: worker.id });
  return { worker, actor: workerActor(worker), report: r };
}

describe("filing a grievance", () => {
  it("records it with an audit row, tells the establishment (without the content) and sends the worker a receipt", async () => {
    const { worker, actor, report } = await workerWithReport({ status: "submitted" });
    const pdf = new TextEncoder().encode("%PDF-1.4\npayslips\n%%EOF");
    const result = await fileGrievance(
      actor,
      input(report.id, { attachments: [{ name: "payslips.pdf", bytes: pdf }] }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    const [g] = await db.select().from(grievances).where(eq(grievances.id, result.grievanceId));
    expect(g).toMatchObject({
      reportId: report.id,
      workerId: worker.id,
      status: "submitted",
      grounds: "at_work",
      statement: STATEMENT,
      contactPhone: "+96891234567",
    });

    const files = await db
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.grievanceId, result.grievanceId));
    expect(
      files.map((f) => [f.kind, f.mimeType, f.originalName, f.uploadedByKind, f.sharedWithWorker]),
    ).toEqual([["grievance_attachment", "application/pdf", "payslips.pdf", "worker", false]]);
    expect(await readFile(path.join(uploadDir, files[0]!.storageKey))).toEqual(Buffer.from(pdf));

    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, result.grievanceId), eq(auditEvents.action, "grievance.filed")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorKind).toBe("worker");

    const [est] = await db.select().from(establishments).where(eq(establishments.id, report.establishmentId));
    const sent = await db.select().from(notifications).where(eq(notifications.entityId, result.grievanceId));
    const toEmployer = sent.filter((n) => n.recipient === est!.email);
    expect(toEmployer.map((n) => [n.channel, n.template])).toEqual([["email", "employer.grievance-filed"]]);
    expect(toEmployer[0]!.body).toContain(report.reference);
    expect(toEmployer[0]!.body).not.toContain("15 November");
    const toWorker = sent.filter((n) => n.recipient === worker.mobile);
    expect(toWorker.map((n) => [n.channel, n.template, n.locale])).toEqual([
      ["sms", "worker.grievance-received-sms", "en"],
    ]);

    // The worker sees it on the report; the employer's summary has its status and nothing of its content.
    const seen = await getReportForWorker(actor, report.id);
    expect(seen?.grievances.map((x) => [x.status, x.attachments.length])).toEqual([["submitted", 1]]);
    const summary = await getGrievanceSummaryForReport(report.id);
    expect(summary).toEqual({
      count: 1,
      latest: { status: "submitted", filedAt: g!.createdAt, decidedAt: null },
    });
    expect(JSON.stringify(summary)).not.toContain("November");
  });

  it("refuses a file that is not PDF, JPEG or PNG, and saves nothing", async () => {
    const { actor, report } = await workerWithReport({ status: "submitted" });
    const before = await readdir(path.join(uploadDir, "grievances")).catch(() => []);
    const result = await fileGrievance(
      actor,
      input(report.id, {
        attachments: [{ name: "photo.jpg", bytes: new TextEncoder().encode("MZ\x90\x00 not an image") }],
      }),
    );
    expect(result).toEqual({ ok: false, code: "file_type" });
    expect(await db.select().from(grievances).where(eq(grievances.reportId, report.id))).toHaveLength(0);
    expect(await readdir(path.join(uploadDir, "grievances")).catch(() => [])).toEqual(before);
  });
});

describe("who may see and object", () => {
  it("a worker cannot see, or object to, another worker's report or grievance", async () => {
    const a = await workerWithReport({ status: "submitted" });
    const b = await workerWithReport({ status: "approved", approvedAt: new Date() });
    const filed = await fileGrievance(a.actor, input(a.report.id));
    expect(filed.ok).toBe(true);

    expect(await getReportForWorker(b.actor, a.report.id)).toBeNull();
    expect((await listReportsForWorker(b.actor)).map((r) => r.id)).toEqual([b.report.id]);
    expect((await listReportsForWorker(a.actor)).map((r) => r.id)).toEqual([a.report.id]);
    expect(await fileGrievance(b.actor, input(a.report.id))).toEqual({ ok: false, code: "not_found" });
    // B's own report shows none of A's grievances.
    expect((await getReportForWorker(b.actor, b.report.id))?.grievances).toEqual([]);
  });

  it("a report still with the employer (draft, awaiting payment) does not exist for the worker", async () => {
    for (const status of ["draft", "awaiting_payment"] as const) {
      const { actor, report } = await workerWithReport({ status, submittedAt: null });
      expect(await getReportForWorker(actor, report.id)).toBeNull();
      expect(await listReportsForWorker(actor)).toEqual([]);
      expect(await fileGrievance(actor, input(report.id))).toEqual({ ok: false, code: "not_found" });
    }
  });

  it("a malformed report id is simply not found", async () => {
    const { actor } = await workerWithReport({ status: "submitted" });
    expect(await getReportForWorker(actor, "not-a-uuid")).toBeNull();
  });
});

describe("the grievance window", () => {
  // Approved at 00:30 on 21 November in Muscat: the last day is 20 January 2027.
  const approvedAt = new Date("2026-11-20T20:30:00Z");

  it("is open on day 60 and refuses a grievance on day 61, with the date", async () => {
    const late = await workerWithReport({ status: "approved", approvedAt });
    expect(await fileGrievance(late.actor, input(late.report.id), new Date("2027-01-20T20:00:00Z"))).toEqual({
      ok: false,
      code: "deadline_passed",
      deadline: "2027-01-20",
    });
    expect(await db.select().from(grievances).where(eq(grievances.reportId, late.report.id))).toHaveLength(0);

    const inTime = await workerWithReport({ status: "approved", approvedAt });
    expect(
      (await fileGrievance(inTime.actor, input(inTime.report.id), new Date("2027-01-20T19:59:00Z"))).ok,
    ).toBe(true);
  });

  it("follows the deadline stored on the report", async () => {
    const { actor, report } = await workerWithReport({
      status: "approved",
      approvedAt,
      grievanceDeadline: "2027-01-10",
    });
    expect(await fileGrievance(actor, input(report.id), new Date("2027-01-12T08:00:00Z"))).toEqual({
      ok: false,
      code: "deadline_passed",
      deadline: "2027-01-10",
    });
  });

  it("is closed once the report no longer stands", async () => {
    const { actor, report } = await workerWithReport({ status: "rejected" });
    expect(await fileGrievance(actor, input(report.id))).toEqual({ ok: false, code: "report_not_in_force" });
  });
});

describe("one open grievance per report", () => {
  it("refuses a second while the first is open; allows a new one after a decision", async () => {
    const { actor, report } = await workerWithReport({ status: "submitted" });
    const first = await fileGrievance(actor, input(report.id));
    expect(first.ok).toBe(true);
    expect(await fileGrievance(actor, input(report.id, { grounds: "other" }))).toEqual({
      ok: false,
      code: "already_open",
    });

    if (!first.ok) return;
    await db
      .update(grievances)
      .set({ status: "rejected", decidedAt: new Date() })
      .where(eq(grievances.id, first.grievanceId));
    expect((await fileGrievance(actor, input(report.id))).ok).toBe(true);
  });

  it("is enforced by the database too: a direct second insert fails, and a race has one winner", async () => {
    const { worker, report } = await workerWithReport({ status: "submitted" });
    const row = {
      reportId: report.id,
      workerId: worker.id,
      grounds: "other" as const,
      statement: STATEMENT,
      contactPhone: "+96891234567",
    };
    await db.insert(grievances).values(row);
    await expect(db.insert(grievances).values({ ...row, status: "under_review" })).rejects.toMatchObject({
      cause: { code: "23505", constraint_name: "grievances_one_open_per_report" },
    });

    const other = await workerWithReport({ status: "submitted" });
    const results = await Promise.all([
      fileGrievance(other.actor, input(other.report.id)),
      fileGrievance(other.actor, input(other.report.id)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: "already_open" }]);
    expect(await db.select().from(grievances).where(eq(grievances.reportId, other.report.id))).toHaveLength(
      1,
    );
  });
});
