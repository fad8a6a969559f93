import { log } from "@/lib/log";
import { handleStripeEvent } from "@/lib/payments/stripe-events";
import { stripeClient, stripeConfigured } from "@/lib/payments/stripe";

export const dynamic = "force-dynamic";

/**
 * Stripe's webhooks. The signature is checked on the raw body (STRIPE_WEBHOOK_SECRET) before anything is
 * read from it: a bad one gets 400 and changes nothing. A failure while processing gets 500, so Stripe
 * delivers the event again (processing is idempotent).
 */
export async function POST(request: Request): Promise<Response> {
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!secret || !stripeConfigured()) {
    log.error("Stripe webhook received but STRIPE_SECRET_KEY or STRIPE_WEBHOOK_SECRET is not set");
    return Response.json({ error: "not_configured" }, { status: 503 });
  }
  const signature = request.headers.get("stripe-signature");
  const body = await request.text();
  if (!signature) return Response.json({ error: "invalid_signature" }, { status: 400 });
  let event;
  try {
    event = await stripeClient().webhooks.constructEventAsync(body, signature, secret);
  } catch {
    log.warn("Stripe webhook with an invalid signature");
    return Response.json({ error: "invalid_signature" }, { status: 400 });
  }
  try {
    // Links in the messages this sends come from APP_URL (lib/app-url.ts), never from the request.
    const outcome = await handleStripeEvent(event);
    return Response.json({ received: true, outcome });
  } catch (e) {
    log.error({ err: e, eventId: event.id, type: event.type }, "Stripe webhook could not be processed");
    return Response.json({ error: "processing_failed" }, { status: 500 });
  }
}
