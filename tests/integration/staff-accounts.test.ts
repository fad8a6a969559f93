/**
 * Staff accounts: invite → accept → first sign-in enrols TOTP → role change → deactivate, after which the
 * member's open session is refused at its next request. Supervisors only; no self-demotion or lock-out.
 */
import { and, eq } from "drizzle-orm";
import { authenticator } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/db";
import { auditEvents, sessions, staffUsers, workers } from "@/db/schema";
import { DEMO_WORKERS } from "@/db/seed";
import {
  acceptStaffInvitation,
  changeStaffRole,
  inviteStaff,
  listStaffAccounts,
  peekStaffInvitation,
  setStaffActive,
  StaffRefusedError,
} from "@/lib/admin/staff-accounts";
import { ForbiddenError, type Actor, type StaffActor } from "@/lib/auth/actor";
import { createSession, loadSessionActor } from "@/lib/auth/sessions";
import { checkStaffCode, checkStaffPassword } from "@/lib/auth/staff";
import {
  createEmployerUser,
  createStaffUser,
  outboxFor,
  signedInActor,
  tokenFromBody,
} from "@/tests/helpers/accounts";
import { uniqueSuffix } from "@/tests/helpers/db";

let supervisor: StaffActor;
beforeAll(async () => {
  await ensureDatabase();
  supervisor = (await signedInActor(
    "staff",
    (await createStaffUser({ role: "supervisor" })).id,
  )) as StaffActor;
});

const base = { locale: "en" as const, baseUrl: "http://balagh.test" };
const audits = (entityId: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "staff_user"), eq(auditEvents.entityId, entityId)))
    .orderBy(auditEvents.id);

describe("the life of a staff account", () => {
  it("invite → accept → first sign-in with TOTP → role change → deactivate → the open session is refused", async () => {
    const email = `new-${uniqueSuffix()}@mol.example.om`;
    const { userId } = await inviteStaff(supervisor, {
      ...base,
      name: "Salma Al Harthy",
      email,
      role: "reviewer",
      ip: "10.0.0.1",
    });

    // Invited: listed as pending, cannot sign in, and an e-mail with a link went to the outbox.
    expect((await listStaffAccounts(supervisor)).find((a) => a.id === userId)).toMatchObject({
      invited: true,
      active: true,
      role: "reviewer",
    });
    const [mail] = await outboxFor(email);
    expect(mail?.template).toBe("staff.invitation");
    const token = tokenFromBody(mail!.body);
    expect(mail!.body).toContain("http://balagh.test/en/staff-invitation?token=");
    expect(await peekStaffInvitation(token)).toEqual({ name: "Salma Al Harthy", email, role: "reviewer" });

    // Accept: choose a password. The link works once.
    expect(await acceptStaffInvitation({ token, password: "Brand-New-Pass-1" })).toBe(true);
    expect(await acceptStaffInvitation({ token, password: "Another-Pass-22" })).toBe(false);
    expect(await peekStaffInvitation(token)).toBeNull();

    // First sign-in: password, then the QR's secret gives a code that enrols TOTP.
    const step1 = await checkStaffPassword({ email, password: "Brand-New-Pass-1", ip: null });
    expect(step1.ok).toBe(true);
    if (!step1.ok) return;
    expect(step1.enrolment).not.toBeNull();
    const step2 = await checkStaffCode({
      pending: step1.pending,
      code: authenticator.generate(step1.enrolment!.secret),
      ip: null,
    });
    expect(step2.ok).toBe(true);
    const [enrolled] = await db.select().from(staffUsers).where(eq(staffUsers.id, userId));
    expect(enrolled?.totpSecret).toBe(step1.enrolment!.secret);

    // Their session; a role change shows at the next request.
    const sessionId = await createSession(db, { userKind: "staff", userId, ip: null, userAgent: "vitest" });
    const otherBrowser = await createSession(db, { userKind: "staff", userId, ip: null, userAgent: "phone" });
    expect(await changeStaffRole(supervisor, { userId, role: "finance" })).toEqual({ changed: true });
    expect(await loadSessionActor(sessionId)).toMatchObject({ kind: "staff", role: "finance" });

    // Deactivate: the session is refused from the next request, and the row is revoked.
    const res = await setStaffActive(supervisor, { userId, active: false, ip: "10.0.0.2" });
    expect(res).toEqual({ changed: true, sessionsRevoked: 2 });
    expect(await loadSessionActor(sessionId)).toBeNull();
    expect(await loadSessionActor(otherBrowser)).toBeNull();
    const open = await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId)));
    expect(open.every((s) => s.revokedAt !== null)).toBe(true);
    // And cannot sign in again.
    expect((await checkStaffPassword({ email, password: "Brand-New-Pass-1", ip: null })).ok).toBe(false);

    expect((await audits(userId)).map((a) => a.action)).toEqual([
      "staff.invited",
      "staff.invitation_accepted",
      "staff.totp_enrolled",
      "staff.signed_in",
      "staff.role_changed",
      "staff.deactivated",
      // The refused sign-in after deactivation.
      "staff.sign_in_failed",
    ]);
    const changed = (await audits(userId)).find((a) => a.action === "staff.role_changed");
    expect(changed).toMatchObject({
      actorKind: "staff",
      actorId: supervisor.userId,
      before: { role: "reviewer" },
      after: { role: "finance" },
    });
  });
});

