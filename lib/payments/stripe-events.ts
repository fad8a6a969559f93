import type Stripe from "stripe";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { paymentEvents } from "@/db/schema";
import { log } from "@/lib/log";
import { applyRefundUpdate } from "./refund-events";
import { recordPaymentEvent } from "./events";
import { settleCheckout, type SettleOutcome } from "./settle";
import { stripeProvider } from "./stripe";
import type { CheckoutState, PaymentProvider } from "./types";

/**
 * Stripe's webhook events, one handler per type. A handler treats its event only as a signal: it re-reads the
 * object from Stripe (so a late, replayed or reordered event cannot move anything backwards) and applies what
 * Stripe says now through the shared settlement code. Each event id is recorded in `payment_events`, in the
 * same transaction as its effect; an id seen before changes nothing.
 */
export type HandledEventType =
  | "checkout.session.completed"
  | "checkout.session.async_payment_succeeded"
  | "checkout.session.async_payment_failed"
  | "checkout.session.expired"
  | "refund.created"
  | "refund.updated"
  | "refund.failed"
  | "charge.refunded";

export type EventOutcome = SettleOutcome | "ignored" | "refunds_applied";

type Context = { provider: PaymentProvider; appUrl?: string | null };
type Handler = (event: Stripe.Event, ctx: Context) => Promise<EventOutcome>;

const eventRef = (event: Stripe.Event) => ({ provider: "stripe" as const, id: event.id, type: event.type });

async function recordOnly(event: Stripe.Event): Promise<EventOutcome> {
  return (await db.transaction((tx) => recordPaymentEvent(tx, eventRef(event))))
    ? "ignored"
    : "duplicate_event";
}

/** Re-reads the event's checkout session and settles it when Stripe's current state is one of `accept`. */
function checkoutHandler(accept: readonly CheckoutState[]): Handler {
  return async (event, ctx) => {
    const object = event.data.object as { id?: string };
    if (!object.id) return recordOnly(event);
    const session = await ctx.provider.retrieveCheckout(object.id);
    if (!accept.includes(session.state)) {
      log.info(
        { eventId: event.id, type: event.type, state: session.state },
        "checkout event does not match the session's state",
      );
      return recordOnly(event);
    }
    return (await settleCheckout(session, { source: "webhook", event: eventRef(event), appUrl: ctx.appUrl }))
      .outcome;
  };
}

const onRefund: Handler = async (event, ctx) => {
  const object = event.data.object as { id?: string };
  if (!object.id) return recordOnly(event);
  const refund = await ctx.provider.retrieveRefund(object.id);
  const outcome = await applyRefundUpdate(refund, { source: "webhook", event: eventRef(event) });
  return outcome === "duplicate_event" ? "duplicate_event" : "refunds_applied";
};

/** A charge's refunds, re-read as a list; the event id is recorded after every one was applied. */
const onChargeRefunded: Handler = async (event, ctx) => {
  const charge = event.data.object as { id?: string };
  if (!charge.id) return recordOnly(event);
  for (const refund of await ctx.provider.listRefunds({ chargeId: charge.id })) {
    await applyRefundUpdate(refund, { source: "webhook" });
  }
  await recordOnly(event);
  return "refunds_applied";
};

export const STRIPE_EVENT_HANDLERS: Record<HandledEventType, Handler> = {
  // Only a paid session counts; an asynchronous method's completion waits for the two events below.
  "checkout.session.completed": checkoutHandler(["paid"]),
  "checkout.session.async_payment_succeeded": checkoutHandler(["paid"]),
  "checkout.session.async_payment_failed": checkoutHandler(["failed", "paid"]),
  "checkout.session.expired": checkoutHandler(["expired", "paid"]),
  "refund.created": onRefund,
  "refund.updated": onRefund,
  "refund.failed": onRefund,
  "charge.refunded": onChargeRefunded,
};

function isHandled(type: string): type is HandledEventType {
  return Object.hasOwn(STRIPE_EVENT_HANDLERS, type);
}

/** Processes one verified event. Throws when Stripe cannot be reached, so that Stripe delivers it again. */
export async function handleStripeEvent(
  event: Stripe.Event,
  ctx: Partial<Context> = {},
): Promise<EventOutcome> {
  const [seen] = await db
    .select({ id: paymentEvents.id })
    .from(paymentEvents)
    .where(eq(paymentEvents.eventId, event.id));
  if (seen) return "duplicate_event";
  const full: Context = { provider: ctx.provider ?? stripeProvider, appUrl: ctx.appUrl };
  if (!isHandled(event.type)) return recordOnly(event);
  return STRIPE_EVENT_HANDLERS[event.type](event, full);
}
