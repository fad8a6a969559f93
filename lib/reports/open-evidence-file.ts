import { eq } from "drizzle-orm";
import { db } from "@/db";
import { evidenceFiles, reports } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { employerMaySee, workerMaySee } from "@/lib/evidence/sharing";
import { isUuid } from "@/lib/ids";
import { storageOf, type FilingContext } from "./filing-context";

export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;

/**
 * Whether this reader may see this file (lib/evidence/sharing.ts): any staff member; the employer of the
 * report's establishment, except a grievance attachment staff have not shared with them; the worker the report
 * is about, for what they uploaded themselves or what staff shared with them.
 */
export function maySeeEvidence(
  actor: Actor | null,
  report: { establishmentId: string; workerId: string },
  file: Pick<
    EvidenceFileRow,
    "kind" | "uploadedByKind" | "uploadedBy" | "sharedWithWorker" | "sharedWithEmployer"
  >,
): boolean {
  if (!actor) return false;
  switch (actor.kind) {
    case "employer":
      return actor.establishmentId === report.establishmentId && employerMaySee(file);
    case "staff":
      return true;
    case "worker":
      return actor.workerId === report.workerId && workerMaySee(file, actor.workerId);
  }
}

/**
 * A stored evidence file and its bytes, or null when there is no such file OR the reader may not see it: the
 * two are indistinguishable on purpose, so that nobody learns a file exists by guessing ids. Each file handed
 * out is a view of a person's evidence and is audited (`evidence.downloaded`, issue 10 §13), whoever reads it.
 */
export async function openEvidenceFile(actor: Actor | null, fileId: string, ctx: FilingContext = {}) {
  if (!actor || !isUuid(fileId)) return null;
  const database = ctx.db ?? db;
  const [row] = await database
    .select({ file: evidenceFiles, establishmentId: reports.establishmentId, workerId: reports.workerId })
    .from(evidenceFiles)
    .innerJoin(reports, eq(reports.id, evidenceFiles.reportId))
    .where(eq(evidenceFiles.id, fileId));
  if (!row || !maySeeEvidence(actor, row, row.file)) return null;
  const object = await storageOf(ctx).get(row.file.storageKey);
  if (!object) return null;
  await recordAudit(database, {
    actor: { kind: actor.kind, id: actor.kind === "worker" ? actor.workerId : actor.userId },
    action: "evidence.downloaded",
    entityType: "evidence_file",
    entityId: row.file.id,
    after: { reportId: row.file.reportId, kind: row.file.kind },
    ip: ctx.ip ?? null,
  });
  return { file: row.file, body: object.body };
}
