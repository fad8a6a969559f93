/**
 * The supervisor's audit-log browser: filters, keyset pages without gaps or repeats, viewing is audited,
 * supervisors only, and the log stays append-only.
 */
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/db";
import { auditEvents, workers } from "@/db/schema";
import { DEMO_WORKERS } from "@/db/seed";
import {
  browseAuditLog,
  decodeAuditCursor,
  EMPTY_AUDIT_FILTER,
  parseAuditFilter,
  type AuditFilter,
} from "@/lib/admin/audit-log";
import { ForbiddenError, type Actor, type StaffActor } from "@/lib/auth/actor";
import { createEmployerUser, createStaffUser, signedInActor } from "@/tests/helpers/accounts";
import { uniqueSuffix } from "@/tests/helpers/db";

let supervisor: StaffActor;
const tag = `t${uniqueSuffix()}`;
const entity = (n: number) => `${tag}-${n}`;

beforeAll(async () => {
  await ensureDatabase();
  supervisor = (await signedInActor(
    "staff",
    (await createStaffUser({ role: "supervisor" })).id,
  )) as StaffActor;
  // Seven events on entities of type `tag`: different actors, actions and days (Muscat).
  const rows = [
    { actorKind: "staff", action: "report.approved", at: "2017-06-01T10:00:00+04:00" },
    { actorKind: "staff", action: "report.rejected", at: "2017-06-02T10:00:00+04:00" },
    { actorKind: "employer", action: "report.submitted", at: "2017-06-02T23:30:00+04:00" },
    { actorKind: "worker", action: "grievance.filed", at: "2017-06-03T00:30:00+04:00" },
    { actorKind: "system", action: "report.closed", at: "2017-06-04T10:00:00+04:00" },
    { actorKind: "staff", action: "staff.role_changed", at: "2017-06-05T10:00:00+04:00" },
    { actorKind: "staff", action: "report_x.other", at: "2017-06-05T10:00:00+04:00" },
  ];
  for (const [i, r] of rows.entries()) {
    await db.insert(auditEvents).values({
      actorKind: r.actorKind,
      actorId: r.actorKind === "staff" ? supervisor.userId : null,
      action: r.action,
      entityType: tag,
      entityId: entity(i),
      before: i === 0 ? { status: "submitted" } : null,
      after: { note: `<img src=x onerror=alert(${i})>` },
      at: new Date(r.at),
    });
  }
});

const f = (over: Partial<AuditFilter>): AuditFilter => ({ ...EMPTY_AUDIT_FILTER, entityType: tag, ...over });
const ids = async (filter: AuditFilter) =>
  (await browseAuditLog(supervisor, filter, null)).rows.map((r) => r.entityId);

