import { afterEach, describe, expect, it } from "vitest";
import { Resend } from "resend";
import { retryDelayMs } from "@/lib/notifications/dispatch";
import { DEFAULT_EMAIL_FROM, providersFromEnv } from "@/lib/notifications/providers";
import { classifyHttpStatus } from "@/lib/notifications/providers/types";
import { resendEventStatus, secretMatches, smsReceiptStatus } from "@/lib/notifications/receipts";
import { workerLocale } from "@/lib/notifications/recipients";

describe("retries", () => {
  it("backs off exponentially from 30 s, capped at an hour", () => {
    const base = { baseDelayMs: 30_000, maxDelayMs: 3_600_000 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, base))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, base)).toBe(3_600_000);
  });

  it("classifies provider answers as GOV.UK Notify does", () => {
    expect(classifyHttpStatus(200)).toBe("ok");
    expect(classifyHttpStatus(202)).toBe("ok");
    expect(classifyHttpStatus(429)).toBe("temporary_failure");
    expect(classifyHttpStatus(500)).toBe("temporary_failure");
    expect(classifyHttpStatus(503)).toBe("temporary_failure");
    expect(classifyHttpStatus(400)).toBe("permanent_failure");
    expect(classifyHttpStatus(401)).toBe("permanent_failure");
    expect(classifyHttpStatus(404)).toBe("permanent_failure");
  });
});

describe("delivery receipts", () => {
  it("understands common gateway status words", () => {
    expect(smsReceiptStatus("DELIVRD")).toBe("delivered");
    expect(smsReceiptStatus("delivered")).toBe("delivered");
    expect(smsReceiptStatus("UNDELIV")).toBe("permanent_failure");
    expect(smsReceiptStatus("rejected")).toBe("permanent_failure");
    expect(smsReceiptStatus("EXPIRED")).toBe("temporary_failure");
    expect(smsReceiptStatus("enroute")).toBeNull();
    expect(resendEventStatus("email.delivered")).toBe("delivered");
    expect(resendEventStatus("email.bounced")).toBe("permanent_failure");
    expect(resendEventStatus("email.opened")).toBeNull();
  });

  it("compares the shared secret exactly", () => {
    expect(secretMatches("s3cret", "s3cret")).toBe(true);
    expect(secretMatches("s3cre", "s3cret")).toBe(false);
    expect(secretMatches(null, "s3cret")).toBe(false);
    expect(secretMatches("s3cret", undefined)).toBe(false);
  });
});

describe("providers from the environment", () => {
  const saved = process.env.RESEND_BASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.RESEND_BASE_URL;
    else process.env.RESEND_BASE_URL = saved;
  });

  it("defaults to the development outbox for both channels", () => {
    const p = providersFromEnv({});
    expect(p.sms.name).toBe("outbox");
    expect(p.email.name).toBe("outbox");
  });

  it("uses the SMS gateway and Resend when configured", () => {
    const p = providersFromEnv({ SMS_GATEWAY_URL: "http://127.0.0.1:1/send", RESEND_API_KEY: "re_x" });
    expect(p.sms.name).toBe("sms-gateway");
    expect(p.email.name).toBe("resend");
    expect(DEFAULT_EMAIL_FROM).toBe("Balagh <no-reply@balagh.example.om>");
  });

  it("relies on the Resend SDK reading RESEND_BASE_URL (checked in node_modules/resend)", () => {
    process.env.RESEND_BASE_URL = "http://127.0.0.1:9/resend";
    expect(new Resend("re_x").baseUrl).toBe("http://127.0.0.1:9/resend");
    delete process.env.RESEND_BASE_URL;
    expect(new Resend("re_x").baseUrl).toBe("https://api.resend.com");
  });
});

describe("a worker's language", () => {
  it("is Arabic for Arabic-reading nationalities, English otherwise", () => {
    expect(workerLocale("EG")).toBe("ar");
    expect(workerLocale("sd")).toBe("ar");
    expect(workerLocale("IN")).toBe("en");
    expect(workerLocale("BD")).toBe("en");
    expect(workerLocale("PH")).toBe("en");
  });
});
