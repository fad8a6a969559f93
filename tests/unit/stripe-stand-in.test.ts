import { describe, expect, it } from "vitest";
import Stripe from "stripe";
import { parseStripeForm, startStripeStandIn } from "@/tests/stripe-stand-in/server";

describe("the Stripe stand-in", () => {
  it("parses Stripe's bracket form encoding", () => {
    expect(
      parseStripeForm(
        "mode=payment&line_items[0][price_data][currency]=omr&line_items[0][price_data][unit_amount]=145500&line_items[0][quantity]=1&metadata[report_id]=r1&expand[0]=payment_intent",
      ),
    ).toEqual({
      mode: "payment",
      line_items: [{ price_data: { currency: "omr", unit_amount: "145500" }, quantity: "1" }],
      metadata: { report_id: "r1" },
      expand: ["payment_intent"],
    });
  });

  it("answers the real SDK: OMR amounts must be multiples of 10, keys replay, wrong keys are refused", async () => {
    const stand = await startStripeStandIn();
    try {
      const stripe = new Stripe(stand.apiKey, {
        host: "127.0.0.1",
        port: stand.port,
        protocol: "http",
        maxNetworkRetries: 0,
      });
      const params: Stripe.Checkout.SessionCreateParams = {
        mode: "payment",
        success_url: "https://example.om/ok?s={CHECKOUT_SESSION_ID}",
        line_items: [
          {
            quantity: 1,
            price_data: { currency: "omr", unit_amount: 145_500, product_data: { name: "Deposit" } },
          },
        ],
      };
      const a = await stripe.checkout.sessions.create(params, { idempotencyKey: "k1" });
      const b = await stripe.checkout.sessions.create(params, { idempotencyKey: "k1" });
      expect(b.id).toBe(a.id);
      expect(a.success_url).toBe(`https://example.om/ok?s=${a.id}`);
      await expect(
        stripe.checkout.sessions.create(
          { ...params, cancel_url: "https://example.om/x" },
          { idempotencyKey: "k1" },
        ),
      ).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
      await expect(
        stripe.checkout.sessions.create({
          ...params,
          line_items: [
            {
              quantity: 1,
              price_data: { currency: "omr", unit_amount: 145_505, product_data: { name: "x" } },
            },
          ],
        }),
      ).rejects.toMatchObject({ code: "invalid_amount" });
      const wrongKey = new Stripe("sk_test_wrong", {
        host: "127.0.0.1",
        port: stand.port,
        protocol: "http",
        maxNetworkRetries: 0,
      });
      await expect(wrongKey.checkout.sessions.retrieve(a.id)).rejects.toBeInstanceOf(
        Stripe.errors.StripeAuthenticationError,
      );

      stand.markSessionPaid(a.id);
      const paid = await stripe.checkout.sessions.retrieve(a.id, { expand: ["payment_intent"] });
      expect(paid).toMatchObject({
        status: "complete",
        payment_status: "paid",
        amount_total: 145_500,
        currency: "omr",
      });
      const pi = paid.payment_intent as Stripe.PaymentIntent;
      expect(pi.status).toBe("succeeded");
      const refund = await stripe.refunds.create(
        { payment_intent: pi.id, amount: 100_000 },
        { idempotencyKey: "r1" },
      );
      expect(refund).toMatchObject({ amount: 100_000, status: "succeeded" });
      await expect(stripe.refunds.create({ payment_intent: pi.id, amount: 50_000 })).rejects.toMatchObject({
        code: "amount_too_large",
      });
      expect((await stripe.refunds.list({ payment_intent: pi.id })).data.map((r) => r.id)).toEqual([
        refund.id,
      ]);

      const event = stand.event("checkout.session.completed", stand.session(a.id)!);
      const { body, signature } = stand.signedEvent(event, "whsec_x");
      expect(stripe.webhooks.constructEvent(body, signature, "whsec_x").id).toBe(event.id);
    } finally {
      await stand.close();
    }
  });
});
