/**
 * CSV exports: the reports list with Arabic names opens as UTF-8 (BOM, strict decoding), script and formula
 * payloads stay text, pages join without a gap or a repeat, and who may export.
 */
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/db";
import { auditEvents, workers } from "@/db/schema";
import { DEMO_WORKERS } from "@/db/seed";
import { EMPTY_AUDIT_FILTER } from "@/lib/admin/audit-log";
import { exportAuditCsv, exportQueueCsv, exportReportsCsv, omrText } from "@/lib/admin/exports";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { createEmployerUser, createStaffUser, signedInActor } from "@/tests/helpers/accounts";
import { decodeUtf8WithBom, parseCsv, readStream } from "@/tests/helpers/csv-parse";
import { insertFixtureReport } from "@/tests/helpers/statistics-fixture";
import { createEstablishment } from "@/tests/helpers/tracking-fixtures";

// A month of its own (no other fixture uses May 2018).
const MAY = { from: "2018-05-01", to: "2018-05-31", governorate: null };
const NAMES = [
  { ar: "محمد عبد الله", en: "Mohammed Abdullah" },
  { ar: '<script>alert("x")</script>', en: '=HYPERLINK("http://evil","click")' },
  { ar: "فاطمة، الزهراء", en: "@SUM(1+1)" },
];
let reviewer: Actor;

beforeAll(async () => {
  await ensureDatabase();
  const est = await createEstablishment("Export");
  for (let i = 0; i < 7; i++) {
    const name = NAMES[i % NAMES.length]!;
    await insertFixtureReport({
      est,
      nationality: "EG",
      workerNameAr: `${name.ar}`,
      workerNameEn: name.en,
      status: "submitted",
      // Two reports in the same second, to prove the keyset uses the id as a tie-breaker.
      submittedAt: `2018-05-${String(10 + Math.min(i, 5)).padStart(2, "0")}T09:00:00+04:00`,
      deposit: { status: "paid", amount: 85_000 },
    });
  }
  reviewer = await signedInActor("staff", (await createStaffUser({ role: "reviewer" })).id);
});

describe("exportReportsCsv", () => {
  it("starts with the BOM, decodes as strict UTF-8 and keeps Arabic names, script and formulas as text", async () => {
    const bytes = await readStream(await exportReportsCsv(reviewer, MAY, { pageSize: 2 }));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(decodeUtf8WithBom(bytes));
    const [header, ...data] = rows;
    expect(header).toContain("worker_name_ar");
    const ar = header!.indexOf("worker_name_ar");
    const en = header!.indexOf("worker_name_en");
    const ref = header!.indexOf("reference");
    expect(data).toHaveLength(7);
    // Paged two at a time: every report once, oldest first.
    expect(new Set(data.map((r) => r[ref])).size).toBe(7);
    // The last two share a second: their order is the id's, so compare them as a set.
    expect(data.map((r) => r[ar]).slice(0, 5)).toEqual([0, 1, 2, 3, 4].map((i) => NAMES[i % 3]!.ar));
    expect(
      data
        .map((r) => r[ar])
        .slice(5)
        .sort(),
    ).toEqual([NAMES[2]!.ar, NAMES[0]!.ar].sort());
    expect(data.map((r) => r[en]).slice(0, 3)).toEqual([
      "Mohammed Abdullah",
      '\'=HYPERLINK("http://evil","click")',
      "'@SUM(1+1)",
    ]);
    expect(data[0]![header!.indexOf("deposit_omr")]).toBe("85.000");
    expect(data[0]![header!.indexOf("worker_nationality")]).toBe("EG");
  });

  it("is recorded in the audit log with the filter", async () => {
    await readStream(await exportReportsCsv(reviewer, MAY));
    const [row] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "reports.exported"),
          eq(auditEvents.actorId, reviewer.kind === "staff" ? reviewer.userId : ""),
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(row?.after).toEqual({ filter: MAY });
  });

  it("is for staff only", async () => {
    for (const role of ["finance", "supervisor"] as const) {
      const actor = await signedInActor("staff", (await createStaffUser({ role })).id);
      await expect(exportReportsCsv(actor, MAY)).resolves.toBeInstanceOf(ReadableStream);
    }
    const employer = await signedInActor("employer", (await createEmployerUser()).id);
    const [w] = await db.select().from(workers).where(eq(workers.civilId, DEMO_WORKERS[0]!.civilId));
    const worker = await signedInActor("worker", w!.id);
    for (const actor of [employer, worker, null])
      await expect(exportReportsCsv(actor, MAY)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("exportQueueCsv", () => {
  it("exports the reviewer's queue with its filters, every item once, Arabic kept and formulas neutralised", async () => {
    const bytes = await readStream(
      await exportQueueCsv(reviewer, "reports", { from: MAY.from, to: MAY.to }, { pageSize: 2 }),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...data] = parseCsv(decodeUtf8WithBom(bytes));
    expect(data).toHaveLength(7);
    expect(new Set(data.map((r) => r[header!.indexOf("reference")])).size).toBe(7);
    expect(data.map((r) => r[header!.indexOf("worker_name_ar")])).toContain(NAMES[0]!.ar);
    expect(data.map((r) => r[header!.indexOf("worker_name_en")])).toContain(
      '\'=HYPERLINK("http://evil","click")',
    );
  });

  it("is for reviewers (and supervisors) only", async () => {
    const finance = await signedInActor("staff", (await createStaffUser({ role: "finance" })).id);
    await expect(exportQueueCsv(finance, "reports", {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportQueueCsv(null, "reports", {})).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("exportAuditCsv", () => {
  it("is for supervisors only", async () => {
    const finance = await signedInActor("staff", (await createStaffUser({ role: "finance" })).id);
    for (const actor of [reviewer, finance, null])
      await expect(exportAuditCsv(actor, EMPTY_AUDIT_FILTER)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("writes the filtered events, newest first, with before and after as JSON", async () => {
    const supervisor = await signedInActor("staff", (await createStaffUser({ role: "supervisor" })).id);
    const entityId = `export-test-${Date.now()}`;
    for (let i = 0; i < 3; i++) {
      await db.insert(auditEvents).values({
        actorKind: "system",
        action: "test.exported",
        entityType: "test",
        entityId,
        before: { n: i },
        after: { name: "=1+1 عربي" },
      });
    }
    const bytes = await readStream(
      await exportAuditCsv(supervisor, { ...EMPTY_AUDIT_FILTER, entityId }, { pageSize: 2 }),
    );
    const [header, ...data] = parseCsv(decodeUtf8WithBom(bytes));
    expect(data.map((r) => JSON.parse(r[header!.indexOf("before")]!))).toEqual([
      { n: 2 },
      { n: 1 },
      { n: 0 },
    ]);
    // JSON starts with "{", so nothing to neutralise; the Arabic survives.
    expect(JSON.parse(data[0]![header!.indexOf("after")]!)).toEqual({ name: "=1+1 عربي" });
  });
});

describe("omrText", () => {
  it("writes baisa as OMR with three decimals", () => {
    expect(omrText(85_000)).toBe("85.000");
    expect(omrText(5)).toBe("0.005");
    expect(omrText(null)).toBeNull();
  });
});
