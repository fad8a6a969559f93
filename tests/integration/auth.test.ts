/**
 * Employer sign-in, lockout, sign-up and password reset, through the use cases (no HTTP, no cookies).
 * Every test creates its own accounts: the demo accounts are never locked here.
 */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { employerUsers, rateLimits } from "@/db/schema";
import {
  authenticateEmployer,
  maskEmail,
  requestEmployerPasswordReset,
  resetEmployerPassword,
  signUpOwner,
  verifyEmployerEmail,
} from "@/lib/auth/employer";
import { SIGN_IN_LIMITS } from "@/lib/auth/rate-limit";
import { createSession, loadSessionActor } from "@/lib/auth/sessions";
import { consumeToken } from "@/lib/auth/tokens";
import {
  createEmployerUser,
  createEstablishment,
  outboxFor,
  rateLimitRowsFor,
  TEST_PASSWORD,
  tokenFromBody,
} from "@/tests/helpers/accounts";
import { uniqueDigits, uniqueSuffix } from "@/tests/helpers/db";

const BASE_URL = "http://balagh.test";
const accountKey = (email: string) => `employer:${email.toLowerCase()}`;

describe("employer sign-in", () => {
  it("a right password gives a sign-in ticket that can be exchanged exactly once", async () => {
    const user = await createEmployerUser();
    const result = await authenticateEmployer({ email: user.email, password: TEST_PASSWORD, ip: null });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ticket).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const first = await consumeToken(db, "sign_in", result.ticket);
    expect(first).toEqual({ userId: user.id });
    const second = await consumeToken(db, "sign_in", result.ticket);
    expect(second).toBeNull();
  });

  it("the e-mail is matched without regard to case", async () => {
    const user = await createEmployerUser();
    const result = await authenticateEmployer({
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      ip: null,
    });
    expect(result.ok).toBe(true);
  });

  it("a wrong password is refused", async () => {
    const user = await createEmployerUser();
    const result = await authenticateEmployer({ email: user.email, password: "not-the-password", ip: null });
    expect(result).toEqual({ ok: false, code: "invalid" });
  });

  it("an unknown e-mail gets exactly the same answer as a wrong password", async () => {
    const user = await createEmployerUser();
    const wrongPassword = await authenticateEmployer({
      email: user.email,
      password: "not-the-password",
      ip: null,
    });
    const unknown = await authenticateEmployer({
      email: `nobody-${uniqueSuffix()}@test.example.om`,
      password: TEST_PASSWORD,
      ip: null,
    });
    expect(unknown).toEqual(wrongPassword);
  });

  it("a deactivated account with the right password gets the same answer as a wrong password", async () => {
    const user = await createEmployerUser({ active: false });
    const result = await authenticateEmployer({ email: user.email, password: TEST_PASSWORD, ip: null });
    expect(result).toEqual({ ok: false, code: "invalid" });
  });

  it("an owner whose e-mail is not confirmed is refused, and told why only with the right password", async () => {
    const user = await createEmployerUser({ verified: false });
    expect(await authenticateEmployer({ email: user.email, password: TEST_PASSWORD, ip: null })).toEqual({
      ok: false,
      code: "unverified",
    });
    expect(await authenticateEmployer({ email: user.email, password: "not-the-password", ip: null })).toEqual(
      { ok: false, code: "invalid" },
    );
  });
});

