import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { evidenceFiles, reports } from "@/db/schema";
import { assertEmployer, type EmployerActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { log } from "@/lib/log";
import { newStorageKey } from "@/lib/storage";
import { validateUpload } from "@/lib/storage/validate";
import {
  auditActor,
  inTransaction,
  openForEdit,
  refused,
  storageOf,
  type FilingContext,
  type Refused,
} from "./filing-context";
import { EMPLOYER_EVIDENCE_KINDS, type EmployerEvidenceKind } from "./review";
import { isUuid } from "@/lib/ids";

export type AddEvidenceInput = { kind: EmployerEvidenceKind; name: string; bytes: Uint8Array };
export type AddEvidenceResult = { ok: true; fileId: string; safeName: string } | Refused;

/**
 * Step 4: attach one piece of evidence to a draft. The content is checked (PDF, JPEG or PNG by magic bytes,
 * at most 5 MB), stored under a random key, and recorded; a new file of the same kind replaces the old one.
 * The store is written before the database: if the database then refuses, the stored object is removed.
 */
export async function addEvidence(
  actor: EmployerActor,
  reportId: string,
  input: AddEvidenceInput,
  ctx: FilingContext = {},
): Promise<AddEvidenceResult> {
  assertEmployer(actor);
  if (!(EMPLOYER_EVIDENCE_KINDS as readonly string[]).includes(input.kind))
    return refused("evidence_kind_invalid");
  const checked = validateUpload({ name: input.name, bytes: input.bytes });
  if (!checked.ok) return refused(checked.code, undefined, input.kind);

  // Nothing is stored for a report the actor cannot change.
  if (!isUuid(reportId)) return refused("not_found");
  const [visible] = await (ctx.db ?? db)
    .select({ status: reports.status })
    .from(reports)
    .where(and(eq(reports.id, reportId), eq(reports.establishmentId, actor.establishmentId)));
  if (!visible) return refused("not_found");
  if (visible.status !== "draft" && visible.status !== "awaiting_payment") return refused("not_editable");

  const storage = storageOf(ctx);
  const key = newStorageKey("evidence");
  await storage.put(key, input.bytes, checked.mimeType);

  let replacedKeys: string[] = [];
  try {
    const result = await inTransaction(ctx, async (tx): Promise<AddEvidenceResult> => {
      const open = await openForEdit(tx, actor, reportId, ctx);
      if (!open.ok) return open;
      const replaced = await tx
        .select({
          id: evidenceFiles.id,
          storageKey: evidenceFiles.storageKey,
          originalName: evidenceFiles.originalName,
        })
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.reportId, reportId), eq(evidenceFiles.kind, input.kind)));
      if (replaced.length > 0) {
        await tx.delete(evidenceFiles).where(
          inArray(
            evidenceFiles.id,
            replaced.map((r) => r.id),
          ),
        );
      }
      const [row] = await tx
        .insert(evidenceFiles)
        .values({
          reportId,
          kind: input.kind,
          storageKey: key,
          originalName: checked.safeName,
          mimeType: checked.mimeType,
          sizeBytes: checked.sizeBytes,
          sha256: checked.sha256,
          uploadedByKind: "employer",
          uploadedBy: actor.userId,
        })
        .returning({ id: evidenceFiles.id });
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "report.evidence_added",
        entityType: "report",
        entityId: reportId,
        before:
          replaced.length > 0
            ? { replaced: replaced.map((r) => ({ id: r.id, name: r.originalName })) }
            : null,
        after: {
          fileId: row!.id,
          kind: input.kind,
          name: checked.safeName,
          mimeType: checked.mimeType,
          sizeBytes: checked.sizeBytes,
          sha256: checked.sha256,
        },
        ip: ctx.ip ?? null,
      });
      replacedKeys = replaced.map((r) => r.storageKey);
      return { ok: true, fileId: row!.id, safeName: checked.safeName };
    });
    if (!result.ok) await storage.delete(key);
    else await deleteQuietly(storageOf(ctx), replacedKeys);
    return result;
  } catch (e) {
    await storage.delete(key).catch(() => {});
    throw e;
  }
}

/** After the database has forgotten them: a failure here leaves an orphan object, logged, never a broken row. */
export async function deleteQuietly(
  storage: ReturnType<typeof storageOf>,
  keys: readonly string[],
): Promise<void> {
  for (const key of keys) {
    await storage
      .delete(key)
      .catch((err: unknown) => log.warn({ err, key }, "could not delete a stored object"));
  }
}
