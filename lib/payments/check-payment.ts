import type { EmployerActor } from "@/lib/auth/actor";
import { log } from "@/lib/log";
import { providerFor } from "./provider";
import { getReportPayment, type ReportPayment } from "./queries";
import { settleCheckout, settlePaidDeposit } from "./settle";

/**
 * When the employer comes back from checkout, asks the provider how the payment stands instead of waiting for
 * the webhook (GOV.UK Pay's advice), settles what it says, and returns the report as it is now. A provider
 * that cannot be reached leaves things as they are: the page says the payment is being confirmed.
 */
export async function checkPaymentOnReturn(
  actor: EmployerActor,
  reportId: string,
  ctx: { appUrl?: string | null } = {},
): Promise<ReportPayment | null> {
  const current = await getReportPayment(actor, reportId);
  if (!current || current.report.status !== "awaiting_payment" || !current.deposit) return current;
  const { deposit } = current;
  try {
    if (deposit.status === "paid") {
      await settlePaidDeposit(deposit.id, { source: "return", appUrl: ctx.appUrl });
    } else if (deposit.status === "pending" && deposit.providerSessionId) {
      const session = await providerFor(deposit.provider).retrieveCheckout(deposit.providerSessionId);
      if (session.state === "open" || session.state === "processing") return current;
      await settleCheckout(session, { source: "return", appUrl: ctx.appUrl });
    } else {
      return current;
    }
  } catch (e) {
    log.warn({ err: e, depositId: deposit.id }, "could not check a payment on return");
    return current;
  }
  return getReportPayment(actor, reportId);
}