describe("employer lockout", () => {
  it(`locks an address out of the account after ${SIGN_IN_LIMITS.perAccountAndSource.points} failures from it, refuses it even the right password, and ends by itself`, async () => {
    const user = await createEmployerUser();
    const wrong = () => authenticateEmployer({ email: user.email, password: "wrong-password", ip: null });
    for (let i = 1; i < SIGN_IN_LIMITS.perAccountAndSource.points; i++)
      expect(await wrong()).toEqual({ ok: false, code: "invalid" });

    const before = Date.now();
    const fifth = await wrong();
    expect(fifth.ok).toBe(false);
    if (fifth.ok || fifth.code !== "locked")
      throw new Error(`expected a lockout, got ${JSON.stringify(fifth)}`);
    expect(fifth.retryAt.getTime()).toBeGreaterThan(before + 14 * 60_000);
    expect(fifth.retryAt.getTime()).toBeLessThanOrEqual(
      Date.now() + SIGN_IN_LIMITS.perAccountAndSource.durationSec * 1000 + 1000,
    );

    const whileLocked = await authenticateEmployer({ email: user.email, password: TEST_PASSWORD, ip: null });
    expect(whileLocked).toMatchObject({ ok: false, code: "locked" });
    if (!whileLocked.ok && whileLocked.code === "locked")
      expect(whileLocked.retryAt.getTime()).toBeGreaterThan(Date.now());

    // Counted in PostgreSQL, so every app instance sees the same lock.
    const rows = await rateLimitRowsFor(accountKey(user.email));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.points).toBeGreaterThanOrEqual(SIGN_IN_LIMITS.perAccountAndSource.points);

    // Fifteen minutes later (the window moved into the past), the lock is gone without anyone lifting it.
    await db
      .update(rateLimits)
      .set({ expire: new Date(Date.now() - 1000) })
      .where(eq(rateLimits.key, rows[0]!.key));
    const after = await authenticateEmployer({ email: user.email, password: TEST_PASSWORD, ip: null });
    expect(after.ok).toBe(true);
    // A successful sign-in clears the count.
    expect(await rateLimitRowsFor(accountKey(user.email))).toHaveLength(0);
  });

  it("a success before the limit resets the count", async () => {
    const user = await createEmployerUser();
    for (let i = 1; i < SIGN_IN_LIMITS.perAccountAndSource.points; i++) {
      await authenticateEmployer({ email: user.email, password: "wrong-password", ip: null });
    }
    expect((await authenticateEmployer({ email: user.email, password: TEST_PASSWORD, ip: null })).ok).toBe(
      true,
    );
    for (let i = 1; i < SIGN_IN_LIMITS.perAccountAndSource.points; i++) {
      expect(await authenticateEmployer({ email: user.email, password: "wrong-password", ip: null })).toEqual(
        { ok: false, code: "invalid" },
      );
    }
  });

  it("locks an IP address that fails across many accounts, without locking those accounts for others", async () => {
    const ip = `2001:db8::${uniqueSuffix(4)}`;
    for (let i = 0; i < SIGN_IN_LIMITS.perIp.points; i++) {
      await authenticateEmployer({ email: `spray-${uniqueSuffix()}@test.example.om`, password: "guess", ip });
    }
    const victim = await createEmployerUser();
    const fromThatIp = await authenticateEmployer({ email: victim.email, password: TEST_PASSWORD, ip });
    expect(fromThatIp).toMatchObject({ ok: false, code: "locked" });
    const fromElsewhere = await authenticateEmployer({
      email: victim.email,
      password: TEST_PASSWORD,
      ip: "192.0.2.10",
    });
    expect(fromElsewhere.ok).toBe(true);
  });
});

