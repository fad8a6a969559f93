/** Staff sign-in: password, then a TOTP code; enrolment at the first sign-in; wrong codes count to lockout. */
import { authenticator } from "otplib";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { rateLimits, staffUsers } from "@/db/schema";
import { SIGN_IN_LIMITS } from "@/lib/auth/rate-limit";
import { checkStaffCode, checkStaffPassword, currentTotp } from "@/lib/auth/staff";
import { consumeToken } from "@/lib/auth/tokens";
import { createStaffUser, TEST_PASSWORD } from "@/tests/helpers/accounts";
import { uniqueSuffix } from "@/tests/helpers/db";

/** A 6-digit code the authenticator would refuse now (not the code of this, the previous or the next step). */
function wrongCode(secret: string): string {
  for (let n = 0; ; n++) {
    const code = String((Number(currentTotp(secret)) + 500_000 + n) % 1_000_000).padStart(6, "0");
    if (!authenticator.check(code, secret)) return code;
  }
}

async function passwordStep(email: string, password = TEST_PASSWORD) {
  const r = await checkStaffPassword({ email, password, ip: null });
  if (!r.ok) throw new Error(`password step refused: ${JSON.stringify(r)}`);
  return r;
}

describe("staff sign-in", () => {
  it("password then the current TOTP code gives a sign-in ticket, usable once", async () => {
    const staff = await createStaffUser({ role: "finance" });
    const step1 = await passwordStep(staff.email);
    expect(step1.enrolment).toBeNull();
    const step2 = await checkStaffCode({
      pending: step1.pending,
      code: currentTotp(staff.totpSecret!),
      ip: null,
    });
    expect(step2.ok).toBe(true);
    if (!step2.ok) return;
    expect(await consumeToken(db, "sign_in", step2.ticket)).toEqual({ userId: staff.id });
    expect(await consumeToken(db, "sign_in", step2.ticket)).toBeNull();
    // The pending token was used up with it.
    expect(
      await checkStaffCode({ pending: step1.pending, code: currentTotp(staff.totpSecret!), ip: null }),
    ).toEqual({ ok: false, code: "expired" });
  });

  it("a code that was accepted once is refused when replayed in the same 30 seconds", async () => {
    const staff = await createStaffUser({ role: "reviewer" });
    const code = currentTotp(staff.totpSecret!);
    const first = await passwordStep(staff.email);
    expect((await checkStaffCode({ pending: first.pending, code, ip: null })).ok).toBe(true);
    const second = await passwordStep(staff.email);
    expect(await checkStaffCode({ pending: second.pending, code, ip: null })).toEqual({
      ok: false,
      code: "invalid_code",
    });
  });

  it("a wrong password and an unknown e-mail get the same answer", async () => {
    const staff = await createStaffUser();
    const wrong = await checkStaffPassword({ email: staff.email, password: "wrong-password", ip: null });
    const unknown = await checkStaffPassword({
      email: `nobody-${uniqueSuffix()}@mol.example.om`,
      password: TEST_PASSWORD,
      ip: null,
    });
    expect(wrong).toEqual({ ok: false, code: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("a deactivated member is refused at the password step", async () => {
    const staff = await createStaffUser({ active: false });
    expect(await checkStaffPassword({ email: staff.email, password: TEST_PASSWORD, ip: null })).toEqual({
      ok: false,
      code: "invalid",
    });
  });

  it("a wrong code is refused and the same pending token still works with the right one", async () => {
    const staff = await createStaffUser();
    const step1 = await passwordStep(staff.email);
    expect(
      await checkStaffCode({ pending: step1.pending, code: wrongCode(staff.totpSecret!), ip: null }),
    ).toEqual({ ok: false, code: "invalid_code" });
    const ok = await checkStaffCode({
      pending: step1.pending,
      code: currentTotp(staff.totpSecret!),
      ip: null,
    });
    expect(ok.ok).toBe(true);
  });

  it("wrong codes count towards the same lockout as wrong passwords", async () => {
    const staff = await createStaffUser();
    // Four wrong passwords, then one wrong code: the fifth failure locks.
    for (let i = 1; i < SIGN_IN_LIMITS.perAccountAndSource.points; i++) {
      expect(await checkStaffPassword({ email: staff.email, password: "wrong-password", ip: null })).toEqual({
        ok: false,
        code: "invalid",
      });
    }
    const step1 = await passwordStep(staff.email);
    const locked = await checkStaffCode({
      pending: step1.pending,
      code: wrongCode(staff.totpSecret!),
      ip: null,
    });
    expect(locked).toMatchObject({ ok: false, code: "locked" });
    if (!locked.ok && locked.code === "locked") expect(locked.retryAt.getTime()).toBeGreaterThan(Date.now());

    // Now even the right code, and the right password, are refused.
    expect(
      await checkStaffCode({ pending: step1.pending, code: currentTotp(staff.totpSecret!), ip: null }),
    ).toMatchObject({ ok: false, code: "locked" });
    expect(await checkStaffPassword({ email: staff.email, password: TEST_PASSWORD, ip: null })).toMatchObject(
      { ok: false, code: "locked" },
    );

    // Until the window passes.
    await db
      .update(rateLimits)
      .set({ expire: new Date(Date.now() - 1000) })
      .where(eq(rateLimits.key, `signin_pair:staff:${staff.email.toLowerCase()}|unknown`));
    expect(
      (await checkStaffCode({ pending: step1.pending, code: currentTotp(staff.totpSecret!), ip: null })).ok,
    ).toBe(true);
  });

  it("a made-up pending token is 'expired', not an error", async () => {
    expect(await checkStaffCode({ pending: "y".repeat(43), code: "123456", ip: null })).toEqual({
      ok: false,
      code: "expired",
    });
  });
});

describe("staff TOTP enrolment", () => {
  it("a member with no TOTP gets a secret that becomes theirs only after a correct code", async () => {
    const staff = await createStaffUser({ role: "reviewer", enrolled: false });
    const step1 = await passwordStep(staff.email);
    expect(step1.enrolment).not.toBeNull();
    const secret = step1.enrolment!.secret;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(step1.enrolment!.qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const read = async () => (await db.select().from(staffUsers).where(eq(staffUsers.id, staff.id)))[0]!;
    expect(await read()).toMatchObject({ totpSecret: null, totpPendingSecret: secret, totpEnrolledAt: null });

    // Signing in again before confirming shows the same secret (the QR already scanned stays valid).
    const again = await passwordStep(staff.email);
    expect(again.enrolment?.secret).toBe(secret);

    // A wrong code enrols nothing.
    expect(await checkStaffCode({ pending: step1.pending, code: wrongCode(secret), ip: null })).toEqual({
      ok: false,
      code: "invalid_code",
    });
    expect(await read()).toMatchObject({ totpSecret: null, totpPendingSecret: secret });

    const ok = await checkStaffCode({ pending: step1.pending, code: currentTotp(secret), ip: null });
    expect(ok.ok).toBe(true);
    const after = await read();
    expect(after).toMatchObject({ totpSecret: secret, totpPendingSecret: null });
    expect(after.totpEnrolledAt).toBeInstanceOf(Date);

    // From now on there is no enrolment step.
    expect((await passwordStep(staff.email)).enrolment).toBeNull();
  });
});
