import { eq } from "drizzle-orm";
import { db } from "@/db";
import { refundRequests } from "@/db/schema";
import { assertStaffRole, staffRef, type Actor, type StaffActor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { isUuid } from "@/lib/ids";
import { isRefusal, refuse } from "@/lib/lifecycle/refusal";
import { lockRow } from "@/lib/lifecycle/transition";
import { log } from "@/lib/log";
import { sendApprovedRefund } from "@/lib/payments/refunds";
import type { PaymentProvider } from "@/lib/payments/types";
import { appBaseUrl } from "@/lib/app-url";
import { moveRefund, refundLifecycle } from "@/lib/refunds/lifecycle";
import { REFUND_APPROVE_REASONS, REFUND_REJECT_REASONS, type RefundReason } from "./reasons";

export type DecideRefundInput = {
  refundRequestId: string;
  decision: "approve" | "reject";
  reasonCode: RefundReason;
  note?: string | null;
  /** The version the officer saw; a decision on a request that moved since is refused. */
  expectedVersion?: number;
};

export type DecideRefundResult =
  | { ok: true; decision: "rejected" }
  | { ok: true; decision: "approved"; execution: "refunded" | "failed" | "pending" | "provider_error" }
  | {
      ok: false;
      code:
        | "not_found"
        | "already_decided"
        | "reason_invalid"
        | "note_required"
        | "deposit_not_held"
        | "amount_invalid";
    };

type Ctx = { ip?: string | null; provider?: PaymentProvider; now?: Date; appUrl?: string };

const FINANCE = ["finance"] as const;

/**
 * Finance (or a supervisor) decides a refund request. Approving moves it `submitted → approved` under a lock
 * on the request and its deposit, so of any number of concurrent approvals exactly one wins (the others get
 * `already_decided`), and only the winner sends the refund to the provider (`executeRefund`, whose idempotency
 * key is derived from the request). The employer hears of the decision, and of the provider's outcome when it
 * is known at once (a refund the provider leaves pending is finished by its webhook, lib/payments).
 * The database refuses, whatever this code does, a refund above what is held, a second live refund and a
 * refund of a utilised deposit (db/migrations/*refund_guards*, the CHECKs and the partial unique index).
 */
export async function decideRefund(
  actorIn: Actor | null,
  input: DecideRefundInput,
  ctx: Ctx = {},
): Promise<DecideRefundResult> {
  const actor = assertStaffRole(actorIn, FINANCE);
  const allowed: readonly string[] =
    input.decision === "approve" ? REFUND_APPROVE_REASONS : REFUND_REJECT_REASONS;
  if (!allowed.includes(input.reasonCode)) return { ok: false, code: "reason_invalid" };
  const note = input.note?.trim() ? input.note.trim().slice(0, 2000) : null;
  if (input.reasonCode === "other" && !note) return { ok: false, code: "note_required" };

  if (!isUuid(input.refundRequestId)) return { ok: false, code: "not_found" };
  const now = ctx.now ?? new Date();
  const decided = await db
    .transaction(async (tx) => {
      const [found] = await tx
        .select({ reportId: refundRequests.reportId })
        .from(refundRequests)
        .where(eq(refundRequests.id, input.refundRequestId));
      if (!found) refuse("not_found");
      // The report first, then the request (every use case on a case locks in this order).
      const c = await loadCase(tx, found.reportId, { lock: true, now });
      if (!c) refuse("not_found");
      const request = await lockRow(tx, refundLifecycle, input.refundRequestId);
      if (!request) refuse("not_found");
      if (request.status !== "submitted") refuse("already_decided");
      await moveRefund(tx, input.decision === "approve" ? "approved" : "rejected", {
        id: request.id,
        actor: staffRef(actor),
        context: c,
        expectedVersion: input.expectedVersion,
        reasonCode: input.reasonCode,
        note,
        set: {
          decidedBy: actor.userId,
          decidedAt: now,
          decisionReasonCode: input.reasonCode,
          decisionNote: note,
        },
        audit: { amountBaisa: request.amountBaisa, depositId: request.depositId },
        ip: ctx.ip ?? null,
        now,
        appUrl: ctx.appUrl ?? appBaseUrl(),
      });
      return { ok: true, request } as const;
    })
    .catch((e: unknown) => {
      if (!isRefusal(e)) throw e;
      const code = e.code === "not_allowed_now" ? "already_decided" : e.code;
      if (
        code === "not_found" ||
        code === "already_decided" ||
        code === "deposit_not_held" ||
        code === "amount_invalid"
      )
        return { ok: false, code } as const;
      throw e;
    });
  if (!decided.ok) return decided;
  if (input.decision === "reject") return { ok: true, decision: "rejected" };
  const execution = await runRefund(actor, decided.request.id, ctx);
  return { ok: true, decision: "approved", execution };
}

/**
 * Sends an approved request's refund to the provider that holds the deposit and tells the employer the
 * outcome when the provider gives it at once. Also the retry for an approved request whose first attempt
 * could not reach the provider (the provider's idempotency key and executeRefund's lookup of refunds by
 * request make a repeat safe).
 */
export async function retryRefund(actorIn: Actor | null, refundRequestId: string, ctx: Ctx = {}) {
  const actor = assertStaffRole(actorIn, FINANCE);
  if (!isUuid(refundRequestId)) return { ok: false, code: "not_found" } as const;
  const [request] = await db.select().from(refundRequests).where(eq(refundRequests.id, refundRequestId));
  if (!request) return { ok: false, code: "not_found" } as const;
  if (request.status !== "approved") return { ok: false, code: "already_decided" } as const;
  return { ok: true, execution: await runRefund(actor, request.id, ctx) } as const;
}

async function runRefund(actor: StaffActor, requestId: string, ctx: Ctx) {
  const result = await sendApprovedRefund(requestId, {
    actor: { kind: "staff", id: actor.userId },
    provider: ctx.provider,
    appUrl: ctx.appUrl,
  });
  if (!result.ok) {
    log.warn({ refundRequestId: requestId, code: result.code }, "refund not executed");
    return "provider_error" as const;
  }
  // The employer was told in the transaction that recorded the outcome (the refund's own move).
  if (result.outcome === "refunded" || result.outcome === "failed") return result.outcome;
  return result.state === "succeeded"
    ? ("refunded" as const)
    : result.state === "failed"
      ? ("failed" as const)
      : ("pending" as const);
}
