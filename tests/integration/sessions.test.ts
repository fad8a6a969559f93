/** Sessions are rows: revoking one, its expiry, or deactivating the account ends it at the next request. */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { employerUsers, sessions, staffUsers } from "@/db/schema";
import { createSession, loadSessionActor, revokeAllSessions, revokeSession } from "@/lib/auth/sessions";
import { createEmployerUser, createStaffUser } from "@/tests/helpers/accounts";

describe("loadSessionActor", () => {
  it("loads the employer behind a live session, with the establishment", async () => {
    const user = await createEmployerUser({ role: "hr_officer" });
    const sid = await createSession(db, {
      userKind: "employer",
      userId: user.id,
      ip: "192.0.2.1",
      userAgent: "test",
    });
    expect(await loadSessionActor(sid)).toEqual({
      kind: "employer",
      sessionId: sid,
      userId: user.id,
      establishmentId: user.establishmentId,
      role: "hr_officer",
      name: user.name,
      email: user.email,
    });
  });

  it("returns null for a revoked session, and revoking one leaves the others", async () => {
    const user = await createEmployerUser();
    const a = await createSession(db, { userKind: "employer", userId: user.id, ip: null, userAgent: null });
    const b = await createSession(db, { userKind: "employer", userId: user.id, ip: null, userAgent: null });
    await revokeSession(a);
    expect(await loadSessionActor(a)).toBeNull();
    expect(await loadSessionActor(b)).not.toBeNull();
  });

  it("'sign out everywhere' ends every session of that user only", async () => {
    const user = await createEmployerUser();
    const other = await createEmployerUser();
    const a = await createSession(db, { userKind: "employer", userId: user.id, ip: null, userAgent: null });
    const b = await createSession(db, { userKind: "employer", userId: user.id, ip: null, userAgent: null });
    const c = await createSession(db, { userKind: "employer", userId: other.id, ip: null, userAgent: null });
    expect(await revokeAllSessions(db, "employer", user.id)).toBe(2);
    expect(await loadSessionActor(a)).toBeNull();
    expect(await loadSessionActor(b)).toBeNull();
    expect(await loadSessionActor(c)).not.toBeNull();
  });

  it("returns null for an expired session", async () => {
    const user = await createEmployerUser();
    const sid = await createSession(db, { userKind: "employer", userId: user.id, ip: null, userAgent: null });
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sid));
    expect(await loadSessionActor(sid)).toBeNull();
  });

  it("returns null once the employer account is deactivated", async () => {
    const user = await createEmployerUser();
    const sid = await createSession(db, { userKind: "employer", userId: user.id, ip: null, userAgent: null });
    expect(await loadSessionActor(sid)).not.toBeNull();
    await db.update(employerUsers).set({ active: false }).where(eq(employerUsers.id, user.id));
    expect(await loadSessionActor(sid)).toBeNull();
  });

  it("returns null once the staff account is deactivated", async () => {
    const staff = await createStaffUser({ role: "supervisor" });
    const sid = await createSession(db, { userKind: "staff", userId: staff.id, ip: null, userAgent: null });
    expect(await loadSessionActor(sid)).toMatchObject({
      kind: "staff",
      role: "supervisor",
      userId: staff.id,
    });
    await db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, staff.id));
    expect(await loadSessionActor(sid)).toBeNull();
  });

  it("returns null for a malformed or unknown id, without a database error", async () => {
    expect(await loadSessionActor("not-a-uuid")).toBeNull();
    expect(await loadSessionActor("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("gives staff sessions a shorter life than employer sessions", async () => {
    const staff = await createStaffUser();
    const user = await createEmployerUser();
    const s = await createSession(db, { userKind: "staff", userId: staff.id, ip: null, userAgent: null });
    const e = await createSession(db, { userKind: "employer", userId: user.id, ip: null, userAgent: null });
    const [sr] = await db.select().from(sessions).where(eq(sessions.id, s));
    const [er] = await db.select().from(sessions).where(eq(sessions.id, e));
    expect(sr!.expiresAt.getTime()).toBeLessThan(er!.expiresAt.getTime());
  });
});
