import { createHash, timingSafeEqual } from "node:crypto";
import { and, eq, or, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { RETRY, retryDelayMs } from "./dispatch";
import { isUuid } from "@/lib/ids";

/**
 * Delivery receipts (provider callbacks). As GOV.UK Notify does it: a receipt changes a row only while the row
 * is unfinished (`sending` or `temporary_failure`), under a row lock, so a receipt repeated, late or out of
 * order never undoes a final status, and the same receipt twice changes nothing the second time.
 */

export type ReceiptStatus = "delivered" | "temporary_failure" | "permanent_failure";

export type DeliveryReceipt = {
  channel: "sms" | "email";
  /** Our notification id (the `reference` we gave the provider)… */
  reference?: string | null;
  /** …or the provider's own id for the message. */
  providerId?: string | null;
  status: ReceiptStatus;
  error?: string | null;
  at?: Date;
};

export type ReceiptResult = "updated" | "unchanged" | "unknown";

export async function applyDeliveryReceipt(receipt: DeliveryReceipt): Promise<ReceiptResult> {
  const matches: SQL[] = [];
  if (receipt.reference && isUuid(receipt.reference)) matches.push(eq(notifications.id, receipt.reference));
  if (receipt.providerId) matches.push(eq(notifications.providerId, receipt.providerId));
  if (matches.length === 0) return "unknown";
  const at = receipt.at ?? new Date();

  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: notifications.id, status: notifications.status, attempts: notifications.attempts })
      .from(notifications)
      .where(and(eq(notifications.channel, receipt.channel), or(...matches)))
      .limit(1)
      .for("update");
    if (!row) return "unknown";
    if (row.status !== "sending" && row.status !== "temporary_failure") return "unchanged";
    if (row.status === receipt.status) return "unchanged";

    const error = receipt.error ? receipt.error.slice(0, 300) : null;
    switch (receipt.status) {
      case "delivered":
        await tx
          .update(notifications)
          .set({ status: "delivered", deliveredAt: at, lastError: null, nextAttemptAt: null })
          .where(eq(notifications.id, row.id));
        break;
      case "permanent_failure":
        await tx
          .update(notifications)
          .set({
            status: "permanent_failure",
            lastError: error ?? "permanent failure reported by the provider",
            nextAttemptAt: null,
          })
          .where(eq(notifications.id, row.id));
        break;
      case "temporary_failure": {
        const giveUp = row.attempts >= RETRY.maxAttempts;
        await tx
          .update(notifications)
          .set(
            giveUp
              ? {
                  status: "permanent_failure",
                  lastError: `gave up after ${row.attempts} attempts: ${error ?? "temporary failure"}`,
                  nextAttemptAt: null,
                }
              : {
                  status: "temporary_failure",
                  lastError: error ?? "temporary failure reported by the provider",
                  nextAttemptAt: new Date(at.getTime() + retryDelayMs(Math.max(1, row.attempts))),
                },
          )
          .where(eq(notifications.id, row.id));
        break;
      }
    }
    return "updated";
  });
}

/** Status words used by SMS gateways (and SMPP delivery receipts), mapped to ours; null when not understood. */
export function smsReceiptStatus(raw: string): ReceiptStatus | null {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (["delivered", "delivrd", "success", "sent_to_handset"].includes(s)) return "delivered";
  if (
    [
      "failed",
      "undelivered",
      "undeliv",
      "rejected",
      "rejectd",
      "permanent_failure",
      "invalid",
      "blocked",
    ].includes(s)
  )
    return "permanent_failure";
  if (["expired", "temporary_failure", "unknown_failure", "throttled"].includes(s))
    return "temporary_failure";
  return null;
}

/** Resend webhook event types that settle an e-mail; other events (opened, clicked, delayed…) change nothing. */
export function resendEventStatus(type: string): ReceiptStatus | null {
  switch (type) {
    case "email.delivered":
      return "delivered";
    case "email.bounced":
    case "email.failed":
    case "email.suppressed":
      return "permanent_failure";
    default:
      return null;
  }
}

/** Constant-time comparison of a presented shared secret with the configured one. */
export function secretMatches(given: string | null | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
