import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { establishments, evidenceFiles, governorates, grievances, reports, workers } from "@/db/schema";
import { actorRef, type WorkerActor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { workerNow } from "@/lib/cases/what-now";
import { EMPLOYER_EVIDENCE_KINDS } from "@/lib/evidence/sharing";
import { UUID_PATTERN } from "@/lib/ids";
import type { ReportStatus } from "@/lib/reports/states";

/**
 * What a worker sees: reports past the employer's draft and payment, i.e. from the moment they are told — a
 * report refused when its payment settled (`not_permitted`: rejected, never submitted) never reached them.
 */
export const WORKER_VISIBLE_STATUSES = [
  "submitted",
  "approved",
  "rejected",
  "cancelled",
  "closed",
] as const satisfies readonly ReportStatus[];

export async function getWorkerProfile(actor: WorkerActor) {
  const [w] = await db
    .select({
      nameAr: workers.nameAr,
      nameEn: workers.nameEn,
      mobile: workers.mobile,
      civilId: workers.civilId,
    })
    .from(workers)
    .where(eq(workers.id, actor.workerId));
  return w ?? null;
}

/** Every report filed against this worker that they may see, newest first, with the establishment's name. */
export async function listReportsForWorker(actor: WorkerActor, tx: Tx = db) {
  return tx
    .select({
      id: reports.id,
      reference: reports.reference,
      status: reports.status,
      lastDayAtWork: reports.lastDayAtWork,
      submittedAt: reports.submittedAt,
      approvedAt: reports.approvedAt,
      grievanceDeadline: reports.grievanceDeadline,
      establishmentNameAr: establishments.nameAr,
      establishmentNameEn: establishments.nameEn,
    })
    .from(reports)
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .where(
      and(
        eq(reports.workerId, actor.workerId),
        inArray(reports.status, WORKER_VISIBLE_STATUSES),
        isNotNull(reports.submittedAt),
      ),
    )
    .orderBy(desc(reports.submittedAt), desc(reports.createdAt));
}

/**
 * One report, only when it was filed against this worker and is visible to them; null otherwise (the page
 * answers 404, so another worker's report id reveals nothing). The employer's evidence is listed only where
 * staff shared it; the worker's own grievances come with it, and what the worker can do now
 * (lib/cases/what-now.ts), from the same rules the grievance use case applies.
 */
export async function getReportForWorker(actor: WorkerActor, reportId: string) {
  if (!UUID_PATTERN.test(reportId)) return null;
  const [row] = await db
    .select({ report: reports, establishment: establishments, governorate: governorates })
    .from(reports)
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .leftJoin(governorates, eq(governorates.code, reports.workGovernorateCode))
    .where(
      and(
        eq(reports.id, reportId),
        eq(reports.workerId, actor.workerId),
        inArray(reports.status, WORKER_VISIBLE_STATUSES),
        isNotNull(reports.submittedAt),
      ),
    );
  if (!row) return null;
  const shared = await db
    .select({
      id: evidenceFiles.id,
      kind: evidenceFiles.kind,
      originalName: evidenceFiles.originalName,
      sizeBytes: evidenceFiles.sizeBytes,
      sharedAt: evidenceFiles.sharedAt,
    })
    .from(evidenceFiles)
    .where(
      and(
        eq(evidenceFiles.reportId, reportId),
        eq(evidenceFiles.sharedWithWorker, true),
        inArray(evidenceFiles.kind, EMPLOYER_EVIDENCE_KINDS),
      ),
    );
  const ownGrievances = await db
    .select({
      id: grievances.id,
      status: grievances.status,
      grounds: grievances.grounds,
      statement: grievances.statement,
      contactPhone: grievances.contactPhone,
      createdAt: grievances.createdAt,
      decidedAt: grievances.decidedAt,
      decisionReasonCode: grievances.decisionReasonCode,
    })
    .from(grievances)
    .where(and(eq(grievances.reportId, reportId), eq(grievances.workerId, actor.workerId)))
    .orderBy(desc(grievances.createdAt));
  const attachments = ownGrievances.length
    ? await db
        .select({
          id: evidenceFiles.id,
          grievanceId: evidenceFiles.grievanceId,
          originalName: evidenceFiles.originalName,
          sizeBytes: evidenceFiles.sizeBytes,
        })
        .from(evidenceFiles)
        .where(
          and(
            eq(evidenceFiles.reportId, reportId),
            eq(evidenceFiles.kind, "grievance_attachment"),
            eq(evidenceFiles.uploadedBy, actor.workerId),
          ),
        )
    : [];
  const facts = await loadCase(db, reportId);
  if (!facts) return null;
  return {
    report: row.report,
    now: workerNow(facts, actorRef(actor)),
    establishment: row.establishment,
    workGovernorate: row.governorate,
    sharedEvidence: shared,
    grievances: ownGrievances.map((g) => ({
      ...g,
      attachments: attachments.filter((a) => a.grievanceId === g.id),
    })),
  };
}
export type WorkerReport = NonNullable<Awaited<ReturnType<typeof getReportForWorker>>>;
