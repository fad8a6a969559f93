/**
 * Property tests (fast-check) on what the forms' server actions run: each form's schema through parseForm,
 * then the use case, exactly as the action does, with hostile input and many more runs than the HTTP fuzzer
 * (tests/e2e/security-fuzz.spec.ts) can afford. For every input:
 * - nothing throws (an exception in an action is a 500);
 * - no partial write: either the whole change is there (the row holds exactly the parsed values, with its
 *   audit event), or the use case refused and the row, its events and its audit trail are as they were;
 * - another establishment's employer gets "not_found" for every input, and changes nothing.
 *
 * Runs per property: FUZZ_RUNS (default 150). FUZZ_SEED replays a failing run.
 */
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditEvents, governorates, reportEvents, reports } from "@/db/schema";
import type { EmployerActor } from "@/lib/auth/actor";
import { acceptInvitationSchema, inviteSchema, removeSchema } from "@/lib/employers/schemas";
import {
  employerSignInSchema,
  resetPasswordSchema,
  resetRequestSchema,
  signUpSchema,
  totpSchema,
} from "@/lib/auth/schemas";
import { parseForm } from "@/lib/forms";
import { updateGovernorateSchedule } from "@/lib/governorates/update-schedule";
import { governorateScheduleSchema } from "@/lib/governorates/schemas";
import { grievanceSchema } from "@/lib/grievances/schemas";
import {
  inviteStaffSchema,
  changeRoleSchema,
  setActiveSchema,
  acceptStaffInvitationSchema,
} from "@/lib/admin/staff-accounts";
import { saveAbsence } from "@/lib/reports/save-absence";
import { saveDeclarations } from "@/lib/reports/save-declarations";
import {
  civilIdSchema,
  contactSchema,
  declarationsSchema,
  lastDaySchema,
  workerChoiceSchema,
  workplaceSchema,
} from "@/lib/reports/schemas";
import { startReport } from "@/lib/reports/start-report";
import { cancellationSchema, refundSchema, withdrawSchema } from "@/lib/reports/tracking-schemas";
import { workerCodeRequestSchema, workerCodeSchema } from "@/lib/workers/schemas";
import { createStaffUser, signedInActor } from "@/tests/helpers/accounts";
import { withRollback } from "@/tests/helpers/db";
import { daysAgo, makeEmployer, makeEmployerWithWorker, makeEstablishment } from "@/tests/helpers/filing";

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const opts = { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) };

const NASTY = [
  "",
  " ",
  "\u0000",
  "\u202e",
  "<script>alert(1)</script>",
  "'; drop table reports; --",
  "2026-13-45",
  "2026-02-30",
  "٢٠٢٦-٠٢-٣٠",
  "٣١",
  "۱۲",
  "-1",
  "0",
  "1e309",
  "NaN",
  "99999999999999999999",
  "$K1",
  "$@0",
  "00000000-0000-0000-0000-000000000000",
  "مرحبا 👋🏽",
  "x".repeat(70_000),
];
const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.integer({ min: -100, max: 10_000 }).map(String),
  fc.uuid(),
);

/** FormData as a browser (or anyone with curl) could send it: strings, repeated keys, files where text is expected. */
function formDataOf(fields: Record<string, string | string[] | undefined>, fileFor?: string): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  }
  if (fileFor) fd.append(fileFor, new File([new Uint8Array([1, 2, 3])], "x.bin"));
  return fd;
}

const fieldsArb = (names: string[]) =>
  fc.record({
    fields: fc.record(
      Object.fromEntries(
        names.map((n) => [
          n,
          fc.option(fc.oneof(hostile, fc.array(hostile, { minLength: 2, maxLength: 3 })), { nil: undefined }),
        ]),
      ),
    ),
    fileFor: fc.option(fc.constantFrom(...names), { nil: undefined }),
  });

/** The report row, its timeline and its audit trail: what a refused save must leave exactly as it was. */
async function snapshot(reportId: string) {
  const [row] = await db.select().from(reports).where(eq(reports.id, reportId));
  const [events] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reportEvents)
    .where(eq(reportEvents.reportId, reportId));
  const [audits] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "report"), eq(auditEvents.entityId, reportId)));
  return { row, events: events!.n, audits: audits!.n };
}

