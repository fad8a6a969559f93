import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { evidenceFiles, reports } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { addEvidence } from "@/lib/reports/add-evidence";
import {
  getFilingReport,
  loadOwnReport,
  lookupWorkerForFiling,
  searchActiveWorkers,
} from "@/lib/reports/filing-queries";
import { openEvidenceFile } from "@/lib/reports/open-evidence-file";
import { prepareForPayment } from "@/lib/reports/prepare-for-payment";
import { removeEvidence } from "@/lib/reports/remove-evidence";
import { returnToDraft } from "@/lib/reports/return-to-draft";
import { saveAbsence } from "@/lib/reports/save-absence";
import { saveDeclarations } from "@/lib/reports/save-declarations";
import { startReport } from "@/lib/reports/start-report";
import type { Storage } from "@/lib/storage";
import { makeEmployer, makeEmployerWithWorker, PDF_BYTES, PNG_BYTES, tempStorage } from "../helpers/filing";

// The download route reads the signed-in actor from the session cookie: here it is whoever the test says.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/config", () => ({ getActor: async () => session.actor }));

let dir: string;
let storage: Storage;
beforeAll(async () => {
  ({ dir, storage } = await tempStorage());
  // The route uses the configured store: the same directory.
  process.env.UPLOADS_DIR = dir;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NO = {
  declDisputeBeforeAbsence: false,
  declWorkerLeftCountryKnown: false,
  declOnLegalLeave: false,
  declResignationAccepted: false,
};

/** Establishment A with a draft and two files; establishment B with its own owner. */
async function twoEstablishments() {
  const a = await makeEmployerWithWorker();
  const started = await startReport(a.actor, { workerId: a.worker.id }, { storage });
  if (!started.ok) throw new Error(started.code);
  const pdf = await addEvidence(
    a.actor,
    started.reportId,
    { kind: "municipality_licence", name: "licence.pdf", bytes: PDF_BYTES },
    { storage },
  );
  const png = await addEvidence(
    a.actor,
    started.reportId,
    { kind: "address_proof", name: "عقد إيجار.png", bytes: PNG_BYTES },
    { storage },
  );
  if (!pdf.ok || !png.ok) throw new Error("upload failed");
  const b = await makeEmployerWithWorker();
  return {
    a,
    b,
    reportId: started.reportId,
    reference: started.reference,
    pdfId: pdf.fileId,
    pngId: png.fileId,
  };
}

describe("an employer of establishment B and A's report", () => {
  it("cannot read it, by id or by reference", async () => {
    const { a, b, reportId, reference } = await twoEstablishments();
    expect(await loadOwnReport(a.actor, { id: reportId })).toMatchObject({ id: reportId });
    expect(
      await loadOwnReport(a.actor, { reference: reference.toLowerCase().replace(/-/g, " ") }),
    ).toMatchObject({ id: reportId });
    expect(await loadOwnReport(b.actor, { id: reportId })).toBeNull();
    expect(await loadOwnReport(b.actor, { reference })).toBeNull();
    expect(await getFilingReport(b.actor, reportId)).toBeNull();
    expect(await getFilingReport(a.actor, reportId)).not.toBeNull();
  });

  it("cannot change it, attach to it or remove from it: every use case answers not_found", async () => {
    const { b, reportId, pdfId } = await twoEstablishments();
    const ctx = { storage };
    expect(
      await saveAbsence(b.actor, reportId, { contactAttempts: "Not my report at all." }, ctx),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(await saveDeclarations(b.actor, reportId, NO, ctx)).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(
      await addEvidence(b.actor, reportId, { kind: "bank_statement", name: "x.pdf", bytes: PDF_BYTES }, ctx),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(await removeEvidence(b.actor, pdfId, ctx)).toMatchObject({ ok: false, code: "not_found" });
    expect(await prepareForPayment(b.actor, reportId, ctx)).toMatchObject({ ok: false, code: "not_found" });
    expect(await returnToDraft(b.actor, reportId, ctx)).toMatchObject({ ok: false, code: "not_found" });
    const [row] = await db.select().from(reports).where(eq(reports.id, reportId));
    expect(row).toMatchObject({ status: "draft", contactAttempts: null, declDisputeBeforeAbsence: null });
    expect(await db.select().from(evidenceFiles).where(eq(evidenceFiles.reportId, reportId))).toHaveLength(2);
  });

  it("cannot see A's workers, nor start a report for one", async () => {
    const { a, b } = await twoEstablishments();
    expect((await searchActiveWorkers(b.actor, a.worker.nameEn)).items).toEqual([]);
    expect((await lookupWorkerForFiling(b.actor, { workerId: a.worker.id })).worker).toBeNull();
    expect(await startReport(b.actor, { workerId: a.worker.id })).toMatchObject({
      ok: false,
      code: "permit_other_establishment",
    });
  });

  it("cannot download A's evidence; A's employer and staff can; the worker only what was shared", async () => {
    const { a, b, pdfId } = await twoEstablishments();
    expect(await openEvidenceFile(b.actor, pdfId, { storage })).toBeNull();
    expect(await openEvidenceFile(null, pdfId, { storage })).toBeNull();
    expect(await openEvidenceFile(a.actor, pdfId, { storage })).toMatchObject({ file: { id: pdfId } });
    const staff: Actor = {
      kind: "staff",
      sessionId: randomUUID(),
      userId: randomUUID(),
      role: "reviewer",
      name: "R",
      email: "r@example.com",
    };
    expect(await openEvidenceFile(staff, pdfId, { storage })).not.toBeNull();
    const theWorker: Actor = {
      kind: "worker",
      sessionId: randomUUID(),
      workerId: a.worker.id,
      name: a.worker.nameEn,
      nameAr: a.worker.nameAr,
    };
    const anotherWorker: Actor = {
      kind: "worker",
      sessionId: randomUUID(),
      workerId: b.worker.id,
      name: b.worker.nameEn,
      nameAr: b.worker.nameAr,
    };
    expect(await openEvidenceFile(theWorker, pdfId, { storage })).toBeNull();
    await db.update(evidenceFiles).set({ sharedWithWorker: true }).where(eq(evidenceFiles.id, pdfId));
    expect(await openEvidenceFile(theWorker, pdfId, { storage })).not.toBeNull();
    expect(await openEvidenceFile(anotherWorker, pdfId, { storage })).toBeNull();
  });
});

describe("GET /api/evidence/[id]", () => {
  async function get(id: string, query = "") {
    const { GET } = await import("@/app/api/evidence/[id]/route");
    return GET(new Request(`http://localhost/api/evidence/${id}${query}`), {
      params: Promise.resolve({ id }),
    });
  }

  it("streams the file with its checked type, a safe disposition and nosniff to the report's employer", async () => {
    const { a, pdfId, pngId } = await twoEstablishments();
    session.actor = a.actor;
    const pdf = await get(pdfId);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(
      `attachment; filename="licence.pdf"; filename*=UTF-8''licence.pdf`,
    );
    expect(pdf.headers.get("x-content-type-options")).toBe("nosniff");
    expect(pdf.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await pdf.arrayBuffer())).toEqual(Buffer.from(PDF_BYTES));

    const png = await get(pngId);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("content-disposition")).toMatch(
      /^inline; filename="___ _____.png"; filename\*=UTF-8''%D8%B9/,
    );
    expect(png.headers.get("content-security-policy")).toContain("sandbox");
    expect((await get(pngId, "?download=1")).headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("answers 404, the same as for a missing file, to another establishment, to no one signed in, and for any bad id", async () => {
    const { b, pdfId } = await twoEstablishments();
    session.actor = b.actor;
    const denied = await get(pdfId);
    session.actor = null;
    const anonymous = await get(pdfId);
    session.actor = b.actor;
    const missing = await get(randomUUID());
    const garbage = await get("../../etc/passwd");
    for (const res of [denied, anonymous, missing, garbage]) {
      expect(res.status).toBe(404);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await res.text()).toBe("Not found");
    }
  });
});

describe("one open report per worker", () => {
  it("is held by the database even when the code's check is bypassed", async () => {
    const { actor, worker } = await makeEmployerWithWorker();
    const row = (reference: string) => ({
      reference,
      establishmentId: actor.establishmentId,
      workerId: worker.id,
      createdBy: actor.userId,
      status: "awaiting_payment" as const,
    });
    const suffix = String(Date.now()).slice(-7);
    await db.insert(reports).values(row(`WA-T-${suffix}1`));
    let error: unknown;
    try {
      await db.insert(reports).values(row(`WA-T-${suffix}2`));
    } catch (e) {
      error = e;
    }
    const cause =
      (error as { cause?: { code?: string; constraint_name?: string } })?.cause ??
      (error as { code?: string; constraint_name?: string });
    expect(cause).toMatchObject({ code: "23505", constraint_name: "reports_one_open_per_worker" });
    // Drafts and closed reports do not count.
    await db.insert(reports).values({ ...row(`WA-T-${suffix}3`), status: "draft" });
    await db.insert(reports).values({ ...row(`WA-T-${suffix}4`), status: "rejected" });
  });

  it("makes prepareForPayment refuse when another report for the worker is already open", async () => {
    const { actor, worker } = await makeEmployerWithWorker();
    const otherEmployer = await makeEmployer(actor.establishmentId);
    const s = await startReport(actor, { workerId: worker.id }, { storage });
    if (!s.ok) throw new Error(s.code);
    await db.insert(reports).values({
      reference: `WA-T-${String(Date.now()).slice(-7)}9`,
      establishmentId: actor.establishmentId,
      workerId: worker.id,
      createdBy: otherEmployer.userId,
      status: "submitted",
    });
    const r = await prepareForPayment(actor, s.reportId, { storage });
    expect(r).toMatchObject({ ok: false, code: "incomplete" });
    expect(r.ok === false && "problems" in r && r.problems[0]).toMatchObject({
      step: "worker",
      code: "open_report_exists_own",
    });
  });
});
