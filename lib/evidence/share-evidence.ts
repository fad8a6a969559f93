import { and, eq, inArray } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { evidenceFiles } from "@/db/schema";
import { assertStaffRole, staffRef, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { loadCase } from "@/lib/cases/facts";
import { loadParties, notifyEmployer, notifyWorker, workerName } from "@/lib/cases/parties";
import { refuse } from "@/lib/lifecycle/refusal";
import { appBaseUrl } from "@/lib/app-url";
import { shareBlocker, shareableFiles, type ShareAudience } from "./sharing";

export type ShareEvidenceInput = {
  reportId: string;
  audience: ShareAudience;
  fileIds: string[];
};

export type ShareContext = { ip?: string | null; now?: Date; appUrl?: string; tx?: Tx };

/**
 * A reviewer shares chosen evidence files of a case (issue 10, contradictions 10 and 11): the employer's
 * evidence with the worker, so that a grievance can answer it; a grievance attachment with the employer. Who
 * may and when is lib/evidence/sharing.ts, checked on the case under the report's lock; each file must be one
 * that party does not see yet. Marks each file (`shared_with_worker` / `shared_with_employer`, `shared_by`,
 * `shared_at`), writes an audit event per file (`evidence.shared_with_<audience>`), and tells that party — the
 * worker by SMS (and e-mail when the registry has one), the employer by e-mail — in one transaction.
 */
export async function shareEvidence(
  actor: Actor | null,
  input: ShareEvidenceInput,
  ctx: ShareContext = {},
): Promise<{ shared: number }> {
  const staff = assertStaffRole(actor, ["reviewer"]);
  const fileIds = [...new Set(input.fileIds)];
  if (fileIds.length === 0) refuse("files_required", undefined, "fileIds");
  const now = ctx.now ?? new Date();
  return (ctx.tx ?? db).transaction(async (tx) => {
    const c = await loadCase(tx, input.reportId, { lock: true, now });
    if (!c || c.report.status === "draft") refuse("not_found");
    const why = shareBlocker(c, input.audience, staffRef(staff));
    if (why) refuse(why);
    const open = new Set(shareableFiles(c, input.audience).map((f) => f.id));
    if (fileIds.some((id) => !open.has(id))) refuse("not_allowed_now");

    const set =
      input.audience === "worker"
        ? { sharedWithWorker: true, sharedBy: staff.userId, sharedAt: now }
        : { sharedWithEmployer: true, sharedBy: staff.userId, sharedAt: now };
    const rows = await tx
      .update(evidenceFiles)
      .set(set)
      .where(and(eq(evidenceFiles.reportId, c.report.id), inArray(evidenceFiles.id, fileIds)))
      .returning({
        id: evidenceFiles.id,
        kind: evidenceFiles.kind,
        originalName: evidenceFiles.originalName,
      });
    for (const f of rows) {
      await recordAudit(tx, {
        actor: { kind: "staff", id: staff.userId },
        action: `evidence.shared_with_${input.audience}`,
        entityType: "evidence_file",
        entityId: f.id,
        before: { shared: false },
        after: { shared: true, audience: input.audience, reportId: c.report.id, kind: f.kind },
        ip: ctx.ip ?? null,
      });
    }

    const parties = await loadParties(tx, c.report.id);
    if (!parties) refuse("not_found");
    const url = ctx.appUrl ?? appBaseUrl();
    const count = rows.length;
    const reference = parties.report.reference;
    if (input.audience === "worker") {
      await notifyWorker(
        tx,
        parties,
        { template: "worker.evidence-shared.sms", params: { reference, count, url } },
        {
          template: "worker.evidence-shared.email",
          params: { reference, count, url, name: workerName(parties) },
        },
      );
    } else {
      await notifyEmployer(tx, parties, {
        template: "employer.evidence-shared.email",
        params: {
          reference,
          count,
          url,
          establishmentAr: parties.establishment.nameAr,
          establishmentEn: parties.establishment.nameEn,
        },
      });
    }
    return { shared: count };
  });
}
