import { and, eq } from "drizzle-orm";
import { evidenceFiles, reports } from "@/db/schema";
import { assertEmployer, type EmployerActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { deleteQuietly } from "./add-evidence";
import {
  auditActor,
  inTransaction,
  openForEdit,
  refused,
  storageOf,
  type FilingContext,
  type Refused,
} from "./filing-context";
import { isUuid } from "@/lib/ids";

export type RemoveEvidenceResult = { ok: true; reportId: string } | Refused;

/** Removes a file the employer attached to a draft (the database row first, then the stored object). */
export async function removeEvidence(
  actor: EmployerActor,
  fileId: string,
  ctx: FilingContext = {},
): Promise<RemoveEvidenceResult> {
  assertEmployer(actor);
  if (!isUuid(fileId)) return refused("not_found");
  let storageKey: string | null = null;
  const result = await inTransaction(ctx, async (tx): Promise<RemoveEvidenceResult> => {
    const [file] = await tx
      .select({
        id: evidenceFiles.id,
        reportId: evidenceFiles.reportId,
        kind: evidenceFiles.kind,
        storageKey: evidenceFiles.storageKey,
        originalName: evidenceFiles.originalName,
        uploadedByKind: evidenceFiles.uploadedByKind,
      })
      .from(evidenceFiles)
      .innerJoin(reports, eq(reports.id, evidenceFiles.reportId))
      .where(and(eq(evidenceFiles.id, fileId), eq(reports.establishmentId, actor.establishmentId)));
    if (!file || file.uploadedByKind !== "employer") return refused("not_found");
    const open = await openForEdit(tx, actor, file.reportId, ctx);
    if (!open.ok) return open;
    await tx.delete(evidenceFiles).where(eq(evidenceFiles.id, file.id));
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "report.evidence_removed",
      entityType: "report",
      entityId: file.reportId,
      before: { fileId: file.id, kind: file.kind, name: file.originalName },
      ip: ctx.ip ?? null,
    });
    storageKey = file.storageKey;
    return { ok: true, reportId: file.reportId };
  });
  if (result.ok && storageKey) await deleteQuietly(storageOf(ctx), [storageKey]);
  return result;
}
