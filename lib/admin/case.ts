import { and, asc, desc, eq } from "drizzle-orm";
import { db, type Tx } from "@/db";
import {
  cancellationRequests,
  deposits,
  employerUsers,
  establishments,
  evidenceFiles,
  grievances,
  lifecycleEvents,
  refundRequests,
  reportEvents,
  reports,
  staffUsers,
  workers,
} from "@/db/schema";
import { assertStaffRole, staffRef, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { loadCase as loadCaseFacts } from "@/lib/cases/facts";
import { staffNow } from "@/lib/cases/what-now";
import { isUuid } from "@/lib/ids";

/**
 * Everything a reviewer needs to decide a report (issue 5 §3): the report, the worker, the establishment and
 * who filed, the evidence, the deposits, the whole timeline, and every cancellation request, refund request
 * and grievance on it. Any member of staff may read a case (finance needs it for refunds); only reviewers and
 * supervisors are offered the decisions — what each may do now is `now`, derived from the lifecycle tables
 * over the case's facts, so the page offers exactly what the use cases allow. Opening a case is a staff view of
 * a person's data: it writes an audit event (issue 5 §8). Returns null when there is no such filed report
 * (drafts are the employer's).
 */
export async function loadCase(
  actor: Actor | null,
  reportId: string,
  ctx: { ip?: string | null; tx?: Tx } = {},
) {
  const staff = assertStaffRole(actor, ["reviewer", "finance"]);
  if (!isUuid(reportId)) return null;
  const tx = ctx.tx ?? db;
  const [head] = await tx
    .select({
      report: reports,
      worker: workers,
      establishment: establishments,
      filer: { name: employerUsers.name, email: employerUsers.email },
    })
    .from(reports)
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .innerJoin(employerUsers, eq(employerUsers.id, reports.createdBy))
    .where(eq(reports.id, reportId));
  if (!head || head.report.status === "draft") return null;

  const [facts, evidence, depositRows, events, cancellations, refunds, grievanceRows, claims] =
    await Promise.all([
      loadCaseFacts(tx, reportId),
      tx
        .select({
          id: evidenceFiles.id,
          kind: evidenceFiles.kind,
          originalName: evidenceFiles.originalName,
          mimeType: evidenceFiles.mimeType,
          sizeBytes: evidenceFiles.sizeBytes,
          grievanceId: evidenceFiles.grievanceId,
          sharedWithWorker: evidenceFiles.sharedWithWorker,
          sharedWithEmployer: evidenceFiles.sharedWithEmployer,
          sharedAt: evidenceFiles.sharedAt,
          createdAt: evidenceFiles.createdAt,
        })
        .from(evidenceFiles)
        .where(eq(evidenceFiles.reportId, reportId))
        .orderBy(asc(evidenceFiles.createdAt)),
      tx.select().from(deposits).where(eq(deposits.reportId, reportId)).orderBy(desc(deposits.createdAt)),
      tx
        .select()
        .from(reportEvents)
        .where(eq(reportEvents.reportId, reportId))
        .orderBy(asc(reportEvents.at), asc(reportEvents.id)),
      tx
        .select()
        .from(cancellationRequests)
        .where(eq(cancellationRequests.reportId, reportId))
        .orderBy(asc(cancellationRequests.createdAt)),
      tx
        .select()
        .from(refundRequests)
        .where(eq(refundRequests.reportId, reportId))
        .orderBy(asc(refundRequests.createdAt)),
      tx
        .select()
        .from(grievances)
        .where(eq(grievances.reportId, reportId))
        .orderBy(asc(grievances.createdAt)),
      // Who claimed each request (its `review_started` move), newest first.
      tx
        .select({ entityId: lifecycleEvents.entityId, at: lifecycleEvents.at, name: staffUsers.name })
        .from(lifecycleEvents)
        .innerJoin(staffUsers, eq(staffUsers.id, lifecycleEvents.actorId))
        .where(and(eq(lifecycleEvents.reportId, reportId), eq(lifecycleEvents.transition, "review_started")))
        .orderBy(desc(lifecycleEvents.at)),
    ]);

  if (!facts) return null;

  await recordAudit(tx, {
    actor: { kind: "staff", id: staff.userId },
    action: "report.viewed",
    entityType: "report",
    entityId: reportId,
    after: { workerId: head.worker.id, establishmentId: head.establishment.id },
    ip: ctx.ip ?? null,
  });

  return {
    ...head,
    evidence,
    deposits: depositRows,
    events,
    cancellations,
    refunds,
    grievances: grievanceRows,
    /** What this member of staff can do on the case now (lib/cases/what-now.ts, from the lifecycle tables). */
    now: staffNow(facts, staffRef(staff)),
    /** Request id → who is reviewing it and since when (requests under review). */
    reviewers: new Map(claims.reverse().map((c) => [c.entityId, { name: c.name, at: c.at }])),
  };
}

export type CaseFile = NonNullable<Awaited<ReturnType<typeof loadCase>>>;
