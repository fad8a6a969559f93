import { assertEmployer, type EmployerActor } from "@/lib/auth/actor";
import { inTransaction, openForEdit, type FilingContext, type Refused } from "./filing-context";

export type ReturnToDraftResult = { ok: true; reportId: string } | Refused;

/**
 * From the pay page back to the answers: a report awaiting payment becomes a draft again (its fee is fixed
 * afresh at the next "Continue to payment"), unless a payment was already started or made. A draft stays as
 * it is.
 */
export async function returnToDraft(
  actor: EmployerActor,
  reportId: string,
  ctx: FilingContext = {},
): Promise<ReturnToDraftResult> {
  assertEmployer(actor);
  return inTransaction(ctx, async (tx) => {
    const open = await openForEdit(tx, actor, reportId, ctx);
    return open.ok ? { ok: true, reportId: open.report.id } : open;
  });
}
