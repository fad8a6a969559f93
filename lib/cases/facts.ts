import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  cancellationRequests,
  deposits,
  establishments,
  evidenceFiles,
  governorates,
  grievances,
  refundRequests,
  reportEvents,
  reports,
  suspensions,
  workerExits,
  workers,
} from "@/db/schema";
import { GRIEVANCE_ACCEPTED_REASON } from "@/lib/reports/refund-grounds";

export type ReportRow = typeof reports.$inferSelect;
export type DepositRow = typeof deposits.$inferSelect;
export type CancellationRow = typeof cancellationRequests.$inferSelect;
export type GrievanceRow = typeof grievances.$inferSelect;
export type RefundRow = typeof refundRequests.$inferSelect;
export type WorkerExitRow = typeof workerExits.$inferSelect;
export type SuspensionRow = typeof suspensions.$inferSelect;

/**
 * A case: one report and everything hanging on it, as of `now`. Every guard of the report's lifecycles is a
 * function of these facts (lib/lifecycle/machine.ts), and so is what each party's page says they can do now
 * (lib/cases/what-now.ts): the use case and the page cannot disagree.
 */
export type CaseFacts = {
  now: Date;
  report: ReportRow;
  worker: { id: string; permitStatus: ReportRowPermit; establishmentId: string | null; nationality: string };
  establishment: { id: string; governorateCode: string; servicesSuspendedUntil: Date | null };
  /** The establishment's governorate and its e-filing schedule (filing rules are checked again at payment). */
  governorate: {
    code: string;
    nameAr: string;
    nameEn: string;
    pilotFrom: string | null;
    mandatoryFrom: string | null;
  };
  /** The establishment's active suspension in this system, if any (Art. 4). */
  suspension: SuspensionRow | null;
  /** The live deposit (pending, paid, utilised or refunded), newest first; failed and expired are history. */
  deposit: DepositRow | null;
  /** Every cancellation request and grievance on the report, newest first. */
  cancellations: CancellationRow[];
  grievances: GrievanceRow[];
  /** Every refund request on the report, newest first. */
  refunds: RefundRow[];
  /** The worker's recorded exits (newest first): own expense, deported, transferred, permit cancelled. */
  exits: WorkerExitRow[];
  /** The report's timeline has a move to `cancelled` with reason GRIEVANCE_ACCEPTED_REASON. */
  cancelledByGrievance: boolean;
  /**
   * Another report about the same worker is open (awaiting payment, submitted or approved): one open report per
   * worker, so this one cannot become open again (a supervisor cannot reopen its rejection).
   */
  otherOpenReport: boolean;
  /** Evidence rows (without content): who may see which is decided from these. */
  evidence: {
    id: string;
    kind: string;
    sharedWithWorker: boolean;
    sharedWithEmployer: boolean;
    grievanceId: string | null;
  }[];
};

type ReportRowPermit = (typeof workers.$inferSelect)["permitStatus"];

const OPEN_REQUEST = ["submitted", "under_review"] as const;

export const openCancellation = (c: CaseFacts) =>
  c.cancellations.find((r) => (OPEN_REQUEST as readonly string[]).includes(r.status)) ?? null;
export const openGrievance = (c: CaseFacts) =>
  c.grievances.find((g) => (OPEN_REQUEST as readonly string[]).includes(g.status)) ?? null;
/** A refund request in flight or done (submitted, approved or refunded). */
export const liveRefund = (c: CaseFacts) =>
  c.refunds.find((r) => r.status === "submitted" || r.status === "approved" || r.status === "refunded") ??
  null;
export const cancellationAccepted = (c: CaseFacts) => c.cancellations.some((r) => r.status === "accepted");

/**
 * Loads a case inside the caller's transaction. With `lock`, the report row is locked first (FOR UPDATE), so
 * every use case on one case queues behind the others and decides on facts nobody can change underneath it.
 * Returns null when there is no such report (the caller has already checked the actor may see it, or does now).
 */
