/**
 * Read-only queries for the filing pages, each scoped to the signed-in employer's establishment: another
 * establishment's report or worker is simply not found.
 */
import { and, asc, desc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { reports, workers } from "@/db/schema";
import { assertEmployer, type EmployerActor } from "@/lib/auth/actor";
import { currentFeeBaisa } from "./fees";
import {
  evaluateWorker,
  loadEstablishment,
  loadSnapshot,
  type FilingContext,
  type WorkerQuery,
} from "./filing-context";
import { parseReference } from "./reference";
import { refusalOf } from "./refusals";
import { findProblems } from "./review";
import { checkEstablishmentCanFile } from "./rules";
import { OPEN_REPORT_STATUSES } from "./states";
import { toLatinDigits } from "@/lib/i18n/digits";
import { isUuid } from "@/lib/ids";

/** The actor's own report by id or by reference (as typed: spaces, lower case, Arabic-Indic digits). */
export async function loadOwnReport(
  actor: EmployerActor,
  by: { id: string } | { reference: string },
  ctx: FilingContext = {},
) {
  assertEmployer(actor);
  let condition;
  if ("id" in by) {
    if (!isUuid(by.id)) return null;
    condition = eq(reports.id, by.id);
  } else {
    const reference = parseReference(by.reference);
    if (!reference) return null;
    condition = eq(reports.reference, reference);
  }
  const [row] = await (ctx.db ?? db)
    .select()
    .from(reports)
    .where(and(condition, eq(reports.establishmentId, actor.establishmentId)));
  return row ?? null;
}

/** A report being filed, with its worker, evidence, what still blocks it, and the deposit it would cost now. */
export async function getFilingReport(actor: EmployerActor, reportId: string, ctx: FilingContext = {}) {
  const report = await loadOwnReport(actor, { id: reportId }, ctx);
  if (!report) return null;
  const tx = ctx.db ?? db;
  const now = ctx.now ?? new Date();
  const snapshot = await loadSnapshot(tx, report);
  const problems = findProblems(snapshot, now);
  const feeBaisa = report.feeBaisa ?? (await currentFeeBaisa(tx, snapshot.worker.nationality, now));
  return { ...snapshot, problems, feeBaisa };
}

/** Whether the actor's establishment may file at all today (not suspended, governorate live); null when it may. */
export async function establishmentFilingBlock(actor: EmployerActor, ctx: FilingContext = {}) {
  assertEmployer(actor);
  const { establishment, governorate } = await loadEstablishment(ctx.db ?? db, actor.establishmentId);
  const r = checkEstablishmentCanFile(establishment, governorate, ctx.now ?? new Date());
  return r ? refusalOf(r, governorate) : null;
}

/** For step 1: may this worker be reported by this establishment now, and is there a draft to resume? */
export async function lookupWorkerForFiling(
  actor: EmployerActor,
  query: WorkerQuery,
  ctx: FilingContext = {},
) {
  assertEmployer(actor);
  const now = ctx.now ?? new Date();
  const found = await evaluateWorker(ctx.db ?? db, actor, query, now);
  return {
    worker: found.worker,
    draft: found.draft,
    refusal: found.refusal
      ? refusalOf(found.refusal, found.governorate, "civilId" in query ? "civilId" : undefined)
      : null,
  };
}

/** The establishment's drafts, newest first, to offer resuming them. */
export async function listOwnDrafts(actor: EmployerActor, ctx: FilingContext = {}) {
  assertEmployer(actor);
  return (ctx.db ?? db)
    .select({
      id: reports.id,
      reference: reports.reference,
      updatedAt: reports.updatedAt,
      workerNameAr: workers.nameAr,
      workerNameEn: workers.nameEn,
      civilId: workers.civilId,
    })
    .from(reports)
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .where(and(eq(reports.establishmentId, actor.establishmentId), eq(reports.status, "draft")))
    .orderBy(desc(reports.updatedAt))
    .limit(50);
}

/** Arabic letters that people type interchangeably (alef forms, alef maqsura, taa marbuta) and marks to ignore. */
const AR_FROM = "أإآٱىة";
const AR_TO = "اااايه";
const AR_DROP = "\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0640"; // harakat, shadda, sukun, tatweel

export function normaliseSearch(q: string): string {
  let out = toLatinDigits(q.normalize("NFC"));
  for (const ch of AR_DROP) out = out.split(ch).join("");
  for (let i = 0; i < AR_FROM.length; i++) out = out.split(AR_FROM[i]!).join(AR_TO[i]!);
  return out.replace(/\s+/g, " ").trim();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const WORKER_LIST_LIMIT = 25;

/**
 * This establishment's workers with an active permit, matched by name in Arabic or Latin script (or civil ID),
 * with whether each already has an open report or a draft; sorted by the name in the reader's script.
 */
export async function searchActiveWorkers(
  actor: EmployerActor,
  q: string,
  ctx: FilingContext & { locale?: "ar" | "en" } = {},
) {
  assertEmployer(actor);
  const term = normaliseSearch(q).slice(0, 60);
  const conditions = [eq(workers.establishmentId, actor.establishmentId), eq(workers.permitStatus, "active")];
  if (term) {
    const like = `%${escapeLike(term)}%`;
    const nameAr = sql`translate(${workers.nameAr}, ${AR_FROM + AR_DROP}, ${AR_TO})`;
    conditions.push(
      or(
        ilike(workers.nameEn, like),
        sql`${nameAr} like ${like}`,
        ilike(workers.civilId, `${escapeLike(term)}%`),
      )!,
    );
  }
  const tx = ctx.db ?? db;
  const rows = await tx
    .select({
      id: workers.id,
      civilId: workers.civilId,
      nameAr: workers.nameAr,
      nameEn: workers.nameEn,
      nationality: workers.nationality,
      occupation: workers.occupation,
      permitNumber: workers.permitNumber,
    })
    .from(workers)
    .where(and(...conditions))
    .orderBy(asc(ctx.locale === "ar" ? workers.nameAr : workers.nameEn), asc(workers.id))
    .limit(WORKER_LIST_LIMIT + 1);
  const ids = rows.map((r) => r.id);
  const busy = ids.length
    ? await tx
        .select({
          workerId: reports.workerId,
          status: reports.status,
          establishmentId: reports.establishmentId,
        })
        .from(reports)
        .where(
          and(inArray(reports.workerId, ids), inArray(reports.status, [...OPEN_REPORT_STATUSES, "draft"])),
        )
    : [];
  const items = rows.slice(0, WORKER_LIST_LIMIT).map((w) => ({
    ...w,
    hasOpenReport: busy.some((b) => b.workerId === w.id && b.status !== "draft"),
    hasDraft: busy.some(
      (b) => b.workerId === w.id && b.status === "draft" && b.establishmentId === actor.establishmentId,
    ),
  }));
  return { items, more: rows.length > WORKER_LIST_LIMIT };
}
