/**
 * Issue 11: sign-in limits that keep brute force out without letting strangers lock people out (finding 3),
 * and answers that reveal nothing about who has an account (finding 4). Use cases called directly.
 */
import { describe, expect, it } from "vitest";
import { authenticateEmployer } from "@/lib/auth/employer";
import { SIGN_IN_LIMITS, signInDelayMs } from "@/lib/auth/rate-limit";
import { checkStaffPassword } from "@/lib/auth/staff";
import { createEmployerUser, createStaffUser, outboxFor, TEST_PASSWORD } from "@/tests/helpers/accounts";
import { uniqueSuffix } from "@/tests/helpers/db";

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
