import { createHmac, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as emailCallback } from "@/app/api/notifications/callback/email/route";
import { POST as smsCallback } from "@/app/api/notifications/callback/sms/route";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { dispatchDue } from "@/lib/notifications/dispatch";
import { notify } from "@/lib/notifications/notify";
import { providersFromEnv } from "@/lib/notifications/providers";
import { uniqueDigits, uniqueSuffix } from "@/tests/helpers/db";
import { startStandIn } from "@/tests/helpers/stand-in";

const SMS_TOKEN = `cb-${uniqueSuffix(16)}`;
const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("base64")}`;
const saved = { sms: process.env.SMS_CALLBACK_TOKEN, resend: process.env.RESEND_WEBHOOK_SECRET };
beforeAll(() => {
  process.env.SMS_CALLBACK_TOKEN = SMS_TOKEN;
  process.env.RESEND_WEBHOOK_SECRET = WEBHOOK_SECRET;
});
afterAll(() => {
  if (saved.sms === undefined) delete process.env.SMS_CALLBACK_TOKEN;
  else process.env.SMS_CALLBACK_TOKEN = saved.sms;
  if (saved.resend === undefined) delete process.env.RESEND_WEBHOOK_SECRET;
  else process.env.RESEND_WEBHOOK_SECRET = saved.resend;
});

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function row(id: string) {
  const [r] = await db.select().from(notifications).where(eq(notifications.id, id));
  return r!;
}

function smsReceipt(body: unknown, token = SMS_TOKEN): Promise<Response> {
  return smsCallback(
    new Request("http://localhost/api/notifications/callback/sms", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }),
  );
}

/** An SMS handed to a gateway that sends delivery receipts: it waits in `sending` with the gateway's id. */
async function smsAwaitingReceipt(): Promise<{ id: string; providerId: string }> {
  const providerId = `gw-${uniqueSuffix(10)}`;
  const gw = await startStandIn(() => ({ status: 202, body: { id: providerId } }));
  closers.push(gw.close);
  const { id } = await notify(db, {
    channel: "sms",
    recipient: `+968${uniqueDigits(8)}`,
    template: "worker.grievance-closing.sms",
    locale: "ar",
    params: {
      reference: "WA-2026-004217",
      establishment: "النور",
      deadline: "2026-08-03",
      url: "http://localhost/ar/worker",
    },
  });
  const providers = providersFromEnv({ SMS_GATEWAY_URL: gw.url, SMS_GATEWAY_DELIVERY_RECEIPTS: "true" });
  expect(await dispatchDue({ ids: [id], providers })).toMatchObject({ accepted: 1 });
  return { id, providerId };
}

describe("SMS delivery receipts", () => {
  it("waits for the receipt, applies it once, and a repeated or late receipt changes nothing", async () => {
    const { id, providerId } = await smsAwaitingReceipt();
    const sending = await row(id);
    expect(sending).toMatchObject({ status: "sending", providerId, attempts: 1, nextAttemptAt: null });
    expect(sending.sentAt).not.toBeNull();
    // Not sent again while it waits for the receipt.
    expect(
      await dispatchDue({
        ids: [id],
        providers: providersFromEnv({}),
        now: new Date(Date.now() + 86_400_000),
      }),
    ).toMatchObject({
      claimed: 0,
    });

    const first = await smsReceipt({ id: providerId, status: "DELIVRD" });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ result: "updated" });
    const delivered = await row(id);
    expect(delivered.status).toBe("delivered");
    expect(delivered.deliveredAt).not.toBeNull();

    const again = await smsReceipt({ id: providerId, status: "delivered" });
    expect(await again.json()).toEqual({ result: "unchanged" });
    const late = await smsReceipt({ reference: id, status: "failed", error: "late and wrong" });
    expect(await late.json()).toEqual({ result: "unchanged" });
    expect(await row(id)).toEqual(delivered);
  });

  it("finds the message by our reference and records a permanent failure", async () => {
    const { id } = await smsAwaitingReceipt();
    const res = await smsReceipt({ reference: id, status: "undelivered", error: "absent subscriber" });
    expect(await res.json()).toEqual({ result: "updated" });
    expect(await row(id)).toMatchObject({
      status: "permanent_failure",
      lastError: "absent subscriber",
      nextAttemptAt: null,
    });
  });

  it("turns a temporary failure receipt into a retry", async () => {
    const { id } = await smsAwaitingReceipt();
    await smsReceipt({ reference: id, status: "expired" });
    const r = await row(id);
    expect(r.status).toBe("temporary_failure");
    expect(r.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("refuses a wrong token, unknown statuses and unknown messages", async () => {
    const { id, providerId } = await smsAwaitingReceipt();
    expect((await smsReceipt({ id: providerId, status: "delivered" }, "wrong")).status).toBe(401);
    expect((await smsReceipt({ id: providerId, status: "teleported" })).status).toBe(400);
    expect((await smsReceipt({ id: "no-such-id", status: "delivered" })).status).toBe(404);
    expect((await row(id)).status).toBe("sending");
  });
});

/** Signs a payload as Resend (Standard Webhooks / Svix) does. */
function signedWebhook(payload: object, secret = WEBHOOK_SECRET): Request {
  const body = JSON.stringify(payload);
  const msgId = `msg_${uniqueSuffix(12)}`;
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${msgId}.${timestamp}.${body}`).digest("base64");
  return new Request("http://localhost/api/notifications/callback/email", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "svix-id": msgId,
      "svix-timestamp": timestamp,
      "svix-signature": `v1,${signature}`,
    },
    body,
  });
}

describe("Resend webhooks", () => {
  it("settles an accepted e-mail once, verified by signature", async () => {
    const emailId = `re_${uniqueSuffix(12)}`;
    const api = await startStandIn(() => ({ status: 200, body: { id: emailId } }));
    closers.push(api.close);
    const { id } = await notify(db, {
      channel: "email",
      recipient: `worker-${uniqueSuffix()}@example.om`,
      template: "worker.grievance-closing.email",
      locale: "en",
      params: {
        name: "Ravi",
        reference: "WA-2026-004217",
        establishment: "Al Noor",
        deadline: "2026-08-03",
        url: "http://localhost/en/worker",
      },
    });
    const providers = providersFromEnv({
      RESEND_API_KEY: "re_test",
      RESEND_BASE_URL: api.url,
      RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    expect(await dispatchDue({ ids: [id], providers })).toMatchObject({ accepted: 1 });
    expect(await row(id)).toMatchObject({ status: "sending", providerId: emailId });

    const event = {
      type: "email.delivered",
      created_at: new Date().toISOString(),
      data: { email_id: emailId },
    };
    expect(
      (await emailCallback(signedWebhook(event, `whsec_${randomBytes(24).toString("base64")}`))).status,
    ).toBe(401);
    expect((await row(id)).status).toBe("sending");

    expect(await (await emailCallback(signedWebhook(event))).json()).toEqual({ result: "updated" });
    const delivered = await row(id);
    expect(delivered.status).toBe("delivered");
    expect(await (await emailCallback(signedWebhook(event))).json()).toEqual({ result: "unchanged" });
    const bounce = {
      type: "email.bounced",
      created_at: new Date().toISOString(),
      data: { email_id: emailId },
    };
    expect(await (await emailCallback(signedWebhook(bounce))).json()).toEqual({ result: "unchanged" });
    expect(await row(id)).toEqual(delivered);
  });
});
