import { sql } from "drizzle-orm";
import { reportEvents, reports } from "@/db/schema";
import { assertEmployer, type EmployerActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { muscatDate } from "@/lib/time";
import {
  auditActor,
  evaluateWorker,
  inTransaction,
  nowOf,
  type FilingContext,
  type WorkerQuery,
} from "./filing-context";
import { refusalOf, type Refused } from "./refusals";
import { formatReference } from "./reference";

export type StartReportResult = { ok: true; reportId: string; reference: string; resumed: boolean } | Refused;

/**
 * Step 1: start a report for a worker, chosen by civil ID or from the establishment's list. Refuses, with the
 * reason, when the worker may not be reported now (rules.ts `checkWorkerEligibility`). When this establishment
 * already has a draft for the worker, that draft is resumed instead of starting a second one.
 */
export async function startReport(
  actor: EmployerActor,
  query: WorkerQuery,
  ctx: FilingContext = {},
): Promise<StartReportResult> {
  assertEmployer(actor);
  const now = nowOf(ctx);
  return inTransaction(ctx, async (tx) => {
    // The worker row is locked: two clicks on "start" for one worker wait for each other, and the second resumes.
    const found = await evaluateWorker(tx, actor, query, now, true);
    const field = "civilId" in query ? "civilId" : undefined;
    if (found.refusal) return refusalOf(found.refusal, found.governorate, field);
    const worker = found.worker!;
    if (found.draft)
      return { ok: true, reportId: found.draft.id, reference: found.draft.reference, resumed: true };

    const [seq] = await tx.execute<{ seq: string }>(sql`select nextval('report_reference_seq')::text as seq`);
    const reference = formatReference(Number(muscatDate(now).slice(0, 4)), Number(seq!.seq));
    const [report] = await tx
      .insert(reports)
      .values({
        reference,
        establishmentId: actor.establishmentId,
        workerId: worker.id,
        createdBy: actor.userId,
        status: "draft",
      })
      .returning({ id: reports.id });
    await tx.insert(reportEvents).values({
      reportId: report!.id,
      fromStatus: null,
      toStatus: "draft",
      actorKind: "employer",
      actorId: actor.userId,
      reasonCode: "draft_started",
    });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "report.draft_started",
      entityType: "report",
      entityId: report!.id,
      after: { reference, workerId: worker.id, status: "draft" },
      ip: ctx.ip ?? null,
    });
    return { ok: true, reportId: report!.id, reference, resumed: false };
  });
}