export async function loadCase(
  tx: Tx,
  reportId: string,
  opts: { lock?: boolean; now?: Date } = {},
): Promise<CaseFacts | null> {
  const reportQuery = tx.select().from(reports).where(eq(reports.id, reportId));
  const [report] = opts.lock ? await reportQuery.for("update") : await reportQuery;
  if (!report) return null;
  const [
    [worker],
    [establishment],
    [governorate],
    [suspension],
    [deposit],
    cancellations,
    grievanceRows,
    refunds,
    exits,
    [byGrievance],
    evidence,
    [otherOpen],
  ] = await Promise.all([
    tx
      .select({
        id: workers.id,
        permitStatus: workers.permitStatus,
        establishmentId: workers.establishmentId,
        nationality: workers.nationality,
      })
      .from(workers)
      .where(eq(workers.id, report.workerId)),
    tx
      .select({
        id: establishments.id,
        governorateCode: establishments.governorateCode,
        servicesSuspendedUntil: establishments.servicesSuspendedUntil,
      })
      .from(establishments)
      .where(eq(establishments.id, report.establishmentId)),
    tx
      .select({
        code: governorates.code,
        nameAr: governorates.nameAr,
        nameEn: governorates.nameEn,
        pilotFrom: governorates.pilotFrom,
        mandatoryFrom: governorates.mandatoryFrom,
      })
      .from(governorates)
      .innerJoin(establishments, eq(establishments.governorateCode, governorates.code))
      .where(eq(establishments.id, report.establishmentId)),
    tx
      .select()
      .from(suspensions)
      .where(and(eq(suspensions.establishmentId, report.establishmentId), eq(suspensions.status, "active")))
      .limit(1),
    tx
      .select()
      .from(deposits)
      .where(
        and(
          eq(deposits.reportId, report.id),
          inArray(deposits.status, ["pending", "paid", "utilised", "refunded"]),
        ),
      )
      .orderBy(desc(deposits.createdAt))
      .limit(1),
    tx
      .select()
      .from(cancellationRequests)
      .where(eq(cancellationRequests.reportId, report.id))
      .orderBy(desc(cancellationRequests.createdAt)),
    tx
      .select()
      .from(grievances)
      .where(eq(grievances.reportId, report.id))
      .orderBy(desc(grievances.createdAt)),
    tx
      .select()
      .from(refundRequests)
      .where(eq(refundRequests.reportId, report.id))
      .orderBy(desc(refundRequests.createdAt)),
    tx
      .select()
      .from(workerExits)
      .where(eq(workerExits.workerId, report.workerId))
      .orderBy(desc(workerExits.createdAt)),
    tx
      .select({ id: reportEvents.id })
      .from(reportEvents)
      .where(
        and(
          eq(reportEvents.reportId, report.id),
          eq(reportEvents.toStatus, "cancelled"),
          eq(reportEvents.reasonCode, GRIEVANCE_ACCEPTED_REASON),
        ),
      )
      .limit(1),
    tx
      .select({
        id: evidenceFiles.id,
        kind: evidenceFiles.kind,
        sharedWithWorker: evidenceFiles.sharedWithWorker,
        sharedWithEmployer: evidenceFiles.sharedWithEmployer,
        grievanceId: evidenceFiles.grievanceId,
      })
      .from(evidenceFiles)
      .where(eq(evidenceFiles.reportId, report.id)),
    tx
      .select({ id: reports.id })
      .from(reports)
      .where(
        and(
          eq(reports.workerId, report.workerId),
          ne(reports.id, report.id),
          // OPEN_REPORT_STATUSES (lib/reports/states.ts imports this module, so not imported here).
          inArray(reports.status, ["awaiting_payment", "submitted", "approved"]),
        ),
      )
      .limit(1),
  ]);
  if (!worker || !establishment || !governorate) return null;
  return {
    now: opts.now ?? new Date(),
    report,
    worker,
    establishment,
    governorate,
    suspension: suspension ?? null,
    deposit: deposit ?? null,
    cancellations,
    grievances: grievanceRows,
    refunds,
    exits,
    cancelledByGrievance: Boolean(byGrievance),
    otherOpenReport: Boolean(otherOpen),
    evidence,
  };
}

/** The exits staff recorded on this case (newest first). */
export const caseExits = (c: CaseFacts) => c.exits.filter((e) => e.reportId === c.report.id);
/** Staff recorded that the worker was deported (at the deposit's cost) on this case. */
export const deportationRecorded = (c: CaseFacts) => caseExits(c).some((e) => e.kind === "deported");
/** Staff recorded that the worker left the country: at their own expense, or deported. */
export const leavingRecorded = (c: CaseFacts) =>
  caseExits(c).find((e) => e.kind === "deported" || e.kind === "left_own_expense") ?? null;
