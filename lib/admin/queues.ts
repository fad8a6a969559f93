import { and, asc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "@/db";
import {
  cancellationRequests,
  establishments,
  grievances,
  lifecycleEvents,
  reports,
  staffUsers,
  ticketFees,
  workers,
} from "@/db/schema";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";
import { decodeCursor, encodeCursor } from "@/lib/reports/cursor";
import { classifySearch, NAME_FOLD_FROM, NAME_FOLD_TO } from "@/lib/reports/search";
import { addDays, isCalendarDate } from "@/lib/time";

/**
 * The reviewer's queues (issue 5 §2): reports awaiting a decision, open cancellation requests, open
 * grievances. Oldest first — the longest waiting is decided first — with the count and the oldest item's
 * time over the whole filtered queue. Keyset pagination on (queued at, id), never OFFSET.
 *
 * Filters: governorate (where the worker worked, else the establishment's), status (within the queue's open
 * statuses), a date range on the Muscat calendar day the item was queued, the worker's nationality; search
 * by reference, civil ID, CR number, or a worker's or establishment's name in either script.
 */
export const QUEUE_KINDS = ["reports", "cancellations", "grievances"] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export const QUEUE_STATUSES: Record<QueueKind, readonly string[]> = {
  reports: ["submitted"],
  cancellations: ["submitted", "under_review"],
  grievances: ["submitted", "under_review"],
};

export type QueueFilters = {
  governorate?: string | null;
  status?: string | null;
  from?: string | null;
  to?: string | null;
  nationality?: string | null;
  q?: string | null;
  after?: string | null;
  limit?: number;
  /** Count up to this many (default QUEUE_COUNT_CAP); for tests. */
  countCap?: number;
};

export type QueueItem = {
  id: string;
  reportId: string;
  reference: string;
  status: string;
  queuedAt: Date;
  workerNameAr: string;
  workerNameEn: string;
  civilId: string;
  nationality: string;
  establishmentNameAr: string;
  establishmentNameEn: string;
  crNumber: string;
  governorateCode: string;
  /** Who claimed a request under review (its latest `review_started` move); null otherwise. */
  reviewerName: string | null;
};

export type QueuePage = {
  items: QueueItem[];
  /** How many wait, counted up to QUEUE_COUNT_CAP; `countCapped` when there are more than that. */
  count: number;
  countCapped: boolean;
  oldestAt: Date | null;
  nextCursor: string | null;
};

export const QUEUE_PAGE_SIZE = 25;

/**
 * Queues are counted up to this many and then shown as "more than 10,000" (issue 12): an exact figure beyond
 * it helps no reviewer, and counting a national backlog on every page view would read all of it.
 */
export const QUEUE_COUNT_CAP = 10_000;

function columns(kind: QueueKind) {
  if (kind === "reports") return { id: reports.id, at: reports.submittedAt, status: reports.status };
  if (kind === "cancellations")
    return {
      id: cancellationRequests.id,
      at: cancellationRequests.createdAt,
      status: cancellationRequests.status,
    };
  return { id: grievances.id, at: grievances.createdAt, status: grievances.status };
}

const folded = (column: SQL.Aliased | SQL | { getSQL(): SQL }) =>
  sql`translate(lower(${column}), ${NAME_FOLD_FROM}, ${NAME_FOLD_TO})`;

function conditions(kind: QueueKind, f: QueueFilters): SQL[] {
  const c = columns(kind);
  const open = QUEUE_STATUSES[kind];
  const status = f.status && open.includes(f.status) ? [f.status] : open;
  const out: SQL[] = [inArray(c.status, status as never[])];
  const governorate = sql`coalesce(${reports.workGovernorateCode}, ${establishments.governorateCode})`;
  if (f.governorate && /^[A-Z]{2}$/.test(f.governorate)) out.push(sql`${governorate} = ${f.governorate}`);
  if (f.nationality && /^[A-Z]{2}$/.test(f.nationality)) out.push(eq(workers.nationality, f.nationality));
  if (f.from && isCalendarDate(f.from)) out.push(sql`${c.at} >= ${`${f.from}T00:00:00+04:00`}::timestamptz`);
  if (f.to && isCalendarDate(f.to))
    out.push(sql`${c.at} < ${`${addDays(f.to, 1)}T00:00:00+04:00`}::timestamptz`);
  const search = classifySearch(f.q);
  if (search?.kind === "reference") out.push(eq(reports.reference, search.reference));
  if (search?.kind === "digits") {
    out.push(
      or(
        like(workers.civilId, `${search.digits}%`),
        eq(establishments.crNumber, search.digits),
        like(reports.reference, `%${search.digits}%`),
      )!,
    );
  }
  if (search?.kind === "name") {
    out.push(
      or(
        sql`${folded(workers.nameAr)} like ${search.pattern}`,
        sql`${folded(workers.nameEn)} like ${search.pattern}`,
        sql`${folded(establishments.nameAr)} like ${search.pattern}`,
        sql`${folded(establishments.nameEn)} like ${search.pattern}`,
      )!,
    );
  }
  return out;
}

/**
 * Who is reviewing a request under review: the staff member of its latest `review_started` move (lifecycle
 * history, one index probe per row of the page: lifecycle_events_entity_idx). Reports have no such state.
 */
function reviewerOf(kind: QueueKind, c: ReturnType<typeof columns>) {
  if (kind === "reports") return sql<string | null>`null`;
  const entity = kind === "cancellations" ? "cancellation" : "grievance";
  return sql<
    string | null
  >`case when ${c.status} = 'under_review' then (select ${staffUsers.name} from ${lifecycleEvents} join ${staffUsers} on ${staffUsers.id} = ${lifecycleEvents.actorId} where ${lifecycleEvents.entity} = ${entity} and ${lifecycleEvents.entityId} = ${c.id} and ${lifecycleEvents.transition} = 'review_started' order by ${lifecycleEvents.at} desc limit 1) end`;
}

/** The queue's table joined to its report, worker and establishment. */
function fromQueue<T extends Record<string, unknown>>(tx: Tx, kind: QueueKind, fields: T) {
  const q = tx.select(fields as never) as unknown as ReturnType<typeof tx.select>;
  const base =
    kind === "reports"
      ? q.from(reports)
      : kind === "cancellations"
        ? q.from(cancellationRequests).innerJoin(reports, eq(reports.id, cancellationRequests.reportId))
        : q.from(grievances).innerJoin(reports, eq(reports.id, grievances.reportId));
  return base
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId));
}

