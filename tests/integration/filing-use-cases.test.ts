import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import {
  auditEvents,
  deposits,
  evidenceFiles,
  governorates,
  reportEvents,
  reports,
  ticketFees,
  workers,
} from "@/db/schema";
import { SEED_FEES } from "@/db/seed";
import { addEvidence } from "@/lib/reports/add-evidence";
import { currentFeeBaisa } from "@/lib/reports/fees";
import { getFilingReport, lookupWorkerForFiling, searchActiveWorkers } from "@/lib/reports/filing-queries";
import { prepareForPayment } from "@/lib/reports/prepare-for-payment";
import { parseReference } from "@/lib/reports/reference";
import { removeEvidence } from "@/lib/reports/remove-evidence";
import { returnToDraft } from "@/lib/reports/return-to-draft";
import { saveAbsence } from "@/lib/reports/save-absence";
import { saveDeclarations } from "@/lib/reports/save-declarations";
import { startReport } from "@/lib/reports/start-report";
import { RULES } from "@/lib/reports/settings";
import type { Storage } from "@/lib/storage";
import { addDays, muscatDate } from "@/lib/time";
import { withRollback } from "../helpers/db";
import {
  daysAgo,
  makeEmployer,
  makeEmployerWithWorker,
  makeEstablishment,
  makeWorker,
  PDF_BYTES,
  PNG_BYTES,
  tempStorage,
} from "../helpers/filing";

let dir: string;
let storage: Storage;
beforeAll(async () => {
  ({ dir, storage } = await tempStorage());
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

async function storedFiles(): Promise<string[]> {
  try {
    return await readdir(path.join(dir, "evidence"));
  } catch {
    return [];
  }
}

async function auditFor(reportId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "report"), eq(auditEvents.entityId, reportId)));
}

/** A draft with every step answered and the three documents attached. */
async function completeDraft(workerOver: Parameters<typeof makeEmployerWithWorker>[0] = {}) {
  const ctx = { storage };
  const { actor, worker, establishment } = await makeEmployerWithWorker(workerOver);
  const started = await startReport(actor, { workerId: worker.id }, ctx);
  if (!started.ok) throw new Error(started.code);
  const id = started.reportId;
  expect(await saveAbsence(actor, id, { lastDayAtWork: daysAgo(10) }, ctx)).toMatchObject({
    ok: true,
  });
  expect(
    await saveAbsence(actor, id, { workGovernorateCode: "MA", workAddress: "Ruwi, Muttrah" }, ctx),
  ).toMatchObject({ ok: true });
  expect(
    await saveAbsence(actor, id, { contactAttempts: "Called three times, visited the camp." }, ctx),
  ).toMatchObject({ ok: true });
  expect(await saveDeclarations(actor, id, NO, ctx)).toMatchObject({ ok: true });
  for (const kind of ["bank_statement", "municipality_licence", "address_proof"] as const) {
    expect(await addEvidence(actor, id, { kind, name: `${kind}.pdf`, bytes: PDF_BYTES }, ctx)).toMatchObject({
      ok: true,
    });
  }
  return { actor, worker, establishment, id, ctx };
}

