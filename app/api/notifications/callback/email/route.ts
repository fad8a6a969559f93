import { Resend } from "resend";
import { applyDeliveryReceipt, resendEventStatus } from "@/lib/notifications/receipts";

/**
 * Resend webhooks (Standard Webhooks signatures, verified with the SDK against RESEND_WEBHOOK_SECRET on the
 * raw body). Delivered, bounced, failed and suppressed settle the e-mail; other events are acknowledged and
 * ignored. Off (404) when no secret is configured.
 */
export async function POST(request: Request): Promise<Response> {
  const secret = process.env.RESEND_WEBHOOK_SECRET;
  if (!secret) return Response.json({ error: "not_found" }, { status: 404 });
  const payload = await request.text();
  let event: { type?: string; data?: { email_id?: string } };
  try {
    // Verifying needs no API key; the constructor insists on one.
    event = new Resend(process.env.RESEND_API_KEY || "re_webhook_only").webhooks.verify({
      payload,
      headers: {
        id: request.headers.get("svix-id") ?? request.headers.get("webhook-id") ?? "",
        timestamp: request.headers.get("svix-timestamp") ?? request.headers.get("webhook-timestamp") ?? "",
        signature: request.headers.get("svix-signature") ?? request.headers.get("webhook-signature") ?? "",
      },
      webhookSecret: secret,
    }) as typeof event;
  } catch {
    return Response.json({ error: "invalid_signature" }, { status: 401 });
  }
  const status = event.type ? resendEventStatus(event.type) : null;
  const emailId = event.data?.email_id;
  if (!status || !emailId) return Response.json({ result: "ignored" });
  const result = await applyDeliveryReceipt({ channel: "email", providerId: emailId, status });
  return Response.json({ result });
}