describe("refusals", () => {
  it("refuses an address already used by an active account, and re-sends a pending invitation", async () => {
    const existing = await createStaffUser({ role: "finance" });
    await expect(
      inviteStaff(supervisor, {
        ...base,
        name: "Dup",
        email: existing.email.toUpperCase(),
        role: "reviewer",
      }),
    ).rejects.toMatchObject({ code: "email_taken" });

    const email = `pending-${uniqueSuffix()}@mol.example.om`;
    const first = await inviteStaff(supervisor, { ...base, name: "Pending One", email, role: "reviewer" });
    const firstToken = tokenFromBody((await outboxFor(email))[0]!.body);
    const again = await inviteStaff(supervisor, { ...base, name: "Pending One", email, role: "finance" });
    expect(again).toEqual({ userId: first.userId, reinvited: true });
    // The first link no longer works; the second does.
    expect(await peekStaffInvitation(firstToken)).toBeNull();
    const secondToken = tokenFromBody((await outboxFor(email))[1]!.body);
    expect(await peekStaffInvitation(secondToken)).toMatchObject({ role: "finance" });
  });

  it("voids a pending invitation when the account is deactivated", async () => {
    const email = `voided-${uniqueSuffix()}@mol.example.om`;
    const { userId } = await inviteStaff(supervisor, { ...base, name: "Voided", email, role: "reviewer" });
    const token = tokenFromBody((await outboxFor(email))[0]!.body);
    await setStaffActive(supervisor, { userId, active: false });
    expect(await acceptStaffInvitation({ token, password: "Whatever-Pass-1" })).toBe(false);
  });

  it("does not spend an employer's invitation token on the staff page", async () => {
    const { issueToken, peekToken } = await import("@/lib/auth/tokens");
    const employer = await createEmployerUser();
    const token = await issueToken(db, {
      kind: "invitation",
      userKind: "employer",
      userId: employer.id,
      ttlMs: 60_000,
    });
    expect(await peekStaffInvitation(token)).toBeNull();
    expect(await acceptStaffInvitation({ token, password: "Whatever-Pass-1" })).toBe(false);
    expect(await peekToken(db, "invitation", token)).not.toBeNull();
  });

  it("stops a supervisor demoting or deactivating themselves", async () => {
    await expect(
      changeStaffRole(supervisor, { userId: supervisor.userId, role: "reviewer" }),
    ).rejects.toMatchObject({ code: "self" });
    await expect(
      setStaffActive(supervisor, { userId: supervisor.userId, active: false }),
    ).rejects.toBeInstanceOf(StaffRefusedError);
    const [me] = await db.select().from(staffUsers).where(eq(staffUsers.id, supervisor.userId));
    expect(me).toMatchObject({ role: "supervisor", active: true });
  });

  it("lets only one of two supervisors demoting each other at once succeed", async () => {
    const a = (await signedInActor(
      "staff",
      (await createStaffUser({ role: "supervisor" })).id,
    )) as StaffActor;
    const b = (await signedInActor(
      "staff",
      (await createStaffUser({ role: "supervisor" })).id,
    )) as StaffActor;
    const results = await Promise.allSettled([
      changeStaffRole(a, { userId: b.userId, role: "reviewer" }),
      changeStaffRole(b, { userId: a.userId, role: "reviewer" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ForbiddenError);
    const roles = await db
      .select({ role: staffUsers.role })
      .from(staffUsers)
      .where(eq(staffUsers.id, a.userId));
    const rolesB = await db
      .select({ role: staffUsers.role })
      .from(staffUsers)
      .where(eq(staffUsers.id, b.userId));
    expect([roles[0]!.role, rolesB[0]!.role].sort()).toEqual(["reviewer", "supervisor"]);
  });

  it("reports an unknown account as not found", async () => {
    await expect(
      changeStaffRole(supervisor, { userId: "00000000-0000-4000-8000-000000000001", role: "finance" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("who may manage staff accounts", () => {
  it("allows a supervisor only: reviewer and finance (role), employer, worker and anonymous (not staff) are refused", async () => {
    const target = await createStaffUser({ role: "reviewer" });
    const [w] = await db.select().from(workers).where(eq(workers.civilId, DEMO_WORKERS[0]!.civilId));
    const denied: [Actor | null, string][] = [
      [await signedInActor("staff", (await createStaffUser({ role: "reviewer" })).id), "role"],
      [await signedInActor("staff", (await createStaffUser({ role: "finance" })).id), "role"],
      [await signedInActor("employer", (await createEmployerUser()).id), "staff_only"],
      [await signedInActor("worker", w!.id), "staff_only"],
      [null, "staff_only"],
    ];
    for (const [actor, code] of denied) {
      const calls = [
        listStaffAccounts(actor),
        inviteStaff(actor, {
          ...base,
          name: "X Y",
          email: `x-${uniqueSuffix()}@mol.example.om`,
          role: "reviewer",
        }),
        changeStaffRole(actor, { userId: target.id, role: "finance" }),
        setStaffActive(actor, { userId: target.id, active: false }),
      ];
      for (const call of calls) {
        const err = await call.catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ForbiddenError);
        expect((err as ForbiddenError).code).toBe(code);
      }
    }
    const [after] = await db.select().from(staffUsers).where(eq(staffUsers.id, target.id));
    expect(after).toMatchObject({ role: "reviewer", active: true });
    expect(await audits(target.id)).toEqual([]);
  });

  it("a supervisor can change, deactivate and reactivate another member, each audited", async () => {
    const target = await createStaffUser({ role: "finance" });
    expect(await changeStaffRole(supervisor, { userId: target.id, role: "finance" })).toEqual({
      changed: false,
    });
    expect(await changeStaffRole(supervisor, { userId: target.id, role: "supervisor" })).toEqual({
      changed: true,
    });
    expect((await setStaffActive(supervisor, { userId: target.id, active: false })).changed).toBe(true);
    expect((await setStaffActive(supervisor, { userId: target.id, active: true })).changed).toBe(true);
    expect((await audits(target.id)).map((a) => a.action)).toEqual([
      "staff.role_changed",
      "staff.deactivated",
      "staff.reactivated",
    ]);
  });
});
