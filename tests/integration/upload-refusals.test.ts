/**
 * Every hostile upload is refused with its translated error code, and leaves nothing behind: no object in the
 * store, no row. Both ways files come in: an employer's evidence (filing step 4) and a worker's grievance
 * attachments.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/db";
import { evidenceFiles, grievances } from "@/db/schema";
import { fileGrievance } from "@/lib/grievances/file-grievance";
import { addEvidence } from "@/lib/reports/add-evidence";
import { RULES } from "@/lib/reports/settings";
import { startReport } from "@/lib/reports/start-report";
import type { Storage } from "@/lib/storage";
import { localStorage } from "@/lib/storage/local";
import { messages } from "@/messages";
import { makeEmployerWithWorker, PDF_BYTES, PNG_BYTES } from "../helpers/filing";
import { createReport, createWorker, workerActor } from "../helpers/worker-fixtures";

let dir = "";
let storage: Storage;
const holder = globalThis as unknown as { __balaghStorage?: Storage };
beforeAll(async () => {
  await ensureDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), "balagh-upload-refusals-"));
  storage = localStorage(dir);
  // Grievance attachments use the shared store: point it at this test's directory too.
  holder.__balaghStorage = storage;
});
afterAll(async () => {
  delete holder.__balaghStorage;
  await rm(dir, { recursive: true, force: true });
});

async function everythingStored(): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

const text = (s: string) => new TextEncoder().encode(s);
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]); // "MZ": a Windows program
const HTML = text("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
const SVG = text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>');
const SVG_XML = text(
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
);
const oversized = () => {
  const b = new Uint8Array(RULES.maxUploadBytes + 1);
  b.set(PDF_BYTES);
  return b;
};

/** [file name, bytes, evidence error code, grievance error code] */
const HOSTILE: [string, Uint8Array, string, string][] = [
  ["setup.pdf", EXE, "upload_type", "file_type"],
  ["statement.pdf", HTML, "upload_type", "file_type"],
  ["photo.jpg", HTML, "upload_type", "file_type"],
  ["logo.png", SVG, "upload_type", "file_type"],
  ["scan.png", SVG_XML, "upload_type", "file_type"],
  ["drawing.svg", SVG, "upload_type", "file_type"],
  ["big.pdf", oversized(), "upload_too_large", "file_too_large"],
  ["../../etc/passwd.pdf", PDF_BYTES, "upload_name", "file_name"],
  ["..\\x.pdf", PDF_BYTES, "upload_name", "file_name"],
  ["/etc/passwd.png", PNG_BYTES, "upload_name", "file_name"],
  ["report\u0000.exe.pdf", PDF_BYTES, "upload_name", "file_name"],
  ["line\r\nContent-Type: text/html.pdf", PDF_BYTES, "upload_name", "file_name"],
  ["tab\there.png", PNG_BYTES, "upload_name", "file_name"],
  [`${"a".repeat(300)}.pdf`, PDF_BYTES, "upload_name", "file_name"],
  [`${"ب".repeat(252)}.pdf`, PDF_BYTES, "upload_name", "file_name"],
];

describe("hostile uploads are refused and nothing is kept", () => {
  it("employer evidence: each refused with its message, no object, no row", async () => {
    const { actor, worker } = await makeEmployerWithWorker();
    const s = await startReport(actor, { workerId: worker.id });
    if (!s.ok) throw new Error(s.code);
    const before = await everythingStored();
    for (const [name, bytes, code] of HOSTILE) {
      const r = await addEvidence(actor, s.reportId, { kind: "bank_statement", name, bytes }, { storage });
      expect(r, JSON.stringify(name.slice(0, 40))).toMatchObject({
        ok: false,
        code,
        field: "bank_statement",
      });
      // The message the page shows exists in both languages.
      for (const locale of ["ar", "en"] as const) {
        expect((messages[locale].filing.errors as Record<string, string>)[code]).toBeTruthy();
      }
    }
    expect(await everythingStored()).toEqual(before);
    expect(await db.select().from(evidenceFiles).where(eq(evidenceFiles.reportId, s.reportId))).toHaveLength(
      0,
    );
    // The same names are fine once they are plain names, and a file at exactly 5 MB is accepted.
    const ok = await addEvidence(
      actor,
      s.reportId,
      { kind: "bank_statement", name: `${"ب".repeat(251)}.pdf`, bytes: PDF_BYTES },
      { storage },
    );
    expect(ok).toMatchObject({ ok: true });
  });

  it("grievance attachments: each refused with its message, no grievance, no object", async () => {
    const worker = await createWorker(db);
    const report = await createReport(db, { status: "submitted", workerId: worker.id });
    const actor = workerActor(worker);
    const before = await everythingStored();
    for (const [name, bytes, , code] of HOSTILE) {
      const r = await fileGrievance(actor, {
        reportId: report.id,
        grounds: "at_work",
        statement: "I came to work every day; my supervisor knows it.",
        contactPhone: "+96891234567",
        // A good file first: the hostile one must still stop everything.
        attachments: [
          { name: "payslip.pdf", bytes: PDF_BYTES },
          { name, bytes },
        ],
        locale: "ar",
        ip: null,
      });
      expect(r, JSON.stringify(name.slice(0, 40))).toEqual({ ok: false, code });
      for (const locale of ["ar", "en"] as const) {
        expect((messages[locale].workerErrors as Record<string, string>)[code]).toBeTruthy();
      }
    }
    expect(await everythingStored()).toEqual(before);
    expect(await db.select().from(grievances).where(eq(grievances.reportId, report.id))).toHaveLength(0);
    expect(await db.select().from(evidenceFiles).where(eq(evidenceFiles.reportId, report.id))).toHaveLength(
      0,
    );
  });
});