describe("owner sign-up", () => {
  const signUp = (crNumber: string, email: string, locale: "ar" | "en" = "en") =>
    signUpOwner({
      crNumber,
      name: "New Owner",
      email,
      password: TEST_PASSWORD,
      locale,
      baseUrl: BASE_URL,
      ip: null,
    });

  it("sends the confirmation link to the establishment's registered e-mail, not the address typed", async () => {
    const est = await createEstablishment();
    const typed = `owner-${uniqueSuffix()}@personal.example.com`;
    const result = await signUp(est.crNumber, typed);
    expect(result).toEqual({ ok: true, maskedEmail: maskEmail(est.email) });
    expect(maskEmail(est.email)).not.toContain(est.email.split("@")[0]);

    const sent = await outboxFor(est.email);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      channel: "email",
      template: "employer.verify-email",
      locale: "en",
      status: "created",
    });
    expect(sent[0]!.body).toContain(`${BASE_URL}/en/sign-up/verify?token=`);
    expect(sent[0]!.body).toContain(est.nameEn);
    expect(await outboxFor(typed)).toHaveLength(0);

    // Not usable until the link is opened.
    expect(await authenticateEmployer({ email: typed, password: TEST_PASSWORD, ip: null })).toEqual({
      ok: false,
      code: "unverified",
    });
    const token = tokenFromBody(sent[0]!.body);
    expect(await verifyEmployerEmail(token)).toBe(true);
    expect(await verifyEmployerEmail(token)).toBe(false);
    expect((await authenticateEmployer({ email: typed, password: TEST_PASSWORD, ip: null })).ok).toBe(true);
  });

  it("writes the message in the chosen language", async () => {
    const est = await createEstablishment();
    await signUp(est.crNumber, `owner-${uniqueSuffix()}@personal.example.com`, "ar");
    const [msg] = await outboxFor(est.email);
    expect(msg).toMatchObject({ locale: "ar" });
    expect(msg!.body).toContain(est.nameAr);
    expect(msg!.body).toContain(`${BASE_URL}/ar/sign-up/verify?token=`);
  });

  it("refuses a CR number that is not in the register", async () => {
    let cr = `8${uniqueDigits(6)}`;
    while ((await db.execute(sql`select 1 from establishments where cr_number = ${cr}`)).length > 0)
      cr = `8${uniqueDigits(6)}`;
    const email = `owner-${uniqueSuffix()}@personal.example.com`;
    expect(await signUp(cr, email)).toEqual({ ok: false, code: "cr_unknown" });
    expect(await db.select().from(employerUsers).where(eq(employerUsers.email, email))).toHaveLength(0);
  });

  it("refuses a second owner once the first is confirmed", async () => {
    const est = await createEstablishment();
    await signUp(est.crNumber, `first-${uniqueSuffix()}@personal.example.com`);
    const [msg] = await outboxFor(est.email);
    expect(await verifyEmployerEmail(tokenFromBody(msg!.body))).toBe(true);

    const second = `second-${uniqueSuffix()}@personal.example.com`;
    expect(await signUp(est.crNumber, second)).toEqual({ ok: false, code: "owner_exists" });
    expect(await db.select().from(employerUsers).where(eq(employerUsers.email, second))).toHaveLength(0);
    expect(await outboxFor(est.email)).toHaveLength(1);
  });

  it("answers an address another account already uses exactly like a new one, creating and sending nothing", async () => {
    const existing = await createEmployerUser();
    const est = await createEstablishment();
    expect(await signUp(est.crNumber, existing.email.toUpperCase())).toEqual({
      ok: true,
      maskedEmail: maskEmail(est.email),
    });
    expect(await outboxFor(est.email)).toHaveLength(0);
    expect(
      await db.select().from(employerUsers).where(eq(employerUsers.establishmentId, est.id)),
    ).toHaveLength(0);
  });
});

describe("password reset", () => {
  it("for an unknown e-mail returns normally and sends nothing", async () => {
    const email = `nobody-${uniqueSuffix()}@test.example.om`;
    await expect(
      requestEmployerPasswordReset({ email, locale: "en", baseUrl: BASE_URL }),
    ).resolves.toBeUndefined();
    expect(await outboxFor(email)).toHaveLength(0);
  });

  it("the link works once, sets the new password, and signs out every session", async () => {
    const user = await createEmployerUser();
    const sessionA = await createSession(db, {
      userKind: "employer",
      userId: user.id,
      ip: null,
      userAgent: "phone",
    });
    const sessionB = await createSession(db, {
      userKind: "employer",
      userId: user.id,
      ip: null,
      userAgent: "laptop",
    });
    expect(await loadSessionActor(sessionA)).not.toBeNull();

    await requestEmployerPasswordReset({ email: user.email, locale: "ar", baseUrl: BASE_URL });
    const sent = await outboxFor(user.email);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ template: "employer.password-reset", locale: "ar" });
    const token = tokenFromBody(sent[0]!.body);

    const newPassword = "A-New-Passphrase-2027";
    expect(await resetEmployerPassword({ token, password: newPassword, ip: null })).toBe(true);
    expect(await resetEmployerPassword({ token, password: "Yet-Another-One-2028", ip: null })).toBe(false);

    expect(await loadSessionActor(sessionA)).toBeNull();
    expect(await loadSessionActor(sessionB)).toBeNull();
    expect(await authenticateEmployer({ email: user.email, password: TEST_PASSWORD, ip: null })).toEqual({
      ok: false,
      code: "invalid",
    });
    expect((await authenticateEmployer({ email: user.email, password: newPassword, ip: null })).ok).toBe(
      true,
    );
  });

  it("a made-up token changes nothing", async () => {
    expect(
      await resetEmployerPassword({ token: "x".repeat(43), password: "A-New-Passphrase-2027", ip: null }),
    ).toBe(false);
  });
});
