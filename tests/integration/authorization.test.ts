/**
 * Who may call what: the supervisor-only rollout schedule, the any-staff directory, and the append-only
 * audit trail. Actors come from real session rows, as a request would carry them.
 */
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, sqlClient } from "@/db";
import { auditEvents, governorates } from "@/db/schema";
import { listStaffDirectory } from "@/lib/admin/staff-directory";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { updateGovernorateSchedule } from "@/lib/governorates/update-schedule";
import { createEmployerUser, createStaffUser, signedInActor } from "@/tests/helpers/accounts";
import { withRollback } from "@/tests/helpers/db";
import { DEMO_WORKERS } from "@/db/seed";
import { workers } from "@/db/schema";

const supervisor = async () => signedInActor("staff", (await createStaffUser({ role: "supervisor" })).id);
const reviewer = async () => signedInActor("staff", (await createStaffUser({ role: "reviewer" })).id);
const finance = async () => signedInActor("staff", (await createStaffUser({ role: "finance" })).id);
const employer = async () => signedInActor("employer", (await createEmployerUser()).id);
const worker = async (): Promise<Actor> => {
  const [w] = await db.select().from(workers).where(eq(workers.civilId, DEMO_WORKERS[0]!.civilId));
  return signedInActor("worker", w!.id);
};

async function forbiddenCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ForbiddenError) return e.code;
    throw e;
  }
  throw new Error("expected ForbiddenError, but the call succeeded");
}

const schedule = async (code: string, tx = db) =>
  (
    await tx
      .select({ pilotFrom: governorates.pilotFrom, mandatoryFrom: governorates.mandatoryFrom })
      .from(governorates)
      .where(eq(governorates.code, code))
  )[0];

const auditCount = async (tx = db) => (await tx.select({ id: auditEvents.id }).from(auditEvents)).length;

describe("updateGovernorateSchedule (supervisor only)", () => {
  const future = { code: "MU", pilotFrom: "2099-01-01", mandatoryFrom: "2099-06-01" };

  it("refuses an employer as not staff, and changes nothing", async () => {
    const before = await schedule("MU");
    const audits = await auditCount();
    expect(await forbiddenCode(updateGovernorateSchedule(await employer(), future))).toBe("staff_only");
    expect(await schedule("MU")).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("refuses a worker and an anonymous caller as not staff", async () => {
    expect(await forbiddenCode(updateGovernorateSchedule(await worker(), future))).toBe("staff_only");
    expect(await forbiddenCode(updateGovernorateSchedule(null, future))).toBe("staff_only");
  });

  it("refuses a reviewer and finance for their role, and changes nothing", async () => {
    const before = await schedule("MU");
    expect(await forbiddenCode(updateGovernorateSchedule(await reviewer(), future))).toBe("role");
    expect(await forbiddenCode(updateGovernorateSchedule(await finance(), future))).toBe("role");
    expect(await schedule("MU")).toEqual(before);
  });

  it("checks the role before the input: a reviewer with bad dates is still 'forbidden'", async () => {
    expect(
      await forbiddenCode(
        updateGovernorateSchedule(await reviewer(), {
          code: "MU",
          pilotFrom: "nonsense",
          mandatoryFrom: null,
        }),
      ),
    ).toBe("role");
  });

  it("lets a supervisor change the dates, with an audit event holding before and after", async () => {
    const actor = await supervisor();
    if (actor.kind !== "staff") throw new Error("not staff");
    const original = await schedule("MU");
    try {
      const result = await updateGovernorateSchedule(actor, future, { ip: "192.0.2.7" });
      expect(result).toEqual({ ok: true, changed: true, schedule: future });
      expect(await schedule("MU")).toEqual({ pilotFrom: "2099-01-01", mandatoryFrom: "2099-06-01" });

      const [event] = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, "governorate"), eq(auditEvents.entityId, "MU")))
        .orderBy(desc(auditEvents.id))
        .limit(1);
      expect(event).toMatchObject({
        actorKind: "staff",
        actorId: actor.userId,
        action: "governorate.schedule_updated",
        before: original,
        after: { pilotFrom: "2099-01-01", mandatoryFrom: "2099-06-01" },
        ip: "192.0.2.7",
      });

      // The same dates again: nothing changes and nothing is recorded.
      const audits = await auditCount();
      expect(await updateGovernorateSchedule(actor, future)).toMatchObject({ ok: true, changed: false });
      expect(await auditCount()).toBe(audits);
    } finally {
      await updateGovernorateSchedule(actor, { code: "MU", ...original! });
    }
    expect(await schedule("MU")).toEqual(original);
  });

  it("validates the dates: order, real dates, Arabic-Indic digits, clearing a date", async () => {
    const actor = await supervisor();
    await withRollback(async (tx) => {
      expect(
        await updateGovernorateSchedule(
          actor,
          { code: "BU", pilotFrom: "2099-06-01", mandatoryFrom: "2099-01-01" },
          { tx },
        ),
      ).toEqual({
        ok: false,
        code: "invalid",
        fieldErrors: { mandatoryFrom: "date_order" },
      });
      expect(
        await updateGovernorateSchedule(
          actor,
          { code: "BU", pilotFrom: "2099-02-30", mandatoryFrom: null },
          { tx },
        ),
      ).toEqual({
        ok: false,
        code: "invalid",
        fieldErrors: { pilotFrom: "date_invalid" },
      });
      expect(
        await updateGovernorateSchedule(
          actor,
          { code: "BU", pilotFrom: "٢٠٩٩-٠١-٠١", mandatoryFrom: "" },
          { tx },
        ),
      ).toMatchObject({ ok: true, changed: true });
      expect(await schedule("BU", tx as typeof db)).toEqual({ pilotFrom: "2099-01-01", mandatoryFrom: null });
      expect(
        await updateGovernorateSchedule(actor, { code: "BU", pilotFrom: null, mandatoryFrom: null }, { tx }),
      ).toMatchObject({ ok: true, changed: true });
      expect(await schedule("BU", tx as typeof db)).toEqual({ pilotFrom: null, mandatoryFrom: null });
    });
    // Rolled back: the seeded schedule is intact.
    expect(await schedule("BU")).toEqual({ pilotFrom: "2016-12-13", mandatoryFrom: "2017-02-01" });
  });

  it("says so for a governorate that does not exist", async () => {
    expect(
      await updateGovernorateSchedule(await supervisor(), {
        code: "XX",
        pilotFrom: "2099-01-01",
        mandatoryFrom: null,
      }),
    ).toEqual({ ok: false, code: "not_found" });
  });
});

