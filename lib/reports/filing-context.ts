/**
 * What the filing use cases share: how they run (a transaction, a clock, a store), how they answer a refusal,
 * and the scoped loading of the rows they act on. Every load here filters by the actor's establishment: a
 * report of another establishment is "not found", never "forbidden", so its existence is not revealed.
 */
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { deposits, establishments, evidenceFiles, governorates, reports, workers } from "@/db/schema";
import { actorRef, type EmployerActor } from "@/lib/auth/actor";
import { getStorage, type Storage } from "@/lib/storage";
import { refused, type Refused } from "./refusals";
import { checkWorkerEligibility } from "./rules";
import { loadCase } from "@/lib/cases/facts";
import { moveReport } from "./lifecycle";
import { OPEN_REPORT_STATUSES } from "./states";
import { isUuid } from "@/lib/ids";

export type FilingContext = {
  /** Run inside this transaction (tests) instead of opening one on the shared connection. */
  db?: Tx;
  now?: Date;
  ip?: string | null;
  storage?: Storage;
};

export function nowOf(ctx: FilingContext): Date {
  return ctx.now ?? new Date();
}

export function storageOf(ctx: FilingContext): Storage {
  return ctx.storage ?? getStorage();
}

/** Runs `fn` in a transaction (a savepoint when ctx.db is already one). */
export function inTransaction<T>(ctx: FilingContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const base = (ctx.db ?? db) as typeof db;
  return base.transaction((tx) => fn(tx));
}

export function auditActor(actor: EmployerActor) {
  return { kind: "employer" as const, id: actor.userId };
}

// ---------------------------------------------------------------------------------------------------------
// Establishment and worker
// ---------------------------------------------------------------------------------------------------------

export async function loadEstablishment(tx: Tx, establishmentId: string) {
  const [row] = await tx
    .select({ establishment: establishments, governorate: governorates })
    .from(establishments)
    .innerJoin(governorates, eq(governorates.code, establishments.governorateCode))
    .where(eq(establishments.id, establishmentId));
  if (!row) throw new Error("the actor's establishment does not exist");
  return row;
}

/** An open report for the worker (any establishment), other than `exceptReportId`. */
export async function findOpenReport(tx: Tx, workerId: string, exceptReportId?: string) {
  const conditions = [eq(reports.workerId, workerId), inArray(reports.status, [...OPEN_REPORT_STATUSES])];
  if (exceptReportId) conditions.push(ne(reports.id, exceptReportId));
  const [row] = await tx
    .select({ id: reports.id, establishmentId: reports.establishmentId, reference: reports.reference })
    .from(reports)
    .where(and(...conditions))
    .limit(1);
  return row ?? null;
}

export type WorkerRow = typeof workers.$inferSelect;
export type WorkerQuery = { workerId: string } | { civilId: string };

/**
 * Everything needed to decide whether this establishment may report this worker now. `lock` takes a row lock
 * on the worker, so two "start" clicks for one worker cannot make two drafts.
 */
export async function evaluateWorker(
  tx: Tx,
  actor: EmployerActor,
  query: WorkerQuery,
  now: Date,
  lock = false,
) {
  const { establishment, governorate } = await loadEstablishment(tx, actor.establishmentId);
  let worker: WorkerRow | null = null;
  if ("workerId" in query ? isUuid(query.workerId) : /^\d{1,9}$/.test(query.civilId)) {
    const base = tx
      .select()
      .from(workers)
      .where("workerId" in query ? eq(workers.id, query.workerId) : eq(workers.civilId, query.civilId));
    const [row] = lock ? await base.for("update") : await base;
    worker = row ?? null;
  }
  const openReport = worker ? await findOpenReport(tx, worker.id) : null;
  const refusal = checkWorkerEligibility({
    establishment: { id: establishment.id, servicesSuspendedUntil: establishment.servicesSuspendedUntil },
    governorate,
    worker: worker ? { establishmentId: worker.establishmentId, permitStatus: worker.permitStatus } : null,
    openReport,
    now,
  });
  // Another establishment's worker is not shown to this one, whatever the refusal.
  const visibleWorker = worker && worker.establishmentId === establishment.id ? worker : null;
  let draft: { id: string; reference: string; createdAt: Date } | null = null;
  if (visibleWorker) {
    const [d] = await tx
      .select({ id: reports.id, reference: reports.reference, createdAt: reports.createdAt })
      .from(reports)
      .where(
        and(
          eq(reports.workerId, visibleWorker.id),
          eq(reports.establishmentId, establishment.id),
          eq(reports.status, "draft"),
        ),
      )
      .orderBy(asc(reports.createdAt))
      .limit(1);
    draft = d ?? null;
  }
  return { establishment, governorate, worker: visibleWorker, refusal, draft };
}

