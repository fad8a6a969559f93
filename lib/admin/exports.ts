import { sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { csvStream, type CsvColumn } from "@/lib/csv";
import { auditPage, type AuditFilter, type AuditRow } from "./audit-log";
import { listQueue, type QueueFilters, type QueueItem, type QueueKind } from "./queues";
import { decodeRefundCursor, listRefundQueue, type RefundQueueFilters } from "./refunds/queue";
import { reportFilterSql, type StatisticsFilter } from "./statistics";

/**
 * CSV exports for staff. Each checks the role, records the export (it hands people's data out of the
 * service) and returns a stream that reads the list a page at a time by keyset, so the file is never held
 * in memory and a slow download holds no transaction open.
 */

const PAGE = 500;

/** Baisa as OMR text with three decimals ("85.000"): exact, and a number to a spreadsheet. */
export function omrText(baisa: number | null): string | null {
  if (baisa === null) return null;
  const sign = baisa < 0 ? "-" : "";
  const abs = Math.abs(baisa);
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, "0")}`;
}

type ReportExportRow = {
  id: string;
  submitted_key: string;
  reference: string;
  status: string;
  submitted_at: string;
  decided_at: string | null;
  governorate: string;
  establishment_cr: string;
  establishment_ar: string;
  establishment_en: string;
  worker_civil_id: string;
  worker_ar: string;
  worker_en: string;
  nationality: string;
  fee_baisa: number | null;
  deposit_status: string | null;
  deposit_baisa: number | null;
  refunded_baisa: number | null;
};

const REPORT_COLUMNS: CsvColumn<ReportExportRow>[] = [
  { header: "reference", value: (r) => r.reference },
  { header: "status", value: (r) => r.status },
  { header: "submitted_at_utc", value: (r) => r.submitted_at },
  { header: "decided_at_utc", value: (r) => r.decided_at },
  { header: "governorate", value: (r) => r.governorate },
  { header: "establishment_cr", value: (r) => r.establishment_cr },
  { header: "establishment_name_ar", value: (r) => r.establishment_ar },
  { header: "establishment_name_en", value: (r) => r.establishment_en },
  { header: "worker_civil_id", value: (r) => r.worker_civil_id },
  { header: "worker_name_ar", value: (r) => r.worker_ar },
  { header: "worker_name_en", value: (r) => r.worker_en },
  { header: "worker_nationality", value: (r) => r.nationality },
  { header: "fee_omr", value: (r) => omrText(r.fee_baisa) },
  { header: "deposit_status", value: (r) => r.deposit_status },
  { header: "deposit_omr", value: (r) => omrText(r.deposit_baisa) },
  { header: "refunded_omr", value: (r) => omrText(r.refunded_baisa) },
];

const TS = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

/**
 * The reports a statistics filter selects, oldest first (keyset on submitted_at, id), for any member of staff.
 */
export async function exportReportsCsv(
  actor: Actor | null,
  filter: StatisticsFilter,
  ctx: { ip?: string | null; tx?: Tx; pageSize?: number; read?: Tx } = {},
): Promise<ReadableStream<Uint8Array>> {
  const staff = assertStaffRole(actor, ["reviewer", "finance", "supervisor"]);
  const q = ctx.tx ?? db;
  await recordAudit(q, {
    actor: { kind: "staff", id: staff.userId },
    action: "reports.exported",
    entityType: "report",
    after: { filter },
    ip: ctx.ip ?? null,
  });
  const where = reportFilterSql(filter);
  const size = ctx.pageSize ?? PAGE;
  return csvStream(REPORT_COLUMNS, async (after) => {
    const keyset = after
      ? sql`and (r.submitted_at, r.id) > (${after.submitted_key}::timestamptz, ${after.id}::uuid)`
      : sql``;
    // The rows may come from a read replica (ctx.read); the audit row above is written to the primary.
    return (ctx.read ?? q).execute<ReportExportRow>(sql`
      select r.id, ${TS("r.submitted_at")} as submitted_key, r.reference, r.status::text as status,
             to_char(r.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as submitted_at,
             to_char(r.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as decided_at,
             r.stats_governorate_code as governorate,
             e.cr_number as establishment_cr, e.name_ar as establishment_ar, e.name_en as establishment_en,
             w.civil_id as worker_civil_id, w.name_ar as worker_ar, w.name_en as worker_en, w.nationality,
             r.fee_baisa, d.status::text as deposit_status, d.amount_baisa as deposit_baisa, d.refunded_baisa
      from reports r
      join establishments e on e.id = r.establishment_id
      join workers w on w.id = r.worker_id
      left join deposits d on d.report_id = r.id and d.status in ('pending', 'paid', 'utilised', 'refunded')
      where ${where} ${keyset}
      order by r.submitted_at, r.id
      limit ${size}`);
  });
}

const AUDIT_COLUMNS: CsvColumn<AuditRow>[] = [
  { header: "id", value: (r) => r.id },
  { header: "at_utc", value: (r) => r.at },
  { header: "actor_kind", value: (r) => r.actorKind },
  { header: "actor_id", value: (r) => r.actorId },
  { header: "actor_name", value: (r) => r.actorName },
  { header: "action", value: (r) => r.action },
  { header: "entity_type", value: (r) => r.entityType },
  { header: "entity_id", value: (r) => r.entityId },
  { header: "before", value: (r) => (r.before === null ? null : JSON.stringify(r.before)) },
  { header: "after", value: (r) => (r.after === null ? null : JSON.stringify(r.after)) },
  { header: "ip", value: (r) => r.ip },
];

/** The audit events a filter selects, newest first (keyset on at desc, id desc), for a supervisor. */
export async function exportAuditCsv(
  actor: Actor | null,
  filter: AuditFilter,
  ctx: { ip?: string | null; tx?: Tx; pageSize?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  const staff = assertStaffRole(actor, ["supervisor"]);
  const q = ctx.tx ?? db;
  await recordAudit(q, {
    actor: { kind: "staff", id: staff.userId },
    action: "audit.exported",
    entityType: "audit_log",
    after: { filter },
    ip: ctx.ip ?? null,
  });
  const size = ctx.pageSize ?? PAGE;
  return csvStream(AUDIT_COLUMNS, (after) =>
    auditPage(filter, after ? { at: after.atText, id: after.id } : null, size, q),
  );
}

const QUEUE_COLUMNS: CsvColumn<QueueItem>[] = [
  { header: "reference", value: (r) => r.reference },
  { header: "status", value: (r) => r.status },
  { header: "queued_at_utc", value: (r) => r.queuedAt.toISOString() },
  { header: "governorate", value: (r) => r.governorateCode },
  { header: "establishment_cr", value: (r) => r.crNumber },
  { header: "establishment_name_ar", value: (r) => r.establishmentNameAr },
  { header: "establishment_name_en", value: (r) => r.establishmentNameEn },
  { header: "worker_civil_id", value: (r) => r.civilId },
  { header: "worker_name_ar", value: (r) => r.workerNameAr },
  { header: "worker_name_en", value: (r) => r.workerNameEn },
  { header: "worker_nationality", value: (r) => r.nationality },
];

/** A reviewer's queue with its filters, oldest first, read page by page with the queue's own keyset cursor. */
export async function exportQueueCsv(
  actor: Actor | null,
  kind: QueueKind,
  filters: Omit<QueueFilters, "after" | "limit">,
  ctx: { ip?: string | null; pageSize?: number; read?: Tx } = {},
): Promise<ReadableStream<Uint8Array>> {
  const staff = assertStaffRole(actor, ["reviewer"]);
  await recordAudit(db, {
    actor: { kind: "staff", id: staff.userId },
    action: "queue.exported",
    entityType: kind,
    after: { filters },
    ip: ctx.ip ?? null,
  });
  let cursor: string | null = null;
  let done = false;
  return csvStream(QUEUE_COLUMNS, async () => {
    if (done) return [];
    const page = await listQueue(
      staff,
      kind,
      { ...filters, after: cursor, limit: ctx.pageSize ?? 100 },
      ctx.read ?? db,
    );
    cursor = page.nextCursor;
    done = !cursor;
    return page.items;
  });
}

type RefundExportRow = Awaited<ReturnType<typeof listRefundQueue>>["items"][number];

const REFUND_COLUMNS: CsvColumn<RefundExportRow>[] = [
  { header: "reference", value: (r) => r.reference },
  { header: "status", value: (r) => r.status },
  { header: "ground", value: (r) => r.ground },
  { header: "amount_omr", value: (r) => omrText(r.amountBaisa) },
  { header: "requested_at_utc", value: (r) => r.createdAt.toISOString() },
  { header: "deposit_status", value: (r) => r.depositStatus },
  { header: "establishment_cr", value: (r) => r.crNumber },
  { header: "establishment_name_ar", value: (r) => r.establishmentAr },
  { header: "establishment_name_en", value: (r) => r.establishmentEn },
  { header: "worker_name_ar", value: (r) => r.workerAr },
  { header: "worker_name_en", value: (r) => r.workerEn },
];

/** Finance's refund queue with its filters, in the queue's order, read page by page with its cursor. */
export async function exportRefundsCsv(
  actor: Actor | null,
  filters: RefundQueueFilters,
  ctx: { ip?: string | null; pageSize?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  const staff = assertStaffRole(actor, ["finance"]);
  await recordAudit(db, {
    actor: { kind: "staff", id: staff.userId },
    action: "refunds.exported",
    entityType: "refund_request",
    after: { filters },
    ip: ctx.ip ?? null,
  });
  let cursor: string | null = null;
  let done = false;
  return csvStream(REFUND_COLUMNS, async () => {
    if (done) return [];
    const page = await listRefundQueue(staff, filters, {
      after: decodeRefundCursor(cursor ?? undefined),
      limit: ctx.pageSize ?? 100,
    });
    cursor = page.next;
    done = !cursor;
    return page.items;
  });
}
