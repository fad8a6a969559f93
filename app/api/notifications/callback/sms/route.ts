import { z } from "zod";
import { applyDeliveryReceipt, secretMatches, smsReceiptStatus } from "@/lib/notifications/receipts";

/**
 * Delivery receipts from the SMS gateway: a JSON POST `{ reference | id | message_id, status, error? }`,
 * authenticated by the shared secret SMS_CALLBACK_TOKEN as `Authorization: Bearer …` (or `?token=…` for
 * gateways that can only be given a URL). Off (404) when no secret is configured.
 */
const receiptSchema = z.object({
  reference: z.string().max(100).optional(),
  id: z.union([z.string().max(200), z.number()]).optional(),
  message_id: z.union([z.string().max(200), z.number()]).optional(),
  status: z.string().min(1).max(50),
  error: z.string().max(500).optional(),
});

export async function POST(request: Request): Promise<Response> {
  const expected = process.env.SMS_CALLBACK_TOKEN;
  if (!expected) return Response.json({ error: "not_found" }, { status: 404 });
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  const token = bearer ?? new URL(request.url).searchParams.get("token");
  if (!secretMatches(token, expected)) return Response.json({ error: "unauthorized" }, { status: 401 });

  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return Response.json({ error: "invalid_json" }, { status: 400 });
  }
  const parsed = receiptSchema.safeParse(json);
  if (!parsed.success) return Response.json({ error: "invalid_receipt" }, { status: 400 });
  const status = smsReceiptStatus(parsed.data.status);
  if (!status) return Response.json({ error: "unknown_status" }, { status: 400 });
  const providerId = parsed.data.id ?? parsed.data.message_id;

  const result = await applyDeliveryReceipt({
    channel: "sms",
    reference: parsed.data.reference ?? null,
    providerId: providerId === undefined ? null : String(providerId),
    status,
    error: parsed.data.error ?? null,
  });
  if (result === "unknown") return Response.json({ error: "unknown_message" }, { status: 404 });
  return Response.json({ result });
}
