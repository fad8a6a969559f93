import type { Tx } from "@/db";
import { paymentEvents } from "@/db/schema";
import type { ProviderKind } from "./types";

/** Records a provider event id once; false when it was already there (a replay, or a concurrent delivery). */
export async function recordPaymentEvent(
  tx: Tx,
  event: { provider: ProviderKind; id: string; type: string },
): Promise<boolean> {
  const rows = await tx
    .insert(paymentEvents)
    .values({ provider: event.provider, eventId: event.id, type: event.type })
    .onConflictDoNothing({ target: paymentEvents.eventId })
    .returning({ id: paymentEvents.id });
  return rows.length > 0;
}