describe("listStaffDirectory (any staff)", () => {
  it("is refused to employers and workers as not staff, which differs from a wrong staff role", async () => {
    expect(await forbiddenCode(listStaffDirectory(await employer()))).toBe("staff_only");
    expect(await forbiddenCode(listStaffDirectory(await worker()))).toBe("staff_only");
    expect(await forbiddenCode(listStaffDirectory(null))).toBe("staff_only");
  });

  it("is open to every staff role, and shows no secrets", async () => {
    const enrolled = await createStaffUser({ role: "finance" });
    const pending = await createStaffUser({ role: "reviewer", enrolled: false });
    for (const actor of [await reviewer(), await finance(), await supervisor()]) {
      const list = await listStaffDirectory(actor);
      expect(list.find((s) => s.id === enrolled.id)).toEqual({
        id: enrolled.id,
        name: enrolled.name,
        email: enrolled.email,
        role: "finance",
        active: true,
        totpEnrolled: true,
      });
      expect(list.find((s) => s.id === pending.id)).toMatchObject({ role: "reviewer", totpEnrolled: false });
      expect(list.some((s) => s.email === "supervisor@mol.example.om")).toBe(true);
      expect(JSON.stringify(list)).not.toContain(enrolled.totpSecret!);
      expect(JSON.stringify(list)).not.toContain("$argon2");
    }
  });
});

describe("the audit trail is append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE, even as raw SQL", async () => {
    const sql = sqlClient();
    const [row] = await sql<{ id: string }[]>`
      insert into audit_events (actor_kind, action, entity_type) values ('system', 'test.append_only', 'test') returning id`;
    const id = row!.id;

    await expect(sql`update audit_events set action = 'tampered' where id = ${id}`).rejects.toMatchObject({
      code: "42501",
      message: expect.stringContaining("append-only"),
    });
    await expect(sql`delete from audit_events where id = ${id}`).rejects.toMatchObject({ code: "42501" });
    await expect(sql.unsafe("truncate audit_events")).rejects.toMatchObject({ code: "42501" });
    await expect(
      db
        .update(auditEvents)
        .set({ action: "tampered" })
        .where(eq(auditEvents.id, Number(id))),
    ).rejects.toThrow();

    const [still] = await sql<{ action: string }[]>`select action from audit_events where id = ${id}`;
    expect(still).toEqual({ action: "test.append_only" });
  });
});
