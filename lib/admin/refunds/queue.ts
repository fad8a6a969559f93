import { isCalendarDate } from "@/lib/time";
import { type AnyColumn, and, asc, count, eq, gte, like, lte, min, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { auditEvents, deposits, establishments, refundRequests, reports, workers } from "@/db/schema";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { classifySearch, NAME_FOLD_FROM, NAME_FOLD_TO } from "@/lib/reports/search";
import { isMicrosecondUtc, packCursor, unpackCursor } from "@/lib/cursor";
import { isUuid } from "@/lib/ids";

export const REFUND_STATUSES = ["submitted", "approved", "refunded", "failed", "rejected"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const REFUND_GROUNDS = [
  "legal_period_ended",
  "cancellation_approved",
  "grievance_accepted",
  "worker_left_country",
  "report_rejected",
] as const;
export type RefundGroundCode = (typeof REFUND_GROUNDS)[number];

export type RefundQueueFilters = {
  status?: RefundStatus | null;
  ground?: RefundGroundCode | null;
  /** YYYY-MM-DD, Muscat calendar, on the request's creation. */
  from?: string | null;
  to?: string | null;
  /** A reference, a civil ID or CR number (or their start), or a worker's or establishment's name in either script. */
  q?: string | null;
};

/** The queue's filters from an address's query (the page and its CSV export read them the same way). */
export function parseRefundFilters(sp: Record<string, string | undefined>): RefundQueueFilters {
  return {
    status: (REFUND_STATUSES as readonly string[]).includes(sp.status ?? "")
      ? (sp.status as RefundStatus)
      : null,
    ground: (REFUND_GROUNDS as readonly string[]).includes(sp.ground ?? "")
      ? (sp.ground as RefundGroundCode)
      : null,
    from: sp.from && isCalendarDate(sp.from) ? sp.from : null,
    to: sp.to && isCalendarDate(sp.to) ? sp.to : null,
    q: typeof sp.q === "string" ? sp.q.trim().slice(0, 100) : "",
  };
}

const folded = (column: SQL | AnyColumn) =>
  sql`translate(lower(${column}), ${NAME_FOLD_FROM}, ${NAME_FOLD_TO})`;

/** Keyset position: the status's rank (submitted first), then created_at (microsecond text) and id. */
export type RefundCursor = { rank: number; createdAt: string; id: string };

export function encodeRefundCursor(c: RefundCursor): string {
  return packCursor([c.rank, c.createdAt, c.id]);
}
export function decodeRefundCursor(v: string | null | undefined): RefundCursor | null {
  const [rank, createdAt, id] = unpackCursor(v, 3, 160) ?? [];
  if (!rank || !createdAt || !id || !/^[0-4]$/.test(rank) || !isMicrosecondUtc(createdAt) || !isUuid(id))
    return null;
  return { rank: Number(rank), createdAt, id };
}

const rankSql = sql<number>`(case ${refundRequests.status} when 'submitted' then 0 when 'approved' then 1 when 'failed' then 2 when 'rejected' then 3 else 4 end)`;
const createdText = sql<string>`to_char(${refundRequests.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Finance's queue of refund requests: those waiting for a decision first, each group oldest first; with the
 * number waiting and the age of the oldest. Keyset pagination (never OFFSET).
 */
export async function listRefundQueue(
  actorIn: Actor | null,
  filters: RefundQueueFilters,
  page: { after?: RefundCursor | null; limit?: number } = {},
) {
  assertStaffRole(actorIn, ["finance"]);
  const limit = Math.min(Math.max(page.limit ?? 25, 1), 100);
  const where: SQL[] = [];
  if (filters.status) where.push(eq(refundRequests.status, filters.status));
  if (filters.ground) where.push(eq(refundRequests.ground, filters.ground));
  if (filters.from)
    where.push(
      gte(refundRequests.createdAt, sql`(${filters.from}::date)::timestamp at time zone 'Asia/Muscat'`),
    );
  if (filters.to)
    where.push(
      lte(refundRequests.createdAt, sql`((${filters.to}::date + 1)::timestamp at time zone 'Asia/Muscat')`),
    );
  const search = classifySearch(filters.q);
  if (search?.kind === "reference") where.push(eq(reports.reference, search.reference));
  if (search?.kind === "digits")
    where.push(
      or(
        like(workers.civilId, `${search.digits}%`),
        like(establishments.crNumber, `${search.digits}%`),
        like(reports.reference, `%${search.digits}%`),
      )!,
    );
  if (search?.kind === "name")
    where.push(
      or(
        sql`${folded(workers.nameAr)} like ${search.pattern}`,
        sql`${folded(workers.nameEn)} like ${search.pattern}`,
        sql`${folded(sql`${establishments.nameAr}`)} like ${search.pattern}`,
        sql`${folded(sql`${establishments.nameEn}`)} like ${search.pattern}`,
      )!,
    );
  const filtered = where.length ? and(...where) : undefined;
  const after = page.after
    ? sql`(${rankSql}, ${refundRequests.createdAt}, ${refundRequests.id}) > (${page.after.rank}, ${page.after.createdAt}::timestamptz, ${page.after.id}::uuid)`
    : undefined;
  const rows = await db
    .select({
      id: refundRequests.id,
      status: refundRequests.status,
      ground: refundRequests.ground,
      amountBaisa: refundRequests.amountBaisa,
      createdAt: refundRequests.createdAt,
      createdText,
      rank: rankSql,
      reportId: reports.id,
      reference: reports.reference,
      establishmentAr: establishments.nameAr,
      establishmentEn: establishments.nameEn,
      crNumber: establishments.crNumber,
      workerAr: workers.nameAr,
      workerEn: workers.nameEn,
      depositStatus: deposits.status,
    })
    .from(refundRequests)
    .innerJoin(reports, eq(reports.id, refundRequests.reportId))
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .innerJoin(deposits, eq(deposits.id, refundRequests.depositId))
    .where(and(filtered, after))
    .orderBy(asc(rankSql), asc(refundRequests.createdAt), asc(refundRequests.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const next =
    rows.length > limit && last
      ? encodeRefundCursor({ rank: Number(last.rank), createdAt: last.createdText, id: last.id })
      : null;
  const [waiting] = await db
    .select({ n: count(), oldest: min(refundRequests.createdAt) })
    .from(refundRequests)
    .where(eq(refundRequests.status, "submitted"));
  return { items, next, waiting: { count: waiting?.n ?? 0, oldest: waiting?.oldest ?? null } };
}

/** One refund request with its report, deposit and history, for finance. */
export async function getRefundRequest(actorIn: Actor | null, id: string, ctx: { ip?: string | null } = {}) {
  const actor = assertStaffRole(actorIn, ["finance"]);
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      request: refundRequests,
      report: reports,
      deposit: deposits,
      establishment: establishments,
      worker: workers,
    })
    .from(refundRequests)
    .innerJoin(reports, eq(reports.id, refundRequests.reportId))
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .innerJoin(deposits, eq(deposits.id, refundRequests.depositId))
    .where(eq(refundRequests.id, id));
  if (!row) return null;
  // A staff view of a person's data (the worker's, the establishment's) is itself recorded.
  await recordAudit(db, {
    actor: { kind: "staff", id: actor.userId },
    action: "refund_request.viewed",
    entityType: "refund_request",
    entityId: row.request.id,
    after: { reportId: row.report.id, workerId: row.worker.id },
    ip: ctx.ip ?? null,
  });
  const history = await db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorKind: auditEvents.actorKind,
      at: auditEvents.at,
    })
    .from(auditEvents)
    .where(
      sql`${auditEvents.action} not like '%.viewed' and ((${auditEvents.entityType} = 'refund_request' and ${auditEvents.entityId} = ${row.request.id}::text) or (${auditEvents.entityType} = 'deposit' and ${auditEvents.entityId} = ${row.deposit.id}::text))`,
    )
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));
  return { ...row, history };
}
