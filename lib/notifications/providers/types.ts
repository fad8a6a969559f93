import type { Locale } from "@/lib/i18n/routing";

/** One message as a provider needs it. `id` is our notification id: the reference / idempotency key. */
export type OutgoingMessage = {
  id: string;
  channel: "sms" | "email";
  recipient: string;
  locale: Locale;
  subject: string | null;
  body: string;
};

/**
 * What a provider answered:
 * - delivered: as far as we will ever know (the outbox; a provider configured without delivery receipts);
 * - accepted: handed over; a delivery receipt (callback) will say how it ended;
 * - temporary_failure: worth trying again later (network error, timeout, 429, 5xx);
 * - permanent_failure: trying again cannot help (any other 4xx: a bad number, a refused sender...).
 */
export type SendOutcome =
  | { kind: "delivered"; providerId: string | null }
  | { kind: "accepted"; providerId: string | null }
  | { kind: "temporary_failure"; error: string }
  | { kind: "permanent_failure"; error: string };

export type Provider = { name: string; send(message: OutgoingMessage): Promise<SendOutcome> };
export type Providers = { sms: Provider; email: Provider };

/** HTTP status → outcome class, as GOV.UK Notify and most gateways see it. */
export function classifyHttpStatus(status: number): "ok" | "temporary_failure" | "permanent_failure" {
  if (status >= 200 && status < 300) return "ok";
  if (status === 408 || status === 429 || status >= 500) return "temporary_failure";
  return "permanent_failure";
}

/** Errors recorded on the row are short and never contain the message itself. */
export function shortError(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}
