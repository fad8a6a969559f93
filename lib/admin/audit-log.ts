import { and, desc, eq, like, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { isCalendarDate } from "@/lib/time";
import { db, type Tx } from "@/db";
import { auditEvents } from "@/db/schema";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { isMicrosecondUtc, packCursor, unpackCursor } from "@/lib/cursor";

/**
 * The supervisor's audit-log browser (issue 5 §8): filter by who acted, the action, the entity and a date
 * range (Muscat calendar days); newest first, keyset-paginated on (at desc, id desc). Reading the log is
 * itself recorded, with the filter used.
 */

export const ACTOR_KINDS = ["staff", "employer", "worker", "system", "anonymous"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

const optionalText = (max: number, pattern?: RegExp, patternError = "invalid") =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || v.length <= max, { error: "too_long" })
    .refine((v) => v === null || !pattern || pattern.test(v), { error: patternError });
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || isCalendarDate(v), { error: "date_invalid" });

export const auditFilterSchema = z
  .object({
    actorKind: z
      .string()
      .optional()
      .transform((v) => v || null)
      .refine((v): v is ActorKind | null => v === null || (ACTOR_KINDS as readonly string[]).includes(v), {
        error: "actor_kind_invalid",
      }),
    action: optionalText(60),
    entityType: optionalText(40),
    entityId: optionalText(64, /^[A-Za-z0-9._:-]+$/, "entity_id_invalid"),
    from: optionalDate,
    to: optionalDate,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], error: "range_reversed" });

export type AuditFilter = {
  actorKind: ActorKind | null;
  action: string | null;
  entityType: string | null;
  entityId: string | null;
  from: string | null;
  to: string | null;
};

export const EMPTY_AUDIT_FILTER: AuditFilter = {
  actorKind: null,
  action: null,
  entityType: null,
  entityId: null,
  from: null,
  to: null,
};

export type AuditFilterParse =
  { ok: true; filter: AuditFilter } | { ok: false; filter: AuditFilter; errors: Record<string, string> };

export function parseAuditFilter(input: Record<string, string | string[] | undefined>): AuditFilterParse {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 200);
  const parsed = auditFilterSchema.safeParse({
    actorKind: one(input.actorKind),
    action: one(input.action),
    entityType: one(input.entityType),
    entityId: one(input.entityId),
    from: one(input.from),
    to: one(input.to),
  });
  if (parsed.success) return { ok: true, filter: parsed.data as AuditFilter };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
  return { ok: false, filter: EMPTY_AUDIT_FILTER, errors };
}

export function auditFilterQuery(f: AuditFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The page after an event: its time as PostgreSQL's microsecond UTC text (a Date would round) and its id. */
export type AuditCursor = { at: string; id: number };
export function encodeAuditCursor(c: AuditCursor): string {
  return packCursor([c.at, c.id]);
}

/** A cursor from a URL, or null when it is missing or not one of ours (then the first page is shown). */
export function decodeAuditCursor(value: string | null | undefined): AuditCursor | null {
  const [at, id] = unpackCursor(value, 2, 80) ?? [];
  if (!at || !id || !isMicrosecondUtc(at) || !/^\d{1,18}$/.test(id)) return null;
  return { at, id: Number(id) };
}

function whereFor(f: AuditFilter, after: AuditCursor | null): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    f.actorKind ? eq(auditEvents.actorKind, f.actorKind) : undefined,
    // A prefix: "report." finds every report action. LIKE's wildcards in the input are taken literally.
    f.action ? like(auditEvents.action, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    f.entityType ? eq(auditEvents.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditEvents.entityId, f.entityId) : undefined,
    f.from ? sql`${auditEvents.at} >= (${f.from}::date)::timestamp at time zone 'Asia/Muscat'` : undefined,
    f.to ? sql`${auditEvents.at} < ((${f.to}::date + 1))::timestamp at time zone 'Asia/Muscat'` : undefined,
    after ? sql`(${auditEvents.at}, ${auditEvents.id}) < (${after.at}::timestamptz, ${after.id})` : undefined,
  ];
  return and(...parts.filter((p): p is SQL => p !== undefined));
}

export type AuditRow = {
  id: number;
  at: Date;
  atText: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

/** One page of events after `after` (null: the newest), straight from the table; no audit row of its own. */
export async function auditPage(
  f: AuditFilter,
  after: AuditCursor | null,
  limit: number,
  q: Tx = db,
): Promise<AuditRow[]> {
  return q
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      atText: sql<string>`to_char(${auditEvents.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      actorKind: auditEvents.actorKind,
      actorId: auditEvents.actorId,
      // Who the staff member was, for a readable list (other kinds show their id).
      actorName: sql<
        string | null
      >`(select s.name from staff_users s where ${auditEvents.actorKind} = 'staff' and s.id = ${auditEvents.actorId})`,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
      ip: auditEvents.ip,
    })
    .from(auditEvents)
    .where(whereFor(f, after))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
}

export const AUDIT_PAGE_SIZE = 50;

export type AuditListing = { rows: AuditRow[]; next: string | null };

/**
 * A page of the audit log for a supervisor (ForbiddenError for anyone else). Records `audit.viewed` with
 * the filter and the page, so reading the trail leaves a trace in it too.
 */
export async function browseAuditLog(
  actor: Actor | null,
  f: AuditFilter,
  cursor: AuditCursor | null,
  ctx: { ip?: string | null; limit?: number; tx?: Tx } = {},
): Promise<AuditListing> {
  const staff = assertStaffRole(actor, ["supervisor"]);
  const limit = Math.min(Math.max(ctx.limit ?? AUDIT_PAGE_SIZE, 1), 200);
  const q = ctx.tx ?? db;
  const rows = await auditPage(f, cursor, limit + 1, q);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  await recordAudit(q, {
    actor: { kind: "staff", id: staff.userId },
    action: "audit.viewed",
    entityType: "audit_log",
    after: { filter: f, cursor, shown: page.length },
    ip: ctx.ip ?? null,
  });
  return { rows: page, next: more && last ? encodeAuditCursor({ at: last.atText, id: last.id }) : null };
}