describe("every form schema through parseForm: hostile FormData never throws", () => {
  const schemas = {
    civilIdSchema,
    workerChoiceSchema,
    lastDaySchema,
    workplaceSchema,
    contactSchema,
    declarationsSchema,
    cancellationSchema,
    withdrawSchema,
    refundSchema,
    grievanceSchema,
    inviteSchema,
    removeSchema,
    acceptInvitationSchema,
    employerSignInSchema,
    totpSchema,
    signUpSchema,
    resetRequestSchema,
    resetPasswordSchema,
    inviteStaffSchema,
    changeRoleSchema,
    setActiveSchema,
    acceptStaffInvitationSchema,
    governorateScheduleSchema,
    workerCodeRequestSchema,
    workerCodeSchema,
  };
  for (const [name, schema] of Object.entries(schemas)) {
    it(name, () => {
      const shape =
        "shape" in schema && typeof schema.shape === "object" && schema.shape
          ? Object.keys(schema.shape)
          : [];
      const names = [
        ...new Set([
          ...shape,
          "lastDayDay",
          "lastDayMonth",
          "lastDayYear",
          "pilotFrom",
          "mandatoryFrom",
          "code",
          "extra",
        ]),
      ];
      fc.assert(
        fc.property(fieldsArb(names), ({ fields, fileFor }) => {
          const parsed = parseForm(schema, formDataOf(fields, fileFor));
          if (!parsed.ok) {
            expect(parsed.state.status).toBe("error");
            // Every error is a translation key, never a raw message with the input in it.
            for (const code of Object.values(parsed.state.fieldErrors ?? {}))
              expect(code).toMatch(/^[a-z_.]+$/);
          }
        }),
        { ...opts, numRuns: Math.max(50, Math.floor(RUNS / 2)) },
      );
    });
  }
});

describe("the filing steps: the whole change or none", () => {
  let actor: EmployerActor;
  let stranger: EmployerActor;
  let reportId: string;

  beforeAll(async () => {
    const made = await makeEmployerWithWorker();
    actor = made.actor;
    stranger = await makeEmployer((await makeEstablishment()).id);
    const started = await startReport(actor, { workerId: made.worker.id });
    if (!started.ok) throw new Error(started.code);
    reportId = started.reportId;
  });

  it("last day at work: impossible dates, Arabic-Indic digits, garbage", async () => {
    let saved = 0;
    const part = fc.oneof(
      hostile,
      fc.integer({ min: -5, max: 3000 }).map(String),
      fc.constantFrom("٣٠", "٠٢", "٢٠٢٦", "29", "30", "31", "2", "13", "2026", "1949"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            lastDayDay: fc.option(part, { nil: undefined }),
            lastDayMonth: fc.option(part, { nil: undefined }),
            lastDayYear: fc.option(part, { nil: undefined }),
          }),
          // A recent day (the rules allow those), in Latin or Arabic-Indic digits.
          fc.tuple(fc.integer({ min: 0, max: 90 }), fc.boolean()).map(([n, arabic]) => {
            const [y, m, d] = daysAgo(n).split("-");
            const digits = (v: string) =>
              arabic ? v.replace(/\d/g, (c) => String.fromCharCode(0x0660 + Number(c))) : v;
            return {
              lastDayDay: digits(String(Number(d))),
              lastDayMonth: digits(m!),
              lastDayYear: digits(y!),
            };
          }),
        ),
        async (fields) => {
          const before = await snapshot(reportId);
          const parsed = parseForm(lastDaySchema, formDataOf(fields));
          if (!parsed.ok) {
            expect(await snapshot(reportId)).toEqual(before);
            return;
          }
          // Whatever passed the schema is a real calendar date.
          const iso = parsed.data.lastDayAtWork;
          expect(new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10)).toBe(iso);
          const result = await saveAbsence(actor, reportId, { lastDayAtWork: iso });
          const after = await snapshot(reportId);
          if (result.ok) {
            saved += 1;
            expect(after.row!.lastDayAtWork).toBe(iso);
          } else expect(after).toEqual(before);
        },
      ),
      opts,
    );
    // Not vacuous: some of the generated forms were valid and saved.
    expect(saved).toBeGreaterThan(0);
  });

  it("workplace and contact: free text of any kind", async () => {
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          workGovernorateCode: fc.option(
            fc.oneof(hostile, fc.constantFrom("MA", "MU", "BU", "XX", "ma", "M")),
            { nil: undefined },
          ),
          workAddress: fc.option(fc.oneof(hostile, fc.string({ minLength: 5, maxLength: 600 })), {
            nil: undefined,
          }),
          contactAttempts: fc.option(fc.oneof(hostile, fc.string({ minLength: 10, maxLength: 2100 })), {
            nil: undefined,
          }),
        }),
        async (fields) => {
          const fd = formDataOf(fields);
          // Workplace, then contact: each either saved whole or not at all.
          const steps = [
            async () => {
              const p = parseForm(workplaceSchema, fd);
              return p.ok
                ? {
                    data: p.data as Record<string, unknown>,
                    result: await saveAbsence(actor, reportId, { ...p.data }),
                  }
                : null;
            },
            async () => {
              const p = parseForm(contactSchema, fd);
              return p.ok
                ? {
                    data: p.data as Record<string, unknown>,
                    result: await saveAbsence(actor, reportId, { ...p.data }),
                  }
                : null;
            },
          ];
          for (const step of steps) {
            const before = await snapshot(reportId);
            const done = await step();
            const after = await snapshot(reportId);
            if (!done || !done.result.ok) {
              expect(after).toEqual(before);
              continue;
            }
            saved += 1;
            for (const [k, v] of Object.entries(done.data))
              expect(after.row![k as keyof typeof after.row]).toBe(v);
          }
        },
      ),
      opts,
    );
    expect(saved).toBeGreaterThan(0);
  });

  it("declarations: any answers", async () => {
    const answer = fc.option(fc.oneof(fc.constantFrom("yes", "no"), hostile), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          declDisputeBeforeAbsence: answer,
          declWorkerLeftCountryKnown: answer,
          declOnLegalLeave: answer,
          declResignationAccepted: answer,
        }),
        async (fields) => {
          const before = await snapshot(reportId);
          const parsed = parseForm(declarationsSchema, formDataOf(fields));
          if (!parsed.ok) {
            expect(await snapshot(reportId)).toEqual(before);
            return;
          }
          const result = await saveDeclarations(actor, reportId, parsed.data);
          const after = await snapshot(reportId);
          if (result.ok)
            for (const [k, v] of Object.entries(parsed.data))
              expect(after.row![k as keyof typeof after.row]).toBe(v);
          else if (result.code !== "impermissible") expect(after).toEqual(before);
        },
      ),
      opts,
    );
  });

  it("another establishment's employer: not_found for every input, and nothing changes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          date: fc.date({ min: new Date("1990-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }),
          address: fc.string({ minLength: 5, maxLength: 100 }),
          contact: fc.string({ minLength: 10, maxLength: 100 }),
        }),
        async ({ date, address, contact }) => {
          const before = await snapshot(reportId);
          const results = [
            await saveAbsence(stranger, reportId, {
              lastDayAtWork: date.toISOString().slice(0, 10),
            }),
            await saveAbsence(stranger, reportId, {
              workGovernorateCode: "MA",
              workAddress: address,
            }),
            await saveAbsence(stranger, reportId, { contactAttempts: contact }),
            await saveDeclarations(stranger, reportId, {
              declDisputeBeforeAbsence: false,
              declWorkerLeftCountryKnown: false,
              declOnLegalLeave: false,
              declResignationAccepted: false,
            }),
          ];
          for (const r of results) expect(r).toMatchObject({ ok: false, code: "not_found" });
          expect(await snapshot(reportId)).toEqual(before);
        },
      ),
      { ...opts, numRuns: Math.max(20, Math.floor(RUNS / 5)) },
    );
  });
});

