import { classifyHttpStatus, shortError, type Provider } from "./types";

export type SmsGatewayConfig = {
  url: string;
  token?: string;
  /** The gateway sends delivery receipts to /api/notifications/callback/sms: a 2xx then means "accepted". */
  deliveryReceipts: boolean;
  timeoutMs?: number;
};

/**
 * A generic HTTP SMS gateway, the usual shape of local ones: a JSON POST `{ to, text, reference }` with a
 * Bearer token; the answer's `id` or `message_id` is the provider id. `reference` is our notification id, so
 * a gateway that de-duplicates on it never sends a retried message twice.
 */
export function smsGatewayProvider(config: SmsGatewayConfig): Provider {
  return {
    name: "sms-gateway",
    async send(message) {
      let res: Response;
      try {
        res = await fetch(config.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
          },
          body: JSON.stringify({ to: message.recipient, text: message.body, reference: message.id }),
          signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
          redirect: "error",
        });
      } catch (e) {
        const cause = (e as { cause?: { code?: string } }).cause?.code;
        return {
          kind: "temporary_failure",
          error: shortError(`network: ${cause ?? (e as Error).name ?? "error"}`),
        };
      }
      const text = await res.text().catch(() => "");
      const verdict = classifyHttpStatus(res.status);
      if (verdict !== "ok") return { kind: verdict, error: shortError(`HTTP ${res.status} ${text}`) };
      let providerId: string | null = null;
      try {
        const json = JSON.parse(text) as { id?: unknown; message_id?: unknown };
        const id = json.id ?? json.message_id;
        if (typeof id === "string" || typeof id === "number") providerId = String(id);
      } catch {
        // A 2xx without JSON is still an acceptance.
      }
      return config.deliveryReceipts ? { kind: "accepted", providerId } : { kind: "delivered", providerId };
    },
  };
}
