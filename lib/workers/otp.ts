import { createHmac, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { workerOtps, workers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { SIGN_IN_TICKET_TTL_MS } from "@/lib/auth/employer";
import { issueToken } from "@/lib/auth/tokens";
import type { Locale } from "@/lib/i18n/routing";
import { notify } from "@/lib/notifications/notify";
import { exhausted, reset, spend } from "./rate-limit";

/** A code works for 5 minutes, once, and for at most 5 tries. */
export const OTP_TTL_MS = 5 * 60_000;
export const OTP_TTL_MINUTES = OTP_TTL_MS / 60_000;
export const OTP_MAX_ATTEMPTS = 5;

/**
 * Why HMAC-SHA256 and not argon2: a 6-digit code has only a million values, so no password hash makes a
 * stolen hash safe to an attacker who also holds the key material — what protects it is the key. With a
 * server-side key (derived from AUTH_SECRET, which never sits in the database) a dump of `worker_otps` alone
 * cannot be brute-forced at all; an attacker who also has AUTH_SECRET can forge sessions outright, and a code
 * is worthless after 5 minutes anyway. A memory-hard hash would add nothing but CPU work on a public,
 * unauthenticated endpoint (a denial-of-service lever). The hash is bound to the row id, so a hash cannot be
 * replayed onto another row, and compared in constant time.
 */
function otpKey(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret && process.env.NODE_ENV === "production") throw new Error("AUTH_SECRET must be set");
  return createHmac("sha256", secret ?? "balagh-development-only-secret")
    .update("balagh/worker-otp/v1")
    .digest();
}

export function hashCode(otpId: string, code: string): string {
  return createHmac("sha256", otpKey()).update(`${otpId}:${code}`).digest("hex");
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

export type CodeRequestResult = { ok: true } | { ok: false; code: "rate_limited"; retryAt: Date };

/**
 * Step 1 of the worker's sign-in: a civil ID (already normalised to Latin digits). When it is in the registry,
 * a new code replaces any open one and goes by SMS to the registered mobile number, and by e-mail where the
 * registry has an address. The result is the same whether or not the civil ID exists, and so is the work
 * done: the limits are spent, a code is drawn and hashed, and a transaction writes an audit row; only the
 * code row and the messages are skipped for an unknown civil ID.
 */
export async function requestWorkerCode(input: {
  civilId: string;
  locale: Locale;
  ip: string | null;
  now?: Date;
}): Promise<CodeRequestResult> {
  const now = input.now ?? new Date();
  if (input.ip) {
    const byIp = await spend("codesPerIp", input.ip, "over");
    if (byIp.limited) return { ok: false, code: "rate_limited", retryAt: byIp.retryAt };
  }
  const byCivilId = await spend("codesPerCivilId", input.civilId, "over");
  if (byCivilId.limited) return { ok: false, code: "rate_limited", retryAt: byCivilId.retryAt };

  const [worker] = await db
    .select({ id: workers.id, mobile: workers.mobile, email: workers.email })
    .from(workers)
    .where(eq(workers.civilId, input.civilId));
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const id = randomUUID();
  const codeHash = hashCode(id, code);

  await db.transaction(async (tx) => {
    if (worker) {
      // Only the newest code works: asking again closes the earlier one.
      await tx
        .update(workerOtps)
        .set({ expiresAt: now })
        .where(
          and(
            eq(workerOtps.workerId, worker.id),
            isNull(workerOtps.consumedAt),
            gt(workerOtps.expiresAt, now),
          ),
        );
      await tx.insert(workerOtps).values({
        id,
        workerId: worker.id,
        codeHash,
        expiresAt: new Date(now.getTime() + OTP_TTL_MS),
        createdAt: now,
        ip: input.ip,
      });
      const params = { code, minutes: OTP_TTL_MINUTES };
      // The entity lets the delivery pipeline find these messages and redact the code once sent.
      const entity = { type: "worker_otp", id };
      await notify(tx, {
        channel: "sms",
        recipient: worker.mobile,
        template: "worker.sign-in-code-sms",
        locale: input.locale,
        params,
        entity,
      });
      if (worker.email) {
        await notify(tx, {
          channel: "email",
          recipient: worker.email,
          template: "worker.sign-in-code-email",
          locale: input.locale,
          params,
          entity,
        });
      }
    }
    await recordAudit(tx, {
      actor: { kind: "anonymous" },
      action: "worker.code_requested",
      entityType: "worker",
      entityId: worker?.id ?? null,
      ip: input.ip,
    });
  });
  // A new code gets its own 5 tries.
  await reset("wrongCodesPerCivilId", input.civilId);
  return { ok: true };
}

export type CodeCheckResult =
  | { ok: true; ticket: string; workerId: string }
  | { ok: false; code: "invalid" }
  | { ok: false; code: "locked"; retryAt: Date | null };

/**
 * Step 2: the code. A wrong, expired, used or replaced code all get the same answer ("invalid"); after 5 wrong
 * codes for a civil ID (or 30 from one IP address) the answer is "locked" until a new code is asked for. The
 * code row also counts its own tries and refuses a sixth, whatever the limiter says. On success the code is
 * used up and a one-minute sign-in ticket is issued, which Auth.js exchanges for a session.
 */
export async function verifyWorkerCode(input: {
  civilId: string;
  code: string;
  ip: string | null;
  now?: Date;
}): Promise<CodeCheckResult> {
  const now = input.now ?? new Date();
  if (input.ip) {
    const byIp = await exhausted("wrongCodesPerIp", input.ip);
    if (byIp.limited) return { ok: false, code: "locked", retryAt: byIp.retryAt };
  }
  const byCivilId = await exhausted("wrongCodesPerCivilId", input.civilId);
  if (byCivilId.limited) return { ok: false, code: "locked", retryAt: null };

  const [worker] = await db
    .select({ id: workers.id })
    .from(workers)
    .where(eq(workers.civilId, input.civilId));
  let row: { id: string; codeHash: string } | undefined;
  if (worker) {
    const [open] = await db
      .select({ id: workerOtps.id })
      .from(workerOtps)
      .where(
        and(eq(workerOtps.workerId, worker.id), isNull(workerOtps.consumedAt), gt(workerOtps.expiresAt, now)),
      )
      .orderBy(desc(workerOtps.createdAt))
      .limit(1);
    if (open) {
      // Counting the try and checking that tries are left is one statement, so parallel guesses cannot overrun.
      [row] = await db
        .update(workerOtps)
        .set({ attempts: sql`${workerOtps.attempts} + 1` })
        .where(
          and(
            eq(workerOtps.id, open.id),
            isNull(workerOtps.consumedAt),
            lt(workerOtps.attempts, OTP_MAX_ATTEMPTS),
          ),
        )
        .returning({ id: workerOtps.id, codeHash: workerOtps.codeHash });
    }
  }
  // Hash even when there is nothing to compare with, so both paths cost the same.
  const given = hashCode(row?.id ?? randomUUID(), input.code);
  const valid = row !== undefined && sameHash(given, row.codeHash);

  if (!valid || !worker || !row) {
    const after = await spend("wrongCodesPerCivilId", input.civilId, "reached");
    if (input.ip) await spend("wrongCodesPerIp", input.ip, "reached");
    await recordAudit(db, {
      actor: { kind: "anonymous" },
      action: "worker.code_failed",
      entityType: "worker",
      entityId: worker?.id ?? null,
      ip: input.ip,
    });
    return after.limited ? { ok: false, code: "locked", retryAt: null } : { ok: false, code: "invalid" };
  }

  const otpId = row.id;
  const ticket = await db.transaction(async (tx) => {
    const [used] = await tx
      .update(workerOtps)
      .set({ consumedAt: now })
      .where(and(eq(workerOtps.id, otpId), isNull(workerOtps.consumedAt)))
      .returning({ id: workerOtps.id });
    if (!used) return null;
    await recordAudit(tx, {
      actor: { kind: "worker", id: worker.id },
      action: "worker.signed_in",
      entityType: "worker",
      entityId: worker.id,
      ip: input.ip,
    });
    return issueToken(tx, {
      kind: "sign_in",
      userKind: "worker",
      userId: worker.id,
      ttlMs: SIGN_IN_TICKET_TTL_MS,
    });
  });
  if (!ticket) return { ok: false, code: "invalid" };
  await reset("wrongCodesPerCivilId", input.civilId);
  return { ok: true, ticket, workerId: worker.id };
}
