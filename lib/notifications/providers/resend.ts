import { Resend } from "resend";
import { renderEmailHtml } from "../email-html";
import { shortError, type Provider } from "./types";

export type ResendConfig = {
  apiKey: string;
  from: string;
  /** The SDK also reads RESEND_BASE_URL itself; given here so tests and config agree explicitly. */
  baseUrl?: string;
  /** Resend webhooks reach /api/notifications/callback/email: an accepted e-mail then waits for them. */
  awaitWebhook: boolean;
};

const TEMPORARY_NAMES = new Set([
  "rate_limit_exceeded",
  "application_error",
  "internal_server_error",
  "daily_quota_exceeded",
]);

/** E-mail through Resend's own SDK: HTML (right-to-left in Arabic) plus the plain text. */
export function resendProvider(config: ResendConfig): Provider {
  const client = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : undefined);
  return {
    name: "resend",
    async send(message) {
      const subject = message.subject ?? "";
      const { data, error } = await client.emails.send(
        {
          from: config.from,
          to: [message.recipient],
          subject,
          html: renderEmailHtml({ subject, body: message.body, locale: message.locale }),
          text: message.body,
        },
        // The same key on every attempt: if an earlier attempt reached Resend and only its answer was lost,
        // the retry returns that e-mail instead of sending a second one.
        { idempotencyKey: `notification/${message.id}` },
      );
      if (error) {
        const status = typeof error.statusCode === "number" ? error.statusCode : null;
        const temporary =
          status === null ? TEMPORARY_NAMES.has(error.name) || !error.name : status === 429 || status >= 500;
        return {
          kind: temporary ? "temporary_failure" : "permanent_failure",
          error: shortError(`resend ${status ?? "network"} ${error.name}: ${error.message}`),
        };
      }
      const providerId = data?.id ?? null;
      return config.awaitWebhook ? { kind: "accepted", providerId } : { kind: "delivered", providerId };
    },
  };
}
