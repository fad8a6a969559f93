import { eq } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { workerExits, workers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { assertStaffRole, staffRef, type Actor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { isUuid } from "@/lib/ids";
import { refuse } from "@/lib/lifecycle/refusal";
import { assertMayCreate, recordCreation } from "@/lib/lifecycle/transition";
import { moveReport } from "@/lib/reports/lifecycle";
import { closeCause } from "@/lib/reports/states";
import { exitKindBlocker, PERMIT_AFTER_EXIT, workerExitMachine, type WorkerExitKind } from "./states";

export type RecordExitInput = {
  reportId: string;
  kind: WorkerExitKind;
  /** YYYY-MM-DD, Muscat calendar. */
  exitDate: string;
  note?: string | null;
};

/**
 * Staff record a reported worker's exit on the case (issue 10 §6): a reviewer or supervisor any kind, finance
 * only a deportation at the deposit's cost (lib/exits/states.ts). In one transaction, under the report's lock:
 * the exit row, its history and audit event, and its consequences — the permit status follows the exit (so
 * refund ground 4 and utilisation read one consistent fact), and an approved report whose worker left the
 * country (own expense or deported) takes its `closed` move, which tells both parties.
 */
export async function recordWorkerExit(
  actorIn: Actor | null,
  input: RecordExitInput,
  ctx: { ip?: string | null; now?: Date; appUrl?: string; tx?: Tx } = {},
): Promise<{ id: string; reportClosed: boolean }> {
  const staff = assertStaffRole(actorIn, ["reviewer", "finance"]);
  if (!isUuid(input.reportId)) refuse("not_found");
  const note = input.note?.trim() ? input.note.trim().slice(0, 2000) : null;
  const now = ctx.now ?? new Date();
  const actor = staffRef(staff);
  return (ctx.tx ?? db).transaction(async (tx) => {
    const c = await loadCase(tx, input.reportId, { lock: true, now });
    if (!c) refuse("not_found");
    assertMayCreate(workerExitMachine, actor, c);
    const bad = exitKindBlocker(c, actor, input.kind, input.exitDate);
    if (bad) refuse(bad.code, undefined, bad.field);

    const [row] = await tx
      .insert(workerExits)
      .values({
        workerId: c.worker.id,
        reportId: c.report.id,
        kind: input.kind,
        exitDate: input.exitDate,
        note,
        recordedBy: staff.userId,
      })
      .returning({ id: workerExits.id });
    const id = row!.id;
    await recordCreation(tx, {
      machine: workerExitMachine,
      id,
      reportId: c.report.id,
      status: "recorded",
      actor,
      reasonCode: input.kind,
      note,
      at: now,
    });

    const permitBefore = c.worker.permitStatus;
    const permitAfter = PERMIT_AFTER_EXIT[input.kind];
    if (permitBefore !== permitAfter) {
      await tx.update(workers).set({ permitStatus: permitAfter }).where(eq(workers.id, c.worker.id));
    }
    await recordAudit(tx, {
      actor: { kind: "staff", id: staff.userId },
      action: "worker_exit.recorded",
      entityType: "worker_exit",
      entityId: id,
      before: { permitStatus: permitBefore },
      after: {
        reportId: c.report.id,
        reference: c.report.reference,
        workerId: c.worker.id,
        kind: input.kind,
        exitDate: input.exitDate,
        note,
        permitStatus: permitAfter,
      },
      ip: ctx.ip ?? null,
    });

    let reportClosed = false;
    const after = await loadCase(tx, c.report.id, { now });
    const cause = after ? closeCause(after) : null;
    if (after && after.report.status === "approved" && cause && cause !== "legal_period_ended") {
      await moveReport(tx, "closed", {
        id: c.report.id,
        actor,
        context: after,
        reasonCode: cause,
        note,
        audit: { workerExitId: id, exitDate: input.exitDate },
        ip: ctx.ip ?? null,
        now,
        appUrl: ctx.appUrl,
      });
      reportClosed = true;
    }
    return { id, reportClosed };
  });
}
