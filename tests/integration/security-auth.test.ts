/**
 * Issue 11: sign-in limits that keep brute force out without letting strangers lock people out (finding 3),
 * and answers that reveal nothing about who has an account (finding 4). Use cases called directly.
 */
import { describe, expect, it } from "vitest";
import { authenticateEmployer, requestEmployerPasswordReset, signUpOwner } from "@/lib/auth/employer";
import { SIGN_IN_LIMITS, signInDelayMs } from "@/lib/auth/rate-limit";
import { checkStaffPassword } from "@/lib/auth/staff";
import {
  createEmployerUser,
  createEstablishment,
  createStaffUser,
  outboxFor,
  TEST_PASSWORD,
} from "@/tests/helpers/accounts";
import { REQUEST_LIMITS } from "@/lib/security/limits";
import { uniqueDigits, uniqueSuffix } from "@/tests/helpers/db";

const ipv6 = () => `2001:db8:11::${uniqueSuffix(4)}`;

describe("lockout is not a weapon (finding 3)", () => {
  it("five wrong passwords from a stranger lock the stranger out, not the owner, and the owner is told", async () => {
    const user = await createEmployerUser();
    const owner = ipv6();
    const attacker = ipv6();
    // The owner has signed in from their own address before.
    expect((await authenticateEmployer({ email: user.email, password: TEST_PASSWORD, ip: owner })).ok).toBe(
      true,
    );
    let last;
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndSource.points; i++)
      last = await authenticateEmployer({ email: user.email, password: "wrong-password", ip: attacker });
    expect(last).toMatchObject({ ok: false, code: "locked" });
    // The attacker's address stays locked, even with the right password.
    expect(
      await authenticateEmployer({ email: user.email, password: TEST_PASSWORD, ip: attacker }),
    ).toMatchObject({ ok: false, code: "locked" });
    // The owner, from their address, signs in at once (no slowdown: a known address).
    expect(await signInDelayMs(`employer:${user.email.toLowerCase()}`, owner)).toBe(0);
    const started = Date.now();
    expect((await authenticateEmployer({ email: user.email, password: TEST_PASSWORD, ip: owner })).ok).toBe(
      true,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    // Told by e-mail, once.
    const mails = (await outboxFor(user.email)).filter((m) => m.template === "employer.sign-in-failures");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain("/ar/password-reset");
  });

  it("failures spread over many addresses slow new addresses down instead of locking the account", async () => {
    const user = await createEmployerUser();
    const key = `employer:${user.email.toLowerCase()}`;
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.slowFrom + 1; i++)
      expect(
        await authenticateEmployer({ email: user.email, password: "wrong-password", ip: ipv6() }),
      ).toEqual({ ok: false, code: "invalid" });
    const delay = await signInDelayMs(key, ipv6());
    expect(delay).toBeGreaterThan(0);
    expect(delay).toBeLessThanOrEqual(SIGN_IN_LIMITS.slowdown.maxMs);
    // The owner from a new address is slowed, never locked: the right password still works.
    expect((await authenticateEmployer({ email: user.email, password: TEST_PASSWORD, ip: ipv6() })).ok).toBe(
      true,
    );
  });

  it("staff: five wrong passwords from one address do not lock the officer out of theirs", async () => {
    const staff = await createStaffUser({ role: "finance" });
    const attacker = ipv6();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndSource.points; i++)
      await checkStaffPassword({ email: staff.email, password: "wrong-password", ip: attacker });
    expect(
      await checkStaffPassword({ email: staff.email, password: TEST_PASSWORD, ip: attacker }),
    ).toMatchObject({ ok: false, code: "locked" });
    expect((await checkStaffPassword({ email: staff.email, password: TEST_PASSWORD, ip: ipv6() })).ok).toBe(
      true,
    );
    const mails = (await outboxFor(staff.email)).filter((m) => m.template === "staff.sign-in-failures");
    expect(mails).toHaveLength(1);
  });
});

describe("no enumeration through reset and sign-up (finding 4)", () => {
  const reset = (email: string, ip: string | null) =>
    requestEmployerPasswordReset({ email, locale: "en", baseUrl: "http://balagh.test", ip });

  it("twenty reset requests for one address in a row send at most three e-mails", async () => {
    const user = await createEmployerUser();
    for (let i = 0; i < 20; i++) await reset(user.email, ipv6());
    const sent = (await outboxFor(user.email)).filter((m) => m.template === "employer.password-reset");
    expect(sent).toHaveLength(REQUEST_LIMITS.resetPerEmail.points);
  });

  it("one source asking for many addresses is cut off, whether the addresses exist or not", async () => {
    const ip = ipv6();
    for (let i = 0; i < REQUEST_LIMITS.resetPerIp.points; i++)
      await reset(`nobody-${uniqueSuffix()}@test.example.om`, ip);
    const user = await createEmployerUser();
    await reset(user.email, ip);
    expect(await outboxFor(user.email)).toHaveLength(0);
    // From elsewhere the owner still gets the link.
    await reset(user.email, ipv6());
    expect(await outboxFor(user.email)).toHaveLength(1);
  });

  it("sign-up is limited per CR number, the same way for a registered CR and an unknown one", async () => {
    const est = await createEstablishment();
    const unknownCr = uniqueDigits(7);
    const signUp = (crNumber: string) =>
      signUpOwner({
        crNumber,
        name: "Prober",
        email: `probe-${uniqueSuffix()}@test.example.om`,
        password: TEST_PASSWORD,
        locale: "en",
        baseUrl: "http://balagh.test",
        ip: ipv6(),
      });
    for (let i = 0; i < REQUEST_LIMITS.signUpPerCr.points; i++) {
      await signUp(est.crNumber);
      await signUp(unknownCr);
    }
    expect(await signUp(est.crNumber)).toEqual({ ok: false, code: "too_many" });
    expect(await signUp(unknownCr)).toEqual({ ok: false, code: "too_many" });
  });
});