describe("startReport", () => {
  it("creates a draft with a checkable reference, a timeline row and an audit row", async () => {
    const { actor, worker } = await makeEmployerWithWorker();
    const r = await startReport(actor, { civilId: worker.civilId }, { storage, ip: "203.0.113.9" });
    expect(r).toMatchObject({ ok: true, resumed: false });
    if (!r.ok) return;
    expect(parseReference(r.reference)).toBe(r.reference);
    expect(r.reference.startsWith(`WA-${muscatDate().slice(0, 4)}-`)).toBe(true);
    const [row] = await db.select().from(reports).where(eq(reports.id, r.reportId));
    expect(row).toMatchObject({
      status: "draft",
      workerId: worker.id,
      establishmentId: actor.establishmentId,
      createdBy: actor.userId,
    });
    const events = await db.select().from(reportEvents).where(eq(reportEvents.reportId, r.reportId));
    expect(events).toMatchObject([{ fromStatus: null, toStatus: "draft", actorId: actor.userId }]);
    const audit = await auditFor(r.reportId);
    expect(audit).toMatchObject([
      { action: "report.draft_started", actorId: actor.userId, ip: "203.0.113.9" },
    ]);
  });

  it("resumes the establishment's existing draft instead of starting a second, even for two clicks at once", async () => {
    const { actor, worker } = await makeEmployerWithWorker();
    const [a, b] = await Promise.all([
      startReport(actor, { workerId: worker.id }),
      startReport(actor, { workerId: worker.id }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.reportId).toBe(b.reportId);
    expect([a.resumed, b.resumed].sort()).toEqual([false, true]);
    const again = await startReport(actor, { civilId: worker.civilId });
    expect(again).toMatchObject({ ok: true, reportId: a.reportId, resumed: true });
    expect(await db.select().from(reports).where(eq(reports.workerId, worker.id))).toHaveLength(1);
  });

  it("refuses an unknown civil ID, another establishment's worker, and an inactive permit", async () => {
    const { actor } = await makeEmployerWithWorker();
    expect(await startReport(actor, { civilId: "000000001" })).toMatchObject({
      ok: false,
      code: "worker_not_found",
      field: "civilId",
    });
    const other = await makeWorker((await makeEstablishment()).id);
    expect(await startReport(actor, { civilId: other.civilId })).toMatchObject({
      ok: false,
      code: "permit_other_establishment",
    });
    // A lookup of another establishment's worker shows nothing about the worker.
    expect(await lookupWorkerForFiling(actor, { workerId: other.id })).toMatchObject({
      worker: null,
      draft: null,
      refusal: { code: "permit_other_establishment" },
    });
    for (const permitStatus of ["cancelled", "transferred", "left_workplace"] as const) {
      const w = await makeWorker(actor.establishmentId, { permitStatus });
      expect(await startReport(actor, { workerId: w.id })).toMatchObject({
        ok: false,
        code: "permit_not_active",
        params: { permitStatus },
      });
    }
    expect(
      await db.select().from(reports).where(eq(reports.establishmentId, actor.establishmentId)),
    ).toHaveLength(0);
  });

  it("refuses a worker with an open report, naming it only to the establishment that filed it", async () => {
    const { actor, worker } = await makeEmployerWithWorker();
    const [open] = await db
      .insert(reports)
      .values({
        reference: `WA-2026-T${Date.now() % 1e9}`,
        establishmentId: actor.establishmentId,
        workerId: worker.id,
        createdBy: actor.userId,
        status: "submitted",
      })
      .returning();
    expect(await startReport(actor, { workerId: worker.id })).toMatchObject({
      ok: false,
      code: "open_report_exists_own",
      params: { reference: open!.reference },
    });
    // The worker moved to another establishment, which now tries: the old report is not named to it.
    const newEst = await makeEstablishment();
    const newActor = await makeEmployer(newEst.id);
    await db.update(workers).set({ establishmentId: newEst.id }).where(eq(workers.id, worker.id));
    const r = await startReport(newActor, { workerId: worker.id });
    expect(r).toMatchObject({ ok: false, code: "open_report_exists" });
    expect(JSON.stringify(r)).not.toContain(open!.reference);
  });

  it("refuses while the establishment's services are suspended, saying until when", async () => {
    const until = new Date(Date.now() + 30 * 86_400_000);
    const est = await makeEstablishment({ servicesSuspendedUntil: until });
    const actor = await makeEmployer(est.id);
    const w = await makeWorker(est.id);
    expect(await startReport(actor, { workerId: w.id })).toMatchObject({
      ok: false,
      code: "establishment_suspended",
      params: { until: until.toISOString() },
    });
  });

  it("refuses where e-filing is not live, with the start date when there is one", async () => {
    await withRollback(async (tx) => {
      const est = await makeEstablishment({ governorateCode: "MU" }, tx);
      const actor = await makeEmployer(est.id, tx);
      const w = await makeWorker(est.id, {}, tx);
      const liveFrom = addDays(muscatDate(), 20);
      await tx
        .update(governorates)
        .set({ pilotFrom: liveFrom, mandatoryFrom: null })
        .where(eq(governorates.code, "MU"));
      expect(await startReport(actor, { workerId: w.id }, { db: tx })).toMatchObject({
        ok: false,
        code: "governorate_not_live_scheduled",
        params: { liveFrom, governorateEn: "Musandam", governorateAr: "مسندم" },
      });
      await tx
        .update(governorates)
        .set({ pilotFrom: null, mandatoryFrom: null })
        .where(eq(governorates.code, "MU"));
      expect(await startReport(actor, { workerId: w.id }, { db: tx })).toMatchObject({
        ok: false,
        code: "governorate_not_live",
      });
    });
  });
});

describe("worker search", () => {
  it("finds this establishment's active workers by name in either script (alef forms folded) or civil ID", async () => {
    const est = await makeEstablishment();
    const actor = await makeEmployer(est.id);
    const w = await makeWorker(est.id, { nameEn: "Abdul Rahman Al-Amin", nameAr: "عبد الرحمن الأمين" });
    await makeWorker(est.id, { nameEn: "Abdul Cancelled", permitStatus: "cancelled" });
    await makeWorker((await makeEstablishment()).id, { nameEn: "Abdul Elsewhere" });
    const ids = async (q: string) => (await searchActiveWorkers(actor, q)).items.map((i) => i.id);
    expect(await ids("abdul")).toEqual([w.id]);
    expect(await ids("الامين")).toEqual([w.id]); // typed without the hamza
    expect(await ids("الأمين")).toEqual([w.id]);
    expect(await ids(w.civilId.slice(0, 5))).toEqual([w.id]);
    expect(await ids("%")).toEqual([]); // LIKE wildcards are literal
    expect(await ids("")).toEqual([w.id]);
  });
});

describe("saveAbsence", () => {
  it("refuses a future day, a day before entry, and fewer than 7 days (with the first date), saving no date", async () => {
    const { actor, worker } = await makeEmployerWithWorker({ enteredOmanOn: "2024-05-01" });
    const s = await startReport(actor, { workerId: worker.id });
    if (!s.ok) throw new Error(s.code);
    const now = new Date("2026-11-20T20:30:00Z"); // already 21 Nov in Muscat
    const save = (lastDayAtWork: string) => saveAbsence(actor, s.reportId, { lastDayAtWork }, { now });
    expect(await save("2026-11-22")).toMatchObject({ ok: false, code: "last_day_future", field: "lastDay" });
    expect(await save("2024-04-30")).toMatchObject({
      ok: false,
      code: "last_day_before_entry",
      params: { enteredOmanOn: "2024-05-01" },
    });
    expect(await save("2026-11-15")).toMatchObject({
      ok: false,
      code: "too_early",
      params: { firstDate: "2026-11-22" },
    });
    const [unchanged] = await db.select().from(reports).where(eq(reports.id, s.reportId));
    expect(unchanged!.lastDayAtWork).toBeNull();
    // Day 7 in Muscat (though still the 20th in UTC) is allowed.
    expect(await save("2026-11-14")).toMatchObject({ ok: true });
    const [saved] = await db.select().from(reports).where(eq(reports.id, s.reportId));
    expect(saved!.lastDayAtWork).toBe("2026-11-14");
    expect((await auditFor(s.reportId)).map((a) => a.action)).toContain("report.absence_saved");
  });

  it("saves the page's other answers when only the last day is refused (found again when the employer returns)", async () => {
    const { actor, worker } = await makeEmployerWithWorker({ enteredOmanOn: "2024-05-01" });
    const s = await startReport(actor, { workerId: worker.id });
    if (!s.ok) throw new Error(s.code);
    const now = new Date("2026-11-20T20:30:00Z");
    const r = await saveAbsence(
      actor,
      s.reportId,
      {
        lastDayAtWork: "2026-11-18",
        workGovernorateCode: "MA",
        workAddress: "Ruwi, Muscat",
        contactAttempts: "Called him on three days.",
      },
      { now },
    );
    expect(r).toMatchObject({ ok: false, code: "too_early", field: "lastDay" });
    const [row] = await db.select().from(reports).where(eq(reports.id, s.reportId));
    expect(row).toMatchObject({
      lastDayAtWork: null,
      workGovernorateCode: "MA",
      workAddress: "Ruwi, Muscat",
      contactAttempts: "Called him on three days.",
    });
    // A forged governorate saves nothing at all.
    expect(
      await saveAbsence(
        actor,
        s.reportId,
        { contactAttempts: "Something else entirely.", workGovernorateCode: "QQ", workAddress: "Nowhere 1" },
        { now },
      ),
    ).toMatchObject({ ok: false, code: "governorate_invalid" });
    const [same] = await db.select().from(reports).where(eq(reports.id, s.reportId));
    expect(same!.contactAttempts).toBe("Called him on three days.");
  });

  it("saves the workplace (a real governorate only) and the contact attempts", async () => {
    const { actor, worker } = await makeEmployerWithWorker();
    const s = await startReport(actor, { workerId: worker.id });
    if (!s.ok) throw new Error(s.code);
    expect(
      await saveAbsence(actor, s.reportId, {
        workGovernorateCode: "QQ",
        workAddress: "Somewhere 1",
      }),
    ).toMatchObject({
      ok: false,
      code: "governorate_invalid",
    });
    expect(
      await saveAbsence(actor, s.reportId, {
        workGovernorateCode: "ZU",
        workAddress: "Salalah, Dahariz",
      }),
    ).toMatchObject({ ok: true });
    expect(await saveAbsence(actor, s.reportId, { contactAttempts: "Called him on 3 days." })).toMatchObject({
      ok: true,
    });
    const [row] = await db.select().from(reports).where(eq(reports.id, s.reportId));
    expect(row).toMatchObject({
      workGovernorateCode: "ZU",
      workAddress: "Salalah, Dahariz",
      contactAttempts: "Called him on 3 days.",
    });
  });
});

describe("saveDeclarations", () => {
  it("saves the answers; any yes makes the report impermissible with one reason per yes", async () => {
    const { actor, worker } = await makeEmployerWithWorker();
    const s = await startReport(actor, { workerId: worker.id });
    if (!s.ok) throw new Error(s.code);
    const r = await saveDeclarations(actor, s.reportId, {
      ...NO,
      declResignationAccepted: true,
      declOnLegalLeave: true,
    });
    expect(r).toEqual({
      ok: false,
      code: "impermissible",
      reasons: ["on_legal_leave", "resignation_accepted"],
    });
    const [row] = await db.select().from(reports).where(eq(reports.id, s.reportId));
    expect(row).toMatchObject({
      declResignationAccepted: true,
      declOnLegalLeave: true,
      declDisputeBeforeAbsence: false,
    });
    expect(await saveDeclarations(actor, s.reportId, NO)).toEqual({ ok: true, reportId: s.reportId });
    expect((await auditFor(s.reportId)).filter((a) => a.action === "report.declarations_saved")).toHaveLength(
      2,
    );
  });
});

describe("evidence", () => {
  it("refuses a PNG named .pdf and a file over 5 MB, storing nothing", async () => {
    const { actor, worker } = await makeEmployerWithWorker();
    const s = await startReport(actor, { workerId: worker.id });
    if (!s.ok) throw new Error(s.code);
    const before = await storedFiles();
    expect(
      await addEvidence(
        actor,
        s.reportId,
        { kind: "bank_statement", name: "statement.pdf", bytes: PNG_BYTES },
        { storage },
      ),
    ).toMatchObject({
      ok: false,
      code: "upload_type_mismatch",
      field: "bank_statement",
    });
    const big = new Uint8Array(RULES.maxUploadBytes + 1);
    big.set(PDF_BYTES);
    expect(
      await addEvidence(
        actor,
        s.reportId,
        { kind: "bank_statement", name: "big.pdf", bytes: big },
        { storage },
      ),
    ).toMatchObject({ ok: false, code: "upload_too_large" });
    expect(await storedFiles()).toEqual(before);
    expect(await db.select().from(evidenceFiles).where(eq(evidenceFiles.reportId, s.reportId))).toHaveLength(
      0,
    );
  });

  it("stores a file under a random key with its checked type and hash; a new one of the same kind replaces it; removal deletes both row and object", async () => {
    const { actor, worker } = await makeEmployerWithWorker();
    const s = await startReport(actor, { workerId: worker.id });
    if (!s.ok) throw new Error(s.code);
    const first = await addEvidence(
      actor,
      s.reportId,
      { kind: "address_proof", name: ".passwd", bytes: PNG_BYTES },
      { storage },
    );
    expect(first).toMatchObject({ ok: true, safeName: "passwd.png" });
    if (!first.ok) return;
    const [row] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.id, first.fileId));
    expect(row).toMatchObject({
      kind: "address_proof",
      mimeType: "image/png",
      sizeBytes: PNG_BYTES.length,
      originalName: "passwd.png",
      uploadedByKind: "employer",
      uploadedBy: actor.userId,
    });
    expect(row!.storageKey).toMatch(/^evidence\/[0-9a-f-]{36}$/);
    expect(await readFile(path.join(dir, row!.storageKey))).toEqual(Buffer.from(PNG_BYTES));

    const second = await addEvidence(
      actor,
      s.reportId,
      { kind: "address_proof", name: "tenancy.pdf", bytes: PDF_BYTES },
      { storage },
    );
    if (!second.ok) throw new Error(second.code);
    const rows = await db.select().from(evidenceFiles).where(eq(evidenceFiles.reportId, s.reportId));
    expect(rows.map((r) => r.id)).toEqual([second.fileId]);
    await expect(readFile(path.join(dir, row!.storageKey))).rejects.toThrow(/ENOENT/);

    const [secondRow] = rows;
    expect(await removeEvidence(actor, second.fileId, { storage })).toEqual({
      ok: true,
      reportId: s.reportId,
    });
    expect(await db.select().from(evidenceFiles).where(eq(evidenceFiles.reportId, s.reportId))).toHaveLength(
      0,
    );
    await expect(readFile(path.join(dir, secondRow!.storageKey))).rejects.toThrow(/ENOENT/);
    const actions = (await auditFor(s.reportId)).map((a) => a.action);
    expect(actions.filter((a) => a === "report.evidence_added")).toHaveLength(2);
    expect(actions).toContain("report.evidence_removed");
  });
});

