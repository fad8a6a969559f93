import { and, eq, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { deposits, employerUsers, establishments, refundRequests, reports } from "@/db/schema";
import { assertStaffRole, type Actor, type StaffActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { log } from "@/lib/log";
import { notify } from "@/lib/notifications/notify";
import { providerFor } from "@/lib/payments/provider";
import { executeRefund } from "@/lib/payments/refunds";
import type { PaymentProvider } from "@/lib/payments/types";
import { appUrl } from "@/lib/payments/urls";
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

type Ctx = { ip?: string | null; provider?: PaymentProvider; now?: Date };

const FINANCE = ["finance"] as const;

/** Who to tell about a refund: the establishment's address and the user who asked (once if the same). */
async function employerRecipients(tx: Tx, requestId: string) {
  const [row] = await tx
    .select({
      est: establishments,
      requester: employerUsers.email,
      reference: reports.reference,
      reportId: reports.id,
    })
    .from(refundRequests)
    .innerJoin(reports, eq(reports.id, refundRequests.reportId))
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .innerJoin(employerUsers, eq(employerUsers.id, refundRequests.requestedBy))
    .where(eq(refundRequests.id, requestId));
  if (!row) return null;
  const recipients = new Map<string, string>();
  for (const a of [row.est.email, row.requester]) recipients.set(a.toLowerCase(), a);
  return {
    addresses: [...recipients.values()],
    establishmentAr: row.est.nameAr,
    establishmentEn: row.est.nameEn,
    reference: row.reference,
    url: `${appUrl()}/ar/employer/reports/${row.reportId}`,
  };
}

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

  const decided = await db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(refundRequests)
      .where(eq(refundRequests.id, input.refundRequestId))
      .for("update");
    if (!request) return { ok: false, code: "not_found" } as const;
    if (request.status !== "submitted") return { ok: false, code: "already_decided" } as const;
    if (input.expectedVersion !== undefined && input.expectedVersion !== request.version)
      return { ok: false, code: "already_decided" } as const;
    const [deposit] = await tx
      .select()
      .from(deposits)
      .where(eq(deposits.id, request.depositId))
      .for("update");
    if (!deposit) return { ok: false, code: "not_found" } as const;
    if (input.decision === "approve") {
      if (deposit.status !== "paid" || deposit.utilisedAt)
        return { ok: false, code: "deposit_not_held" } as const;
      if (request.amountBaisa > deposit.amountBaisa - deposit.refundedBaisa)
        return { ok: false, code: "amount_invalid" } as const;
    }
    const status = input.decision === "approve" ? "approved" : "rejected";
    const now = ctx.now ?? new Date();
    await tx
      .update(refundRequests)
      .set({
        status,
        decidedBy: actor.userId,
        decidedAt: now,
        decisionReasonCode: input.reasonCode,
        decisionNote: note,
        version: sql`${refundRequests.version} + 1`,
      })
      .where(and(eq(refundRequests.id, request.id), eq(refundRequests.status, "submitted")));
    await recordAudit(tx, {
      actor: { kind: "staff", id: actor.userId },
      action: input.decision === "approve" ? "refund.approved" : "refund.rejected",
      entityType: "refund_request",
      entityId: request.id,
      before: { status: request.status, version: request.version },
      after: {
        status,
        reasonCode: input.reasonCode,
        note,
        amountBaisa: request.amountBaisa,
        depositId: deposit.id,
      },
      ip: ctx.ip ?? null,
    });
    const to = await employerRecipients(tx, request.id);
    if (to) {
      for (const address of to.addresses) {
        await notify(tx, {
          channel: "email",
          recipient: address,
          template: "employer.refund-decided",
          locale: "ar",
          params: {
            establishmentAr: to.establishmentAr,
            establishmentEn: to.establishmentEn,
            reference: to.reference,
            amountBaisa: request.amountBaisa,
            decision: status,
            reasonCode: input.reasonCode,
            note,
            url: to.url,
          },
          entity: { type: "refund_request", id: request.id },
        });
      }
    }
    return { ok: true, request, deposit } as const;
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
  const [request] = await db.select().from(refundRequests).where(eq(refundRequests.id, refundRequestId));
  if (!request) return { ok: false, code: "not_found" } as const;
  if (request.status !== "approved") return { ok: false, code: "already_decided" } as const;
  return { ok: true, execution: await runRefund(actor, request.id, ctx) } as const;
}

async function runRefund(actor: StaffActor, requestId: string, ctx: Ctx) {
  const [row] = await db
    .select({ request: refundRequests, deposit: deposits })
    .from(refundRequests)
    .innerJoin(deposits, eq(deposits.id, refundRequests.depositId))
    .where(eq(refundRequests.id, requestId));
  if (!row) return "provider_error" as const;
  const provider = ctx.provider ?? providerFor(row.deposit.provider);
  const result = await executeRefund(
    provider,
    { refundRequestId: row.request.id, depositId: row.deposit.id, amountBaisa: row.request.amountBaisa },
    { actor: { kind: "staff", id: actor.userId } },
  );
  if (!result.ok) {
    log.warn({ refundRequestId: requestId, code: result.code }, "refund not executed");
    return "provider_error" as const;
  }
  // The employer was told in the transaction that recorded the outcome (lib/payments/refund-events.ts).
  if (result.outcome === "refunded" || result.outcome === "failed") return result.outcome;
  return result.state === "succeeded"
    ? ("refunded" as const)
    : result.state === "failed"
      ? ("failed" as const)
      : ("pending" as const);
}

/** Tells the employer that a refund request ended `refunded` or `failed` (call once, when it got there). */
export async function notifyRefundOutcome(requestId: string, database: Tx = db) {
  await database.transaction(async (tx) => {
    const [request] = await tx.select().from(refundRequests).where(eq(refundRequests.id, requestId));
    if (!request || (request.status !== "refunded" && request.status !== "failed")) return;
    const to = await employerRecipients(tx, request.id);
    if (!to) return;
    for (const address of to.addresses) {
      await notify(tx, {
        channel: "email",
        recipient: address,
        template: "employer.refund-outcome",
        locale: "ar",
        params: {
          establishmentAr: to.establishmentAr,
          establishmentEn: to.establishmentEn,
          reference: to.reference,
          amountBaisa: request.amountBaisa,
          outcome: request.status,
          failureReason: request.failureReason,
          url: to.url,
        },
        entity: { type: "refund_request", id: request.id },
      });
    }
  });
}
