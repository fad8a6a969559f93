import { eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { dispatchDue } from "@/lib/notifications/dispatch";
import { notify } from "@/lib/notifications/notify";
import { providersFromEnv } from "@/lib/notifications/providers";
import { outboxProvider } from "@/lib/notifications/providers/outbox";
import { smsGatewayProvider } from "@/lib/notifications/providers/sms-gateway";
import { closedPortUrl, startStandIn } from "@/tests/helpers/stand-in";
import { uniqueDigits } from "@/tests/helpers/db";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function gateway(answer: Parameters<typeof startStandIn>[0]) {
  const s = await startStandIn(answer);
  closers.push(s.close);
  return s;
}

/** A committed SMS notification to a fresh number; returns its id. */
async function newSms(locale: "ar" | "en" = "ar"): Promise<string> {
  const { id } = await notify(db, {
    channel: "sms",
    recipient: `+968${uniqueDigits(8)}`,
    template: "worker.grievance-closing.sms",
    locale,
    params: {
      reference: "WA-2026-004217",
      establishment: "Al Noor",
      deadline: "2026-08-03",
      url: "http://localhost:3000/ar/worker",
    },
  });
  return id;
}

async function row(id: string) {
  const [r] = await db.select().from(notifications).where(eq(notifications.id, id));
  return r!;
}

const later = (ms: number) => new Date(Date.now() + ms);

describe("dispatch through the HTTP SMS gateway", () => {
  it("retries after a 500 and delivers on the 200, recording attempts, error, ids and times", async () => {
    const gw = await gateway((_, i) =>
      i === 0 ? { status: 500, body: { error: "busy" } } : { status: 200, body: { message_id: "gw-42" } },
    );
    const providers = providersFromEnv({ SMS_GATEWAY_URL: `${gw.url}/send`, SMS_GATEWAY_TOKEN: "gw-secret" });
    const id = await newSms();

    const first = await dispatchDue({ ids: [id], providers });
    expect(first).toMatchObject({ claimed: 1, temporaryFailures: 1 });
    const afterFirst = await row(id);
    expect(afterFirst.status).toBe("temporary_failure");
    expect(afterFirst.attempts).toBe(1);
    expect(afterFirst.lastError).toContain("HTTP 500");
    expect(afterFirst.sentAt).toBeNull();
    // Backoff: due again about 30 s later, not before.
    const wait = afterFirst.nextAttemptAt!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThan(40_000);
    expect(await dispatchDue({ ids: [id], providers })).toMatchObject({ claimed: 0 });
    expect(gw.requests).toHaveLength(1);

    const second = await dispatchDue({ ids: [id], providers, now: later(31_000) });
    expect(second).toMatchObject({ claimed: 1, delivered: 1 });
    const done = await row(id);
    expect(done.status).toBe("delivered");
    expect(done.attempts).toBe(2);
    expect(done.providerId).toBe("gw-42");
    expect(done.lastError).toBeNull();
    expect(done.sentAt).not.toBeNull();
    expect(done.deliveredAt).not.toBeNull();
    expect(done.nextAttemptAt).toBeNull();

    // The gateway got the generic JSON POST with the Bearer token, twice for the same message.
    expect(gw.requests).toHaveLength(2);
    for (const r of gw.requests) {
      expect(r.method).toBe("POST");
      expect(r.path).toBe("/send");
      expect(r.headers.authorization).toBe("Bearer gw-secret");
      expect(r.headers["content-type"]).toContain("application/json");
      expect(r.json).toEqual({ to: done.recipient, text: done.body, reference: id });
    }
    // Nothing more to do for it.
    expect(await dispatchDue({ ids: [id], providers, now: later(86_400_000) })).toMatchObject({ claimed: 0 });
  });

  it("treats a 400 as a permanent failure and never retries it", async () => {
    const gw = await gateway(() => ({ status: 400, body: { error: "invalid number" } }));
    const providers = providersFromEnv({ SMS_GATEWAY_URL: gw.url });
    const id = await newSms("en");

    expect(await dispatchDue({ ids: [id], providers })).toMatchObject({ claimed: 1, permanentFailures: 1 });
    const r = await row(id);
    expect(r.status).toBe("permanent_failure");
    expect(r.attempts).toBe(1);
    expect(r.lastError).toContain("HTTP 400");
    expect(r.nextAttemptAt).toBeNull();
    expect(await dispatchDue({ ids: [id], providers, now: later(7 * 86_400_000) })).toMatchObject({
      claimed: 0,
    });
    expect(gw.requests).toHaveLength(1);
  });

  it("retries 429 and network errors, and gives up after the last attempt", async () => {
    const gw = await gateway(() => ({ status: 429 }));
    const id = await newSms();
    const providers = providersFromEnv({ SMS_GATEWAY_URL: gw.url });
    await dispatchDue({ ids: [id], providers, maxAttempts: 3 });
    expect((await row(id)).status).toBe("temporary_failure");

    // Second attempt: the gateway is down (connection refused).
    const down = providersFromEnv({ SMS_GATEWAY_URL: await closedPortUrl() });
    await dispatchDue({ ids: [id], providers: down, now: later(60_000), maxAttempts: 3 });
    const r2 = await row(id);
    expect(r2.status).toBe("temporary_failure");
    expect(r2.attempts).toBe(2);
    expect(r2.lastError).toContain("network");

    await dispatchDue({ ids: [id], providers, now: later(10 * 60_000), maxAttempts: 3 });
    const r3 = await row(id);
    expect(r3.status).toBe("permanent_failure");
    expect(r3.attempts).toBe(3);
    expect(r3.lastError).toMatch(/gave up after 3 attempts: HTTP 429/);
    expect(gw.requests).toHaveLength(2);
  });

  it("takes over a row whose dispatcher died mid-send once its lease has run out", async () => {
    const id = await newSms();
    // A dispatcher claimed it a while ago and never came back.
    await db
      .update(notifications)
      .set({ status: "sending", attempts: 1, nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(notifications.id, id));
    expect(
      await dispatchDue({ ids: [id], providers: { sms: outboxProvider, email: outboxProvider } }),
    ).toMatchObject({
      claimed: 1,
      delivered: 1,
    });
    expect(await row(id)).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("removes a worker's one-time code from our copy once sent, outside demo mode (kept in demo for the outbox)", async () => {
    const send = async () => {
      const { id } = await notify(db, {
        channel: "sms",
        recipient: `+968${uniqueDigits(8)}`,
        template: "worker.sign-in-code-sms",
        locale: "en",
        params: { code: "493817", minutes: 5 },
        entity: { type: "worker_otp", id: crypto.randomUUID() },
      });
      await dispatchDue({ ids: [id], providers: { sms: outboxProvider, email: outboxProvider } });
      return (await row(id))!;
    };
    expect((await send()).body).toContain("493817");
    const previous = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = "production";
    try {
      const sent = await send();
      expect(sent.status).toBe("delivered");
      expect(sent.body).not.toContain("493817");
    } finally {
      (process.env as Record<string, string | undefined>).NODE_ENV = previous;
    }
  });

  it("sends each message once when two dispatchers poll at the same time", async () => {
    const gw = await gateway((r) => ({
      status: 200,
      body: { id: `gw-${(r.json as { reference: string }).reference}` },
      delayMs: 15,
    }));
    const providers = {
      sms: smsGatewayProvider({ url: gw.url, deliveryReceipts: false }),
      email: outboxProvider,
    };
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push(await newSms(i % 2 ? "ar" : "en"));

    // Two dispatchers, small batches so their claims interleave, each with several sends in flight.
    const [a, b] = await Promise.all([
      dispatchDue({ ids, providers, batchSize: 3, concurrency: 3 }),
      dispatchDue({ ids, providers, batchSize: 3, concurrency: 3 }),
    ]);
    expect(a.claimed + b.claimed).toBe(24);
    expect(a.delivered + b.delivered).toBe(24);

    const references = gw.requests.map((r) => (r.json as { reference: string }).reference);
    expect(references).toHaveLength(24);
    expect(new Set(references).size).toBe(24);
    expect(new Set(references)).toEqual(new Set(ids));
    const rows = await db.select().from(notifications).where(inArray(notifications.id, ids));
    expect(
      rows.every((r) => r.status === "delivered" && r.attempts === 1 && r.providerId === `gw-${r.id}`),
    ).toBe(true);
  });
});

describe("dispatch without providers", () => {
  it("marks messages delivered in the development outbox (the default)", async () => {
    const id = await newSms();
    expect(await dispatchDue({ ids: [id], providers: providersFromEnv({}) })).toMatchObject({
      claimed: 1,
      delivered: 1,
    });
    expect(await row(id)).toMatchObject({ status: "delivered", attempts: 1, providerId: null });
  });

  it("does not see a message whose transaction rolled back", async () => {
    let id = "";
    await db
      .transaction(async (tx) => {
        ({ id } = await notify(tx, {
          channel: "sms",
          recipient: `+968${uniqueDigits(8)}`,
          template: "worker.grievance-closing.sms",
          locale: "en",
          params: {
            reference: "WA-2026-004217",
            establishment: "X",
            deadline: "2026-08-03",
            url: "http://x",
          },
        }));
        throw new Error("rollback");
      })
      .catch(() => {});
    expect(id).not.toBe("");
    expect(await dispatchDue({ ids: [id], providers: providersFromEnv({}) })).toMatchObject({ claimed: 0 });
  });
});
