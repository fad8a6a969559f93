import { authenticator } from "otplib";

/**
 * A TOTP code the server has not accepted yet. The server refuses a code from a time step at or before the
 * last one it accepted (no replays), and accepts one step of drift: so when this test run already used the
 * current step for an account, take the next step's code, and wait when even that one is used.
 */
const lastStep = new Map<string, number>();

export async function freshTotp(secret: string): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(now, (lastStep.get(secret) ?? -1) + 1);
    if (step <= now + 1) {
      lastStep.set(secret, step);
      return authenticator.clone({ epoch: step * 30_000 + 1_000 }).generate(secret);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
