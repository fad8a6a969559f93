/**
 * What the employer reads about reports. EVERY query here is filtered by the actor's establishment: a report of
 * another establishment is never returned, counted or confirmed to exist.
 */
import { and, asc, count, desc, eq, like, or, sql, type SQL } from "drizzle-orm";
import { cache } from "react";
import { db, type Tx } from "@/db";
import {
  cancellationRequests,
  deposits,
  employerUsers,
  evidenceFiles,
  grievances,
  governorates,
  reportEvents,
  reports,
  workers,
} from "@/db/schema";
import { actorRef, type EmployerActor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { employerNow, refundFactsOf } from "@/lib/cases/what-now";
import { employerMaySee } from "@/lib/evidence/sharing";
import { whyNot } from "@/lib/lifecycle/machine";
import { decodeCursor, encodeCursor, type ReportCursor } from "./cursor";
import { isUuid } from "@/lib/ids";
import { assessRefund } from "./refund-grounds";
import { classifySearch, NAME_FOLD_FROM, NAME_FOLD_TO } from "./search";
import { reportMachine, type ReportStatus } from "./states";

export const REPORT_STATUSES: readonly ReportStatus[] = [
  "draft",
  "awaiting_payment",
  "submitted",
  "approved",
  "rejected",
  "cancelled",
  "closed",
];

export function isReportStatus(value: string | undefined | null): value is ReportStatus {
  return !!value && (REPORT_STATUSES as readonly string[]).includes(value);
}

export const PAGE_SIZE = 20;

export type ReportListFilters = {
  status?: ReportStatus | null;
  q?: string | null;
  /** Encoded cursors from the page's links: `after` = older rows, `before` = newer rows. */
  after?: string | null;
  before?: string | null;
  limit?: number;
};

export type ReportListRow = {
  id: string;
  reference: string;
  status: ReportStatus;
  workerNameAr: string;
  workerNameEn: string;
  civilId: string;
  lastDayAtWork: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  openCancellation: boolean;
};

export type ReportListPage = {
  rows: ReportListRow[];
  /** Cursor for the next (older) page, or null on the last page. */
  olderCursor: string | null;
  /** Cursor for the previous (newer) page, or null on the first page. */
  newerCursor: string | null;
};

const foldedName = (column: typeof workers.nameAr | typeof workers.nameEn) =>
  sql`translate(lower(${column}), ${NAME_FOLD_FROM}, ${NAME_FOLD_TO})`;

/** The establishment filter plus the status and search filters, as one WHERE clause. */
function listConditions(actor: EmployerActor, filters: ReportListFilters): SQL {
  const conditions: SQL[] = [eq(reports.establishmentId, actor.establishmentId)];
  if (filters.status) conditions.push(eq(reports.status, filters.status));
  const search = classifySearch(filters.q);
  if (search?.kind === "reference") conditions.push(eq(reports.reference, search.reference));
  if (search?.kind === "digits") {
    conditions.push(
      or(like(workers.civilId, `${search.digits}%`), like(reports.reference, `%${search.digits}%`))!,
    );
  }
  if (search?.kind === "name") {
    conditions.push(
      or(
        sql`${foldedName(workers.nameAr)} like ${search.pattern}`,
        sql`${foldedName(workers.nameEn)} like ${search.pattern}`,
      )!,
    );
  }
  return and(...conditions)!;
}

/** created_at as PostgreSQL's exact UTC text, for the cursor (a JS Date would lose the microseconds). */
const createdAtText = sql<string>`to_char(${reports.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function keyBefore(c: ReportCursor): SQL {
  return sql`(${reports.createdAt}, ${reports.id}) < (${c.createdAt}::timestamptz, ${c.id}::uuid)`;
}
function keyAfter(c: ReportCursor): SQL {
  return sql`(${reports.createdAt}, ${reports.id}) > (${c.createdAt}::timestamptz, ${c.id}::uuid)`;
}

/** The establishment's reports, newest first, one page at a time (keyset pagination, never OFFSET). */
export async function listEstablishmentReports(
  actor: EmployerActor,
  filters: ReportListFilters,
  tx: Tx = db,
): Promise<ReportListPage> {
  const limit = Math.min(Math.max(filters.limit ?? PAGE_SIZE, 1), 100);
  const after = decodeCursor(filters.after);
  const before = after ? null : decodeCursor(filters.before);
  const where = [listConditions(actor, filters)];
  if (after) where.push(keyBefore(after));
  if (before) where.push(keyAfter(before));
  const newestFirst = !before;

  const rows = await tx
    .select({
      id: reports.id,
      reference: reports.reference,
      status: reports.status,
      workerNameAr: workers.nameAr,
      workerNameEn: workers.nameEn,
      civilId: workers.civilId,
      lastDayAtWork: reports.lastDayAtWork,
      createdAt: reports.createdAt,
      submittedAt: reports.submittedAt,
      cursorAt: createdAtText,
      openCancellation: sql<boolean>`exists (select 1 from ${cancellationRequests} where ${cancellationRequests.reportId} = ${reports.id} and ${cancellationRequests.status} in ('submitted', 'under_review'))`,
    })
    .from(reports)
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .where(and(...where))
    .orderBy(
      ...(newestFirst
        ? [desc(reports.createdAt), desc(reports.id)]
        : [asc(reports.createdAt), asc(reports.id)]),
    )
    .limit(limit + 1);

  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (!newestFirst) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const cursorOf = (r: { cursorAt: string; id: string }) => encodeCursor({ createdAt: r.cursorAt, id: r.id });
  // Going back (before): there are older rows (we came from them); newer ones only if the query found more.
  // Going forward or from the start: older rows only if the query found more; newer ones if we had a cursor.
  const olderCursor = last && (newestFirst ? more : true) ? cursorOf(last) : null;
  const newerCursor = first && (newestFirst ? Boolean(after) : more) ? cursorOf(first) : null;
  return {
    rows: page.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      workerNameAr: r.workerNameAr,
      workerNameEn: r.workerNameEn,
      civilId: r.civilId,
      lastDayAtWork: r.lastDayAtWork,
      createdAt: r.createdAt,
      submittedAt: r.submittedAt,
      openCancellation: Boolean(r.openCancellation),
    })),
    olderCursor,
    newerCursor,
  };
}

/** How many of the establishment's reports are in each status (for the filter). */
export async function countReportsByStatus(
  actor: EmployerActor,
  tx: Tx = db,
): Promise<Record<ReportStatus, number>> {
  const rows = await tx
    .select({ status: reports.status, n: count() })
    .from(reports)
    .where(eq(reports.establishmentId, actor.establishmentId))
    .groupBy(reports.status);
  const out = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>;
  for (const r of rows) out[r.status] = r.n;
  return out;
}

/** The id of the establishment's report with this reference (typed any way parseReference accepts), or null. */
export async function findOwnReportIdByReference(
  actor: EmployerActor,
  reference: string,
  tx: Tx = db,
): Promise<string | null> {
  const search = classifySearch(reference);
  if (search?.kind !== "reference") return null;
  const [row] = await tx
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.reference, search.reference), eq(reports.establishmentId, actor.establishmentId)));
  return row?.id ?? null;
}

export type TimelineActor =
  { kind: "employer"; name: string | null } | { kind: "staff" } | { kind: "worker" } | { kind: "system" };

export type TimelineEntry = {
  key: string;
  at: Date;
  actor: TimelineActor;
} & (
  | {
      type: "status";
      from: ReportStatus | null;
      to: ReportStatus;
      reasonCode: string | null;
      note: string | null;
    }
  | { type: "cancellation_requested"; reason: string; explanation: string }
  | {
      type: "cancellation_closed";
      status: "accepted" | "rejected" | "withdrawn";
      reasonCode: string | null;
      note: string | null;
    }
  | { type: "refund_requested"; ground: string; amountBaisa: number }
  | {
      type: "refund_closed";
      status: "approved" | "refunded" | "failed" | "rejected";
      reasonCode: string | null;
      note: string | null;
    }
);

/**
 * That the worker filed a grievance against the report, and where the latest stands — never its content.
 * The caller has already checked that the report belongs to the actor's establishment.
 */
export type GrievanceSummary = {
  status: (typeof grievances.$inferSelect)["status"];
  filedAt: Date;
  decidedAt: Date | null;
};
export async function loadGrievanceSummary(reportId: string, tx: Tx = db): Promise<GrievanceSummary | null> {
  const [latest] = await tx
    .select({ status: grievances.status, filedAt: grievances.createdAt, decidedAt: grievances.decidedAt })
    .from(grievances)
    .where(eq(grievances.reportId, reportId))
    .orderBy(desc(grievances.createdAt))
    .limit(1);
  return latest ?? null;
}

function actorOf(kind: string, id: string | null, names: Map<string, string>): TimelineActor {
  switch (kind) {
    case "employer":
      return { kind: "employer", name: (id && names.get(id)) || null };
    case "staff":
      return { kind: "staff" };
    case "worker":
      return { kind: "worker" };
    default:
      return { kind: "system" };
  }
}

/**
 * Everything the report page shows, or null when the report is not this establishment's. What the employer can
 * do now (`now`) comes from the lifecycle tables over the case's facts (lib/cases/what-now.ts), never from
 * status checks of its own. Grievance attachments are listed only where staff shared them with the employer:
 * the employer learns that a grievance exists and its outcome, not what the worker wrote or sent.
 */
export async function getReportDetail(
  actor: EmployerActor,
  reportId: string,
  now: Date = new Date(),
  tx: Tx = db,
) {
  if (!isUuid(reportId)) return null;
  const [head] = await tx
    .select({ report: reports, worker: workers })
    .from(reports)
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .where(and(eq(reports.id, reportId), eq(reports.establishmentId, actor.establishmentId)));
  if (!head) return null;
  const { report, worker } = head;

  const [facts, evidence, depositRows, events, people, governorate] = await Promise.all([
    loadCase(tx, report.id, { now }),
    tx
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.reportId, report.id))
      .orderBy(asc(evidenceFiles.kind), asc(evidenceFiles.createdAt)),
    tx.select().from(deposits).where(eq(deposits.reportId, report.id)).orderBy(desc(deposits.createdAt)),
    tx
      .select()
      .from(reportEvents)
      .where(eq(reportEvents.reportId, report.id))
      .orderBy(asc(reportEvents.at), asc(reportEvents.id)),
    // Names of this establishment's users only: an employer actor on this report can only be one of them.
    tx
      .select({ id: employerUsers.id, name: employerUsers.name })
      .from(employerUsers)
      .where(eq(employerUsers.establishmentId, actor.establishmentId)),
    report.workGovernorateCode
      ? tx.select().from(governorates).where(eq(governorates.code, report.workGovernorateCode))
      : Promise.resolve([]),
  ]);
  if (!facts) return null;
  const { cancellations, refunds } = facts;
  const names = new Map(people.map((p) => [p.id, p.name]));

  const timeline: TimelineEntry[] = [
    ...events.map((e): TimelineEntry => ({
      key: `e${e.id}`,
      at: e.at,
      actor: actorOf(e.actorKind, e.actorId, names),
      type: "status",
      from: e.fromStatus,
      to: e.toStatus,
      reasonCode: e.reasonCode,
      note: e.note,
    })),
    ...cancellations.flatMap((c): TimelineEntry[] => {
      const out: TimelineEntry[] = [
        {
          key: `c${c.id}`,
          at: c.createdAt,
          actor: actorOf("employer", c.requestedBy, names),
          type: "cancellation_requested",
          reason: c.reason,
          explanation: c.explanation,
        },
      ];
      if ((c.status === "accepted" || c.status === "rejected" || c.status === "withdrawn") && c.decidedAt) {
        out.push({
          key: `c${c.id}-closed`,
          at: c.decidedAt,
          // A withdrawal is the employer's; a decision is the ministry's.
          actor: c.status === "withdrawn" ? { kind: "employer", name: null } : { kind: "staff" },
          type: "cancellation_closed",
          status: c.status,
          reasonCode: c.decisionReasonCode,
          note: c.decisionNote,
        });
      }
      return out;
    }),
    ...refunds.flatMap((r): TimelineEntry[] => {
      const out: TimelineEntry[] = [
        {
          key: `r${r.id}`,
          at: r.createdAt,
          actor: actorOf("employer", r.requestedBy, names),
          type: "refund_requested",
          ground: r.ground,
          amountBaisa: r.amountBaisa,
        },
      ];
      if (r.status !== "submitted" && r.decidedAt) {
        out.push({
          key: `r${r.id}-closed`,
          at: r.decidedAt,
          actor: { kind: "staff" },
          type: "refund_closed",
          status: r.status,
          reasonCode: r.decisionReasonCode,
          note: r.decisionNote,
        });
      }
      return out;
    }),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  const whatNow = employerNow(facts, actorRef(actor));
  const openCancellation = cancellations.find((c) => c.id === whatNow.withdrawCancellation?.id) ?? null;
  const liveDeposit = depositRows.find((d) => d.status !== "failed" && d.status !== "expired") ?? null;
  const grievance: GrievanceSummary | null = whatNow.grievance;
  // Why the report cannot be discarded now (its discard page says so), from the report's own table.
  const discardBlocker = whyNot(reportMachine, "discarded", report.status, actorRef(actor), facts);
  return {
    report,
    worker,
    createdByName: names.get(report.createdBy) ?? null,
    governorate: governorate[0] ?? null,
    evidence: evidence.filter(employerMaySee),
    deposit: liveDeposit,
    depositHistory: depositRows,
    timeline,
    cancellations,
    openCancellation,
    refunds,
    refund: assessRefund(refundFactsOf(facts), now),
    grievance,
    /** Why the report cannot be discarded now (for its discard page), or null. */
    discardBlocker,
    now: whatNow,
  };
}

export type ReportDetail = NonNullable<Awaited<ReturnType<typeof getReportDetail>>>;

/**
 * For pages: one load per request of the report a page and its metadata both need (React's request cache;
 * the actor object is itself cached per request, so the key matches).
 */
export const getReportDetailForPage = cache((actor: EmployerActor, reportId: string) =>
  getReportDetail(actor, reportId),
);
