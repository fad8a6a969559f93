import { eq } from "drizzle-orm";
import { db } from "@/db";
import { evidenceFiles, reports } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { isUuid, storageOf, type FilingContext } from "./filing-context";

export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;

/**
 * Whether this reader may see this file: the employer of the report's establishment, any staff member, or the
 * worker the report is about — a worker only for what they uploaded themselves or what staff shared with them.
 */
export function maySeeEvidence(
  actor: Actor | null,
  report: { establishmentId: string; workerId: string },
  file: Pick<EvidenceFileRow, "uploadedByKind" | "uploadedBy" | "sharedWithWorker">,
): boolean {
  if (!actor) return false;
  switch (actor.kind) {
    case "employer":
      return actor.establishmentId === report.establishmentId;
    case "staff":
      return true;
    case "worker":
      return (
        actor.workerId === report.workerId &&
        (file.sharedWithWorker || (file.uploadedByKind === "worker" && file.uploadedBy === actor.workerId))
      );
  }
}

/**
 * A stored evidence file and its bytes, or null when there is no such file OR the reader may not see it: the
 * two are indistinguishable on purpose, so that nobody learns a file exists by guessing ids.
 */
export async function openEvidenceFile(actor: Actor | null, fileId: string, ctx: FilingContext = {}) {
  if (!actor || !isUuid(fileId)) return null;
  const [row] = await (ctx.db ?? db)
    .select({ file: evidenceFiles, establishmentId: reports.establishmentId, workerId: reports.workerId })
    .from(evidenceFiles)
    .innerJoin(reports, eq(reports.id, evidenceFiles.reportId))
    .where(eq(evidenceFiles.id, fileId));
  if (!row || !maySeeEvidence(actor, row, row.file)) return null;
  const object = await storageOf(ctx).get(row.file.storageKey);
  if (!object) return null;
  return { file: row.file, body: object.body };
}