describe("prepareForPayment", () => {
  it("lists what is missing, step by step", async () => {
    const { actor, worker } = await makeEmployerWithWorker();
    const s = await startReport(actor, { workerId: worker.id });
    if (!s.ok) throw new Error(s.code);
    const r = await prepareForPayment(actor, s.reportId, { storage });
    expect(r).toMatchObject({ ok: false, code: "incomplete" });
    if (r.ok || !("problems" in r)) return;
    expect(r.problems.map((p) => `${p.step}:${p.code}`)).toEqual([
      "absence:last_day_missing",
      "absence:workplace_missing",
      "absence:contact_missing",
      "check:declarations_missing",
      "evidence:evidence_missing_bank_statement",
      "evidence:evidence_missing_municipality_licence",
      "evidence:evidence_missing_address_proof",
    ]);
  });

  it("moves a complete draft to awaiting_payment with the fee for the worker's nationality, once", async () => {
    const { actor, id, ctx } = await completeDraft({ nationality: "BD" });
    const r = await prepareForPayment(actor, id, { ...ctx, ip: "198.51.100.7" });
    expect(r).toEqual({ ok: true, reportId: id, feeBaisa: 120_000 });
    const [row] = await db.select().from(reports).where(eq(reports.id, id));
    expect(row).toMatchObject({ status: "awaiting_payment", feeBaisa: 120_000, version: 2 });
    const events = await db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
    expect(events.map((e) => `${e.fromStatus}->${e.toStatus}`)).toEqual([
      "null->draft",
      "draft->awaiting_payment",
    ]);
    expect((await auditFor(id)).find((a) => a.action === "report.sent_to_payment")).toMatchObject({
      ip: "198.51.100.7",
      after: { feeBaisa: 120_000 },
    });
    // A second click changes nothing.
    expect(await prepareForPayment(actor, id, ctx)).toEqual({ ok: true, reportId: id, feeBaisa: 120_000 });
    expect(await db.select().from(reportEvents).where(eq(reportEvents.reportId, id))).toHaveLength(2);
  });

  it("re-checks every rule at that moment: a permit cancelled since, or a last day now too recent", async () => {
    const { actor, worker, id, ctx } = await completeDraft();
    await db.update(workers).set({ permitStatus: "cancelled" }).where(eq(workers.id, worker.id));
    const r = await prepareForPayment(actor, id, ctx);
    expect(r).toMatchObject({
      ok: false,
      code: "incomplete",
      problems: [{ step: "worker", code: "permit_not_active" }],
    });
    await db.update(workers).set({ permitStatus: "active" }).where(eq(workers.id, worker.id));
    // Seen from 5 days earlier, the last day is too recent.
    const early = await prepareForPayment(actor, id, { ...ctx, now: new Date(Date.now() - 5 * 86_400_000) });
    expect(early).toMatchObject({
      ok: false,
      problems: [{ step: "absence", code: "too_early", field: "lastDay" }],
    });
    expect((await db.select().from(reports).where(eq(reports.id, id)))[0]!.status).toBe("draft");
  });

  it("does not need the bank statement when the worker entered Oman less than a month before the absence", async () => {
    const ctx = { storage };
    const lastDay = daysAgo(10);
    const { actor, worker } = await makeEmployerWithWorker({
      enteredOmanOn: addDays(lastDay, -20),
      nationality: "NP",
    });
    const s = await startReport(actor, { workerId: worker.id }, ctx);
    if (!s.ok) throw new Error(s.code);
    await saveAbsence(actor, s.reportId, { lastDayAtWork: lastDay }, ctx);
    await saveAbsence(actor, s.reportId, { workGovernorateCode: "MA", workAddress: "Bawshar" }, ctx);
    await saveAbsence(actor, s.reportId, { contactAttempts: "Called and visited." }, ctx);
    await saveDeclarations(actor, s.reportId, NO, ctx);
    await addEvidence(
      actor,
      s.reportId,
      { kind: "municipality_licence", name: "l.pdf", bytes: PDF_BYTES },
      ctx,
    );
    await addEvidence(actor, s.reportId, { kind: "address_proof", name: "a.png", bytes: PNG_BYTES }, ctx);
    expect(await prepareForPayment(actor, s.reportId, ctx)).toEqual({
      ok: true,
      reportId: s.reportId,
      feeBaisa: 130_000,
    });
  });

  it("refuses impermissible declarations", async () => {
    const { actor, id, ctx } = await completeDraft();
    await saveDeclarations(actor, id, { ...NO, declDisputeBeforeAbsence: true }, ctx);
    expect(await prepareForPayment(actor, id, ctx)).toMatchObject({
      ok: false,
      problems: [{ step: "check", code: "impermissible_dispute_before_absence", field: "declarations" }],
    });
  });
});

