import { randomInt } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/db";
import { auditEvents, authTokens, notifications, workerOtps } from "@/db/schema";
import { OTP_TTL_MS, requestWorkerCode, verifyWorkerCode } from "@/lib/workers/otp";
import { WORKER_SIGN_IN_LIMITS } from "@/lib/workers/rate-limit";
import { uniqueDigits } from "../helpers/db";
import { createWorker } from "../helpers/worker-fixtures";

beforeAll(async () => {
  await ensureDatabase();
});

const freshIp = () => `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;
/** A civil ID that is not in the registry (the seed's and the fixtures' never start with 7). */
const unknownCivilId = () => `7${uniqueDigits(8)}`;

async function messagesTo(recipient: string) {
  return db.select().from(notifications).where(eq(notifications.recipient, recipient));
}

/** The code, as the worker reads it in the newest SMS sent to them. */
async function codeFromSms(mobile: string): Promise<string> {
  const sms = (await messagesTo(mobile))
    .filter((n) => n.channel === "sms")
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const code = /\b(\d{6})\b/.exec(sms[0]?.body ?? "")?.[1];
  if (!code) throw new Error("no code in the SMS");
  return code;
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");
const totalNotifications = async () => (await db.select({ n: count() }).from(notifications))[0]!.n;

describe("requesting a code", () => {
  it("sends one SMS to the registry's mobile and one e-mail, and stores only a hash", async () => {
    const worker = await createWorker(db);
    const now = new Date();
    const result = await requestWorkerCode({ civilId: worker.civilId, locale: "en", ip: freshIp(), now });
    expect(result).toEqual({ ok: true });

    const sms = await messagesTo(worker.mobile);
    const mail = await messagesTo(worker.email!);
    expect(sms.map((n) => [n.channel, n.template, n.locale, n.status])).toEqual([
      ["sms", "worker.sign-in-code-sms", "en", "created"],
    ]);
    expect(mail.map((n) => [n.channel, n.template])).toEqual([["email", "worker.sign-in-code-email"]]);
    const code = await codeFromSms(worker.mobile);
    expect(mail[0]!.body).toContain(code);

    const rows = await db.select().from(workerOtps).where(eq(workerOtps.workerId, worker.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.codeHash).not.toContain(code);
    expect(rows[0]!.expiresAt.getTime() - now.getTime()).toBe(OTP_TTL_MS);
    expect(rows[0]!.attempts).toBe(0);
  });

  it("sends no e-mail when the registry has no address, and writes in the page's language", async () => {
    const worker = await createWorker(db, { email: null });
    await requestWorkerCode({ civilId: worker.civilId, locale: "ar", ip: freshIp() });
    const sms = await messagesTo(worker.mobile);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.locale).toBe("ar");
    expect(sms[0]!.body).toMatch(/رمز الدخول/);
  });
});

describe("checking a code", () => {
  it("works once, and issues a sign-in ticket for the worker", async () => {
    const worker = await createWorker(db);
    const ip = freshIp();
    await requestWorkerCode({ civilId: worker.civilId, locale: "en", ip });
    const code = await codeFromSms(worker.mobile);

    const first = await verifyWorkerCode({ civilId: worker.civilId, code, ip });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.workerId).toBe(worker.id);
    const tickets = await db
      .select()
      .from(authTokens)
      .where(and(eq(authTokens.userId, worker.id), eq(authTokens.kind, "sign_in")));
    expect(tickets.map((t) => t.userKind)).toEqual(["worker"]);
    const [row] = await db.select().from(workerOtps).where(eq(workerOtps.workerId, worker.id));
    expect(row!.consumedAt).toBeInstanceOf(Date);

    expect(await verifyWorkerCode({ civilId: worker.civilId, code, ip })).toEqual({
      ok: false,
      code: "invalid",
    });
    const signedIn = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, worker.id), eq(auditEvents.action, "worker.signed_in")));
    expect(signedIn).toHaveLength(1);
  });

  it("expires after 5 minutes", async () => {
    const worker = await createWorker(db);
    const ip = freshIp();
    const t0 = new Date();
    await requestWorkerCode({ civilId: worker.civilId, locale: "en", ip, now: t0 });
    const code = await codeFromSms(worker.mobile);
    const at = (ms: number) => new Date(t0.getTime() + ms);

    expect(await verifyWorkerCode({ civilId: worker.civilId, code, ip, now: at(OTP_TTL_MS) })).toEqual({
      ok: false,
      code: "invalid",
    });
    expect(
      await verifyWorkerCode({ civilId: worker.civilId, code, ip, now: at(OTP_TTL_MS + 60_000) }),
    ).toEqual({ ok: false, code: "invalid" });
    // One second before the end it still works.
    const ok = await verifyWorkerCode({ civilId: worker.civilId, code, ip, now: at(OTP_TTL_MS - 1000) });
    expect(ok.ok).toBe(true);
  });

  it("locks after 5 wrong tries, even for the right code, until a new code is asked for", async () => {
    const worker = await createWorker(db);
    const ip = freshIp();
    await requestWorkerCode({ civilId: worker.civilId, locale: "en", ip });
    const code = await codeFromSms(worker.mobile);

    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await verifyWorkerCode({ civilId: worker.civilId, code: wrong(code), ip }));
    expect(answers.map((a) => (a.ok ? "ok" : a.code))).toEqual([
      "invalid",
      "invalid",
      "invalid",
      "invalid",
      "locked",
    ]);
    expect((await verifyWorkerCode({ civilId: worker.civilId, code, ip })).ok).toBe(false);
    const [row] = await db.select().from(workerOtps).where(eq(workerOtps.workerId, worker.id));
    expect(row!.attempts).toBe(5);
    expect(row!.consumedAt).toBeNull();

    // A new code replaces the locked one and gets its own 5 tries.
    await requestWorkerCode({ civilId: worker.civilId, locale: "en", ip });
    const second = await codeFromSms(worker.mobile);
    expect((await verifyWorkerCode({ civilId: worker.civilId, code: second, ip })).ok).toBe(true);
  });

  it("accepts only the newest code", async () => {
    const worker = await createWorker(db);
    const ip = freshIp();
    const t0 = new Date();
    await requestWorkerCode({ civilId: worker.civilId, locale: "en", ip, now: t0 });
    const first = await codeFromSms(worker.mobile);
    await requestWorkerCode({
      civilId: worker.civilId,
      locale: "en",
      ip,
      now: new Date(t0.getTime() + 1000),
    });
    const second = await codeFromSms(worker.mobile);
    if (first === second) return; // one chance in a million
    expect(await verifyWorkerCode({ civilId: worker.civilId, code: first, ip })).toEqual({
      ok: false,
      code: "invalid",
    });
    expect((await verifyWorkerCode({ civilId: worker.civilId, code: second, ip })).ok).toBe(true);
  });
});

describe("an unknown civil ID", () => {
  it("gets the same answers as a known one, and no message or code row is created", async () => {
    const known = await createWorker(db);
    const unknown = unknownCivilId();
    const ip = freshIp();

    const beforeNotifications = await totalNotifications();
    const beforeRows = (await db.select({ n: count() }).from(workerOtps))[0]!.n;
    const forUnknown = await requestWorkerCode({ civilId: unknown, locale: "en", ip });
    expect(await totalNotifications()).toBe(beforeNotifications);
    expect((await db.select({ n: count() }).from(workerOtps))[0]!.n).toBe(beforeRows);

    const forKnown = await requestWorkerCode({ civilId: known.civilId, locale: "en", ip });
    expect(forUnknown).toEqual(forKnown);
    expect(await totalNotifications()).toBe(beforeNotifications + 2);

    const knownCode = await codeFromSms(known.mobile);
    const sequence = async (civilId: string) => {
      const out = [];
      for (let i = 0; i < 6; i++) out.push(await verifyWorkerCode({ civilId, code: wrong(knownCode), ip }));
      return out;
    };
    const a = await sequence(unknown);
    const b = await sequence(known.civilId);
    expect(a).toEqual(b);
    expect(a.map((r) => (r.ok ? "ok" : r.code))).toEqual([
      "invalid",
      "invalid",
      "invalid",
      "invalid",
      "locked",
      "locked",
    ]);
  });
});

describe("rate limits", () => {
  it("allow 3 codes per civil ID in 15 minutes, known or not", async () => {
    const known = await createWorker(db);
    for (const civilId of [known.civilId, unknownCivilId()]) {
      const answers = [];
      for (let i = 0; i < WORKER_SIGN_IN_LIMITS.codesPerCivilId.points + 1; i++) {
        answers.push(await requestWorkerCode({ civilId, locale: "en", ip: freshIp() }));
      }
      expect(answers.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      const last = answers[3]!;
      expect(last.ok).toBe(false);
      if (!last.ok) {
        expect(last.code).toBe("rate_limited");
        expect(last.retryAt.getTime()).toBeGreaterThan(Date.now());
      }
    }
    // Three codes, three SMS: the refused fourth sent nothing.
    expect((await messagesTo(known.mobile)).length).toBe(3);
  });

  it("allow 20 code requests per IP address in 15 minutes", async () => {
    const ip = freshIp();
    for (let i = 0; i < WORKER_SIGN_IN_LIMITS.codesPerIp.points; i++) {
      expect(await requestWorkerCode({ civilId: unknownCivilId(), locale: "en", ip })).toEqual({ ok: true });
    }
    const worker = await createWorker(db);
    const refused = await requestWorkerCode({ civilId: worker.civilId, locale: "en", ip });
    expect(refused.ok).toBe(false);
    expect(await messagesTo(worker.mobile)).toHaveLength(0);
    // Another address is not affected.
    expect(await requestWorkerCode({ civilId: worker.civilId, locale: "en", ip: freshIp() })).toEqual({
      ok: true,
    });
  });

  it("lock an IP address after 30 wrong codes, whatever the civil IDs", async () => {
    const ip = freshIp();
    for (let i = 0; i < WORKER_SIGN_IN_LIMITS.wrongCodesPerIp.points; i++) {
      await verifyWorkerCode({ civilId: unknownCivilId(), code: "000000", ip });
    }
    const worker = await createWorker(db);
    await requestWorkerCode({ civilId: worker.civilId, locale: "en", ip: freshIp() });
    const code = await codeFromSms(worker.mobile);
    const locked = await verifyWorkerCode({ civilId: worker.civilId, code, ip });
    expect(locked.ok).toBe(false);
    if (!locked.ok && locked.code === "locked") expect(locked.retryAt).toBeInstanceOf(Date);
    else throw new Error("expected locked");
    // From another address the same code still works.
    expect((await verifyWorkerCode({ civilId: worker.civilId, code, ip: freshIp() })).ok).toBe(true);
  });
});
