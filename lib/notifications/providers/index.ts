import { outboxProvider } from "./outbox";
import { resendProvider } from "./resend";
import { smsGatewayProvider } from "./sms-gateway";
import type { Providers } from "./types";

export type { OutgoingMessage, Provider, Providers, SendOutcome } from "./types";

export const DEFAULT_EMAIL_FROM = "Balagh <no-reply@balagh.example.om>";

type Env = Record<string, string | undefined>;

/**
 * The providers the environment configures:
 * - SMS: SMS_GATEWAY_URL (+ SMS_GATEWAY_TOKEN, SMS_GATEWAY_DELIVERY_RECEIPTS=true) or the development outbox;
 * - e-mail: RESEND_API_KEY (+ RESEND_BASE_URL, EMAIL_FROM, RESEND_WEBHOOK_SECRET) or the development outbox.
 */
export function providersFromEnv(env: Env = process.env): Providers {
  const sms = env.SMS_GATEWAY_URL
    ? smsGatewayProvider({
        url: env.SMS_GATEWAY_URL,
        token: env.SMS_GATEWAY_TOKEN || undefined,
        deliveryReceipts: env.SMS_GATEWAY_DELIVERY_RECEIPTS === "true",
      })
    : outboxProvider;
  const email = env.RESEND_API_KEY
    ? resendProvider({
        apiKey: env.RESEND_API_KEY,
        from: env.EMAIL_FROM || DEFAULT_EMAIL_FROM,
        baseUrl: env.RESEND_BASE_URL || undefined,
        awaitWebhook: Boolean(env.RESEND_WEBHOOK_SECRET),
      })
    : outboxProvider;
  return { sms, email };
}