/** One page of a queue for a reviewer (supervisors too). */
export async function listQueue(
  actor: Actor | null,
  kind: QueueKind,
  filters: QueueFilters = {},
  tx: Tx = db,
): Promise<QueuePage> {
  assertStaffRole(actor, ["reviewer"]);
  const c = columns(kind);
  const limit = Math.min(Math.max(filters.limit ?? QUEUE_PAGE_SIZE, 1), 100);
  const where = conditions(kind, filters);
  const cursor = decodeCursor(filters.after);
  const atText = sql<string>`to_char(${c.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const paged = cursor
    ? [...where, sql`(${c.at}, ${c.id}) > (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`]
    : where;

  const rows = (await fromQueue(tx, kind, {
    id: c.id,
    reportId: reports.id,
    reference: reports.reference,
    status: c.status,
    queuedAt: c.at,
    cursorAt: atText,
    workerNameAr: workers.nameAr,
    workerNameEn: workers.nameEn,
    civilId: workers.civilId,
    nationality: workers.nationality,
    establishmentNameAr: establishments.nameAr,
    establishmentNameEn: establishments.nameEn,
    crNumber: establishments.crNumber,
    governorateCode: sql<string>`coalesce(${reports.workGovernorateCode}, ${establishments.governorateCode})`,
    reviewerName: reviewerOf(kind, c),
  })
    .where(and(...paged))
    .orderBy(asc(c.at), asc(c.id))
    .limit(limit + 1)) as unknown as (QueueItem & { cursorAt: string })[];

  // The count stops at the cap; without a filter on the worker or the establishment it needs only the queue's
  // own table (an index range on its status), not the joins.
  const cap = filters.countCap ?? QUEUE_COUNT_CAP;
  const joined = Boolean(filters.governorate || filters.nationality || classifySearch(filters.q));
  const counted = joined
    ? fromQueue(tx, kind, { one: sql`1` })
    : (tx
        .select({ one: sql`1` })
        .from(
          kind === "reports" ? reports : kind === "cancellations" ? cancellationRequests : grievances,
        ) as unknown as ReturnType<typeof fromQueue>);
  const capped = counted
    .where(and(...where))
    .limit(cap + 1)
    .as("capped");
  const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(capped)) as { n: number }[] as [
    { n: number },
  ];
  // The oldest waiting is the first row of the first page; on later pages, one more index look-up.
  const oldest = cursor
    ? (
        (await fromQueue(tx, kind, { at: c.at })
          .where(and(...where))
          .orderBy(asc(c.at), asc(c.id))
          .limit(1)) as unknown as { at: Date | string }[]
      )[0]?.at
    : rows[0]?.queuedAt;
  const totals = { count: Math.min(n, cap), capped: n > cap, oldest };

  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => {
      const { cursorAt, ...item } = row;
      void cursorAt;
      return { ...item, queuedAt: new Date(item.queuedAt) };
    }),
    count: totals.count,
    countCapped: totals.capped,
    oldestAt: totals.oldest ? new Date(totals.oldest) : null,
    nextCursor: more && last ? encodeCursor({ createdAt: last.cursorAt, id: last.id }) : null,
  };
}

/** The nationalities offered in the filter: those of the fee table (every nationality the service prices). */
export async function queueNationalities(tx: Tx = db): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ n: ticketFees.nationality })
    .from(ticketFees)
    .orderBy(asc(ticketFees.nationality));
  return rows.map((r) => r.n);
}