describe("the fee table", () => {
  it("is seeded for the main nationalities and a default, each a multiple of 10 baisa", async () => {
    const rows = await db.select().from(ticketFees);
    for (const f of SEED_FEES)
      expect(rows.find((r) => r.nationality === f.nationality)?.amountBaisa).toBe(f.amountBaisa);
    expect(SEED_FEES.every((f) => f.amountBaisa % 10 === 0)).toBe(true);
  });

  it("uses the newest row in effect for the nationality, else the default row", async () => {
    await withRollback(async (tx) => {
      const now = new Date();
      await tx.insert(ticketFees).values([
        { nationality: "IN", amountBaisa: 91_000, effectiveFrom: new Date(now.getTime() - 86_400_000) },
        { nationality: "IN", amountBaisa: 99_990, effectiveFrom: new Date(now.getTime() + 86_400_000) },
      ]);
      expect(await currentFeeBaisa(tx, "IN", now)).toBe(91_000);
      expect(await currentFeeBaisa(tx, "IN", new Date(now.getTime() + 2 * 86_400_000))).toBe(99_990);
      expect(await currentFeeBaisa(tx, "IN", new Date("2017-01-01T00:00:00Z"))).toBe(85_000);
      expect(await currentFeeBaisa(tx, "GB", now)).toBe(180_000);
      expect(await currentFeeBaisa(tx, "GB", new Date("2010-01-01T00:00:00Z"))).toBeNull();
    });
  });
});