// ---------------------------------------------------------------------------------------------------------
// The report being filed
// ---------------------------------------------------------------------------------------------------------

export type ReportRow = typeof reports.$inferSelect;

/** The actor's own report, locked for update; null when there is none (or it is another establishment's). */
export async function lockOwnReport(
  tx: Tx,
  actor: EmployerActor,
  reportId: string,
): Promise<ReportRow | null> {
  if (!isUuid(reportId)) return null;
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.id, reportId), eq(reports.establishmentId, actor.establishmentId)))
    .for("update");
  return row ?? null;
}

/** Deposits in these states mean a payment was started or made: the report's answers are then frozen. */
export const LIVE_DEPOSIT_STATUSES = ["pending", "paid", "utilised", "refunded"] as const;

export async function hasLiveDeposit(tx: Tx, reportId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: deposits.id })
    .from(deposits)
    .where(and(eq(deposits.reportId, reportId), inArray(deposits.status, [...LIVE_DEPOSIT_STATUSES])))
    .limit(1);
  return !!row;
}

/**
 * The actor's report, ready to be changed: a draft as it is; one awaiting payment goes back to draft first
 * (its fee is forgotten, to be fixed again at "check your answers"), unless a payment was started. Anything
 * already submitted cannot be changed here.
 */
export async function openForEdit(
  tx: Tx,
  actor: EmployerActor,
  reportId: string,
  ctx: FilingContext,
): Promise<{ ok: true; report: ReportRow } | Refused> {
  const report = await lockOwnReport(tx, actor, reportId);
  if (!report) return refused("not_found");
  if (report.status === "draft") return { ok: true, report };
  if (report.status !== "awaiting_payment") return refused("not_editable");
  if (await hasLiveDeposit(tx, report.id)) return refused("payment_started");
  const c = await loadCase(tx, report.id, { now: nowOf(ctx) });
  if (!c) return refused("not_found");
  const reopened = await moveReport(tx, "returned_to_draft", {
    id: report.id,
    actor: actorRef(actor),
    context: c,
    reasonCode: "changed_before_payment",
    expectedVersion: report.version,
    set: { feeBaisa: null },
    audit: { feeBaisaBefore: report.feeBaisa, feeBaisa: null },
    ip: ctx.ip ?? null,
  });
  return { ok: true, report: reopened };
}

export async function listEvidence(tx: Tx, reportId: string) {
  return tx
    .select()
    .from(evidenceFiles)
    .where(eq(evidenceFiles.reportId, reportId))
    .orderBy(asc(evidenceFiles.createdAt));
}
export { refused, type Refused } from "./refusals";

/** The report with everything `findProblems` looks at (the caller has already scoped the report). */
export async function loadSnapshot(tx: Tx, report: ReportRow) {
  const [w] = await tx.select().from(workers).where(eq(workers.id, report.workerId));
  if (!w) throw new Error("report without its worker");
  const { establishment, governorate } = await loadEstablishment(tx, report.establishmentId);
  const evidence = await listEvidence(tx, report.id);
  const openReport = await findOpenReport(tx, w.id, report.id);
  return {
    report,
    worker: w,
    establishment,
    governorate,
    openReport,
    evidence,
    evidenceKinds: evidence.map((e) => e.kind),
  };
}
