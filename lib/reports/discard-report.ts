import { db, type Tx } from "@/db";
import { actorRef, assertEmployer, type Actor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { refuse } from "@/lib/lifecycle/refusal";
import { moveReport } from "./lifecycle";
import { lockOwnReport } from "./own-report";

/**
 * The employer drops a draft or an unpaid report (issue 10 §4): the report's `discarded` move, refused once a
 * payment was started or made. A discarded report was never sent: the worker never knew, and it no longer
 * holds the worker (the one-open-report index covers only reports awaiting payment, submitted or approved).
 */
export async function discardReport(
  actorIn: Actor | null,
  input: { reportId: string; ip?: string | null; now?: Date },
  database: Tx = db,
): Promise<{ reportId: string; reference: string }> {
  const actor = assertEmployer(actorIn);
  const now = input.now ?? new Date();
  return database.transaction(async (tx) => {
    const report = await lockOwnReport(tx, actor, input.reportId);
    const c = await loadCase(tx, report.id, { now });
    if (!c) refuse("not_found");
    await moveReport(tx, "discarded", {
      id: report.id,
      actor: actorRef(actor),
      context: c,
      expectedVersion: report.version,
      reasonCode: "discarded_by_employer",
      audit: { reference: report.reference, statusBefore: report.status },
      ip: input.ip ?? null,
      now,
    });
    return { reportId: report.id, reference: report.reference };
  });
}