describe("back to draft", () => {
  it("returns a report awaiting payment to draft and forgets its fee; editing a step does the same", async () => {
    const { actor, id, ctx } = await completeDraft();
    await prepareForPayment(actor, id, ctx);
    expect(await returnToDraft(actor, id, ctx)).toEqual({ ok: true, reportId: id });
    const [row] = await db.select().from(reports).where(eq(reports.id, id));
    expect(row).toMatchObject({ status: "draft", feeBaisa: null });
    await prepareForPayment(actor, id, ctx);
    expect(
      await saveAbsence(actor, id, { contactAttempts: "Also asked his cousin in Ruwi." }, ctx),
    ).toMatchObject({ ok: true });
    expect((await db.select().from(reports).where(eq(reports.id, id)))[0]).toMatchObject({
      status: "draft",
      contactAttempts: "Also asked his cousin in Ruwi.",
    });
    const events = await db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
    expect(events.filter((e) => e.toStatus === "draft" && e.fromStatus === "awaiting_payment")).toHaveLength(
      2,
    );
  });

  it("is refused once a payment was started; a submitted report cannot be edited", async () => {
    const { actor, id, ctx } = await completeDraft();
    await prepareForPayment(actor, id, ctx);
    await db
      .insert(deposits)
      .values({ reportId: id, amountBaisa: 85_000, status: "pending", provider: "local" });
    expect(await returnToDraft(actor, id, ctx)).toMatchObject({ ok: false, code: "payment_started" });
    expect(await saveDeclarations(actor, id, NO, ctx)).toMatchObject({ ok: false, code: "payment_started" });
    expect(
      await addEvidence(actor, id, { kind: "address_proof", name: "x.pdf", bytes: PDF_BYTES }, ctx),
    ).toMatchObject({ ok: false, code: "payment_started" });
    await db.update(reports).set({ status: "submitted" }).where(eq(reports.id, id));
    expect(await saveAbsence(actor, id, { contactAttempts: "Too late to change this." }, ctx)).toMatchObject({
      ok: false,
      code: "not_editable",
    });
    const fileId = (await db.select().from(evidenceFiles).where(eq(evidenceFiles.reportId, id)))[0]!.id;
    expect(await removeEvidence(actor, fileId, ctx)).toMatchObject({ ok: false, code: "not_editable" });
  });
});

describe("getFilingReport", () => {
  it("shows the fee the report would cost now, and the fixed fee once awaiting payment", async () => {
    const { actor, id, ctx } = await completeDraft({ nationality: "EG" });
    expect((await getFilingReport(actor, id))?.feeBaisa).toBe(140_000);
    await prepareForPayment(actor, id, ctx);
    await db.update(reports).set({ feeBaisa: 141_000 }).where(eq(reports.id, id));
    expect((await getFilingReport(actor, id))?.feeBaisa).toBe(141_000);
  });
});
