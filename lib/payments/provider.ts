import { localGatewayEnabled, localProvider } from "./local";
import { stripeConfigured, stripeProvider } from "./stripe";
import { PaymentsUnavailableError, type PaymentProvider, type ProviderKind } from "./types";

/** The provider new payments go to: Stripe when STRIPE_SECRET_KEY is set, else the local test gateway. */
export function configuredProvider(): PaymentProvider {
  if (stripeConfigured()) return stripeProvider;
  if (localGatewayEnabled()) return localProvider;
  throw new PaymentsUnavailableError();
}

/** The provider that holds an existing deposit (it may differ from today's configuration). */
export function providerFor(kind: ProviderKind): PaymentProvider {
  return kind === "stripe" ? stripeProvider : localProvider;
}