describe("a governorate's rollout dates: the whole change or none", () => {
  it("any dates, in a transaction rolled back after each run", async () => {
    let saved = 0;
    const supervisor = await signedInActor("staff", (await createStaffUser({ role: "supervisor" })).id);
    const date = fc.oneof(
      hostile,
      fc.constantFrom(
        "2026-02-29",
        "2028-02-29",
        "2026-02-30",
        "2026-13-01",
        "2099-12-31",
        "2100-01-01",
        "2015-12-31",
        "٢٠٩٩-٠١-٠١",
      ),
      fc
        .tuple(
          fc.integer({ min: 2000, max: 2120 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
        )
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          code: fc.constantFrom("MU", "BU", "XX", "mu", ""),
          pilotFrom: fc.option(date),
          mandatoryFrom: fc.option(date),
        }),
        async (input) => {
          await withRollback(async (tx) => {
            const read = async () =>
              (await tx.select().from(governorates).where(eq(governorates.code, input.code)))[0];
            const before = await read();
            const result = await updateGovernorateSchedule(supervisor, input, { tx });
            const after = await read();
            if (result.ok) {
              saved += 1;
              expect(after!.pilotFrom).toBe(result.schedule.pilotFrom);
              expect(after!.mandatoryFrom).toBe(result.schedule.mandatoryFrom);
              for (const d of [after!.pilotFrom, after!.mandatoryFrom])
                if (d) expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
            } else {
              expect(after).toEqual(before);
            }
          });
        },
      ),
      opts,
    );
    expect(saved).toBeGreaterThan(0);
  });
});
