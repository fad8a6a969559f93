import { afterEach, describe, expect, it } from "vitest";
import { smsGatewayProvider } from "@/lib/notifications/providers/sms-gateway";
import type { OutgoingMessage } from "@/lib/notifications/providers";
import { startSmsStandIn, type SmsStandIn } from "../sms-stand-in/server";

const message = (id: string): OutgoingMessage => ({
  id,
  channel: "sms",
  recipient: "+96891234567",
  locale: "ar",
  subject: null,
  body: "بلاغ: test",
});

let stand: SmsStandIn | null = null;
afterEach(async () => {
  await stand?.close();
  stand = null;
});

describe("SMS gateway stand-in with the real HTTP SMS provider", () => {
  it("accepts a message when up and counts it by reference", async () => {
    stand = await startSmsStandIn({ token: "t0k" });
    const provider = smsGatewayProvider({
      url: stand.url,
      token: "t0k",
      deliveryReceipts: false,
      timeoutMs: 2_000,
    });
    const outcome = await provider.send(message("n-1"));
    expect(outcome).toEqual({ kind: "delivered", providerId: "sms-1" });
    expect(stand.deliveries).toHaveLength(1);
    expect(stand.deliveries[0]).toMatchObject({ to: "+96891234567", text: "بلاغ: test", reference: "n-1" });
    expect(stand.countsByReference().get("n-1")).toBe(1);
  });

  it("refuses a wrong token permanently (401 is not worth a retry)", async () => {
    stand = await startSmsStandIn({ token: "right" });
    const provider = smsGatewayProvider({
      url: stand.url,
      token: "wrong",
      deliveryReceipts: false,
      timeoutMs: 2_000,
    });
    const outcome = await provider.send(message("n-2"));
    expect(outcome.kind).toBe("permanent_failure");
    expect(stand.deliveries).toHaveLength(0);
  });

  it("fails temporarily while failing (503) or down (connection refused), and delivers again once up", async () => {
    stand = await startSmsStandIn();
    const provider = smsGatewayProvider({ url: stand.url, deliveryReceipts: false, timeoutMs: 2_000 });

    await stand.setMode("failing");
    const failing = await provider.send(message("n-3"));
    expect(failing.kind).toBe("temporary_failure");
    expect(failing.kind === "temporary_failure" && failing.error).toContain("HTTP 503");
    expect(stand.refused()).toBe(1);

    await stand.setMode("down");
    const down = await provider.send(message("n-3"));
    expect(down.kind).toBe("temporary_failure");
    expect(down.kind === "temporary_failure" && down.error).toContain("ECONNREFUSED");

    await stand.setMode("up");
    expect(await provider.send(message("n-3"))).toEqual({ kind: "delivered", providerId: "sms-1" });
    // The same port as before: the app's SMS_GATEWAY_URL stays valid across an outage.
    expect(stand.url).toBe(`http://127.0.0.1:${stand.port}/sms`);
    expect([...stand.countsByReference()]).toEqual([["n-3", 1]]);
  });
});