describe("browseAuditLog filters", () => {
  it("lists an entity type newest first, with before and after as stored", async () => {
    const { rows } = await browseAuditLog(supervisor, f({}), null);
    // 5 and 6 share an instant: the larger id (inserted later) comes first.
    expect(rows.map((r) => r.entityId)).toEqual([6, 5, 4, 3, 2, 1, 0].map(entity));
    expect(rows.at(-1)?.before).toEqual({ status: "submitted" });
    expect(rows.at(-1)?.after).toEqual({ note: "<img src=x onerror=alert(0)>" });
    expect(rows[0]?.actorName).toBe(supervisor.name);
  });

  it("filters by actor kind, action prefix (wildcards literal), entity id and Muscat dates", async () => {
    expect(await ids(f({ actorKind: "employer" }))).toEqual([entity(2)]);
    expect(await ids(f({ action: "report." }))).toEqual([entity(4), entity(2), entity(1), entity(0)]);
    // "_" is not a wildcard: "report_" matches report_x.other only.
    expect(await ids(f({ action: "report_" }))).toEqual([entity(6)]);
    expect(await ids(f({ entityId: entity(3) }))).toEqual([entity(3)]);
    // 2 June in Muscat: 10:00 and 23:30; the 00:30 event on 3 June (still 2 June in UTC) is out.
    expect(await ids(f({ from: "2017-06-02", to: "2017-06-02" }))).toEqual([entity(2), entity(1)]);
    expect(await ids(f({ actorKind: "staff", from: "2017-06-05" }))).toEqual([entity(6), entity(5)]);
  });

  it("pages by keyset with no gap and no repeat, even for events at the same instant", async () => {
    const seen: (string | null)[] = [];
    let cursor = null;
    for (let page = 0; page < 10; page++) {
      const res = await browseAuditLog(supervisor, f({}), cursor, { limit: 2 });
      seen.push(...res.rows.map((r) => r.entityId));
      if (!res.next) break;
      cursor = decodeAuditCursor(res.next);
      expect(cursor).not.toBeNull();
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("records each view with its filter", async () => {
    await browseAuditLog(supervisor, f({ actorKind: "worker" }), null, { ip: "10.1.2.3" });
    const [row] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "audit.viewed"), eq(auditEvents.actorId, supervisor.userId)))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(row).toMatchObject({ actorKind: "staff", entityType: "audit_log", ip: "10.1.2.3" });
    expect(row?.after).toMatchObject({ filter: { actorKind: "worker", entityType: tag }, shown: 1 });
  });
});

describe("parseAuditFilter", () => {
  it("refuses an unknown actor kind, a bad entity id and a reversed range", () => {
    expect(parseAuditFilter({ actorKind: "root" })).toMatchObject({
      ok: false,
      errors: { actorKind: "actor_kind_invalid" },
    });
    expect(parseAuditFilter({ entityId: "a b" })).toMatchObject({
      ok: false,
      errors: { entityId: "entity_id_invalid" },
    });
    expect(parseAuditFilter({ from: "2017-06-05", to: "2017-06-01" })).toMatchObject({
      ok: false,
      errors: { to: "range_reversed" },
    });
    // A well-shaped but impossible date is a validation error, not a server error.
    expect(parseAuditFilter({ from: "2026-13-45" })).toMatchObject({
      ok: false,
      errors: { from: "date_invalid" },
    });
    expect(parseAuditFilter({ action: "report.", actorKind: "staff" })).toMatchObject({
      ok: true,
      filter: { action: "report.", actorKind: "staff" },
    });
  });

  it("ignores a tampered cursor", () => {
    expect(decodeAuditCursor("not-a-cursor")).toBeNull();
    expect(
      decodeAuditCursor(Buffer.from("2017-06-01T00:00:00.000000Z|1;drop").toString("base64url")),
    ).toBeNull();
  });
});

describe("who may browse the audit log", () => {
  it("refuses reviewers and finance (role) and employers, workers and anonymous callers (not staff)", async () => {
    const denied: [Actor | null, string][] = [
      [await signedInActor("staff", (await createStaffUser({ role: "reviewer" })).id), "role"],
      [await signedInActor("staff", (await createStaffUser({ role: "finance" })).id), "role"],
      [await signedInActor("employer", (await createEmployerUser()).id), "staff_only"],
      [null, "staff_only"],
    ];
    const [w] = await db.select().from(workers).where(eq(workers.civilId, DEMO_WORKERS[0]!.civilId));
    denied.push([await signedInActor("worker", w!.id), "staff_only"]);
    for (const [actor, code] of denied) {
      const err = await browseAuditLog(actor, f({}), null).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ForbiddenError);
      expect((err as ForbiddenError).code).toBe(code);
    }
  });
});

describe("the audit log is append-only", () => {
  it("refuses UPDATE and DELETE even when the code is bypassed", async () => {
    await expect(
      db.update(auditEvents).set({ action: "tampered" }).where(eq(auditEvents.entityType, tag)),
    ).rejects.toThrow();
    await expect(db.delete(auditEvents).where(eq(auditEvents.entityType, tag))).rejects.toThrow();
    expect((await ids(f({}))).length).toBe(7);
  });
});
