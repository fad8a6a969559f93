import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { establishments, inspectionReferrals, reports, suspensions, workers } from "@/db/schema";
import { assertStaffRole, staffRef, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { isUuid } from "@/lib/ids";
import { moveReferral, referralLifecycle } from "@/lib/inspections/lifecycle";
import { lockRow } from "@/lib/lifecycle/transition";

/** The UTC bounds of a referral's Muscat period ("2026-11" a month, "2026" a year). */
export function periodBounds(period: "month" | "year", key: string): { from: Date; to: Date } {
  if (period === "year") {
    const y = Number(key);
    return { from: new Date(`${y}-01-01T00:00:00+04:00`), to: new Date(`${y + 1}-01-01T00:00:00+04:00`) };
  }
  const [y, m] = key.split("-").map(Number) as [number, number];
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    from: new Date(`${y}-${pad(m)}-01T00:00:00+04:00`),
    to: new Date(`${ny}-${pad(nm)}-01T00:00:00+04:00`),
  };
}

/** Art. 4 referrals, open ones first and oldest first, each with the reports submitted in its period. */
export async function listInspectionReferrals(
  actorIn: Actor | null,
  opts: { status?: "open" | "compliant" | "non_compliant" | null } = {},
) {
  assertStaffRole(actorIn, ["supervisor"]);
  const rows = await db
    .select({ referral: inspectionReferrals, establishment: establishments })
    .from(inspectionReferrals)
    .innerJoin(establishments, eq(establishments.id, inspectionReferrals.establishmentId))
    .where(opts.status ? eq(inspectionReferrals.status, opts.status) : undefined)
    .orderBy(
      sql`${inspectionReferrals.status} = 'open' desc`,
      asc(inspectionReferrals.createdAt),
      asc(inspectionReferrals.id),
    )
    .limit(200);
  const out = [];
  for (const r of rows) out.push({ ...r, reports: await triggeringReports(r.referral, r.establishment.id) });
  const [open] = await db
    .select({
      n: sql<number>`count(*)::int`,
      oldest: sql<Date | null>`min(${inspectionReferrals.createdAt})`,
    })
    .from(inspectionReferrals)
    .where(inArray(inspectionReferrals.status, ["open"]));
  return { items: out, open: { count: open?.n ?? 0, oldest: open?.oldest ? new Date(open.oldest) : null } };
}

/**
 * One referral with its establishment and triggering reports (null when there is none). Opening it is a staff
 * view of an establishment's record and is recorded (`inspection.viewed`, issue 10 §13).
 */
export async function getInspectionReferral(
  actorIn: Actor | null,
  id: string,
  ctx: { ip?: string | null } = {},
) {
  const actor = assertStaffRole(actorIn, ["supervisor"]);
  if (!isUuid(id)) return null;
  const [r] = await db
    .select({ referral: inspectionReferrals, establishment: establishments })
    .from(inspectionReferrals)
    .innerJoin(establishments, eq(establishments.id, inspectionReferrals.establishmentId))
    .where(eq(inspectionReferrals.id, id));
  if (!r) return null;
  const [suspension] = await db
    .select()
    .from(suspensions)
    .where(and(eq(suspensions.establishmentId, r.establishment.id), eq(suspensions.status, "active")));
  await recordAudit(db, {
    actor: { kind: "staff", id: actor.userId },
    action: "inspection.viewed",
    entityType: "inspection_referral",
    entityId: r.referral.id,
    after: { establishmentId: r.establishment.id },
    ip: ctx.ip ?? null,
  });
  return {
    ...r,
    reports: await triggeringReports(r.referral, r.establishment.id),
    /** The establishment's suspension in force, if any (a supervisor may lift it from this page). */
    suspension: suspension ?? null,
  };
}

/** The establishment's reports submitted in the referral's period (what made it due). */
async function triggeringReports(
  referral: { period: "month" | "year"; periodKey: string },
  establishmentId: string,
) {
  const { from, to } = periodBounds(referral.period, referral.periodKey);
  return db
    .select({
      id: reports.id,
      reference: reports.reference,
      status: reports.status,
      submittedAt: reports.submittedAt,
      workerAr: workers.nameAr,
      workerEn: workers.nameEn,
    })
    .from(reports)
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .where(
      and(
        eq(reports.establishmentId, establishmentId),
        isNotNull(reports.submittedAt),
        gte(reports.submittedAt, from),
        lt(reports.submittedAt, to),
      ),
    )
    .orderBy(asc(reports.submittedAt));
}

export type RecordInspectionResult =
  | { ok: true; suspendedUntil: Date | null }
  | { ok: false; code: "not_found" | "already_decided" | "note_required" | "outcome_invalid" };

export { suspensionEnd } from "@/lib/inspections/lifecycle";

/**
 * The supervisor records an inspection's outcome: the referral's own move (lib/inspections/states.ts), whose
 * consequences tell the establishment and, when non-compliant, suspend its services in this system for
 * RULES.suspensionYears (lib/suspensions: a longer suspension already in force is kept).
 */
export async function recordInspectionOutcome(
  actorIn: Actor | null,
  input: { referralId: string; outcome: "compliant" | "non_compliant"; note: string },
  ctx: { ip?: string | null; now?: Date } = {},
): Promise<RecordInspectionResult> {
  const actor = assertStaffRole(actorIn, ["supervisor"]);
  if (input.outcome !== "compliant" && input.outcome !== "non_compliant")
    return { ok: false, code: "outcome_invalid" };
  const note = input.note.trim().slice(0, 2000);
  if (input.outcome === "non_compliant" && !note) return { ok: false, code: "note_required" };
  if (!isUuid(input.referralId)) return { ok: false, code: "not_found" };
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const ref = await lockRow(tx, referralLifecycle, input.referralId);
    if (!ref) return { ok: false, code: "not_found" } as const;
    if (ref.status !== "open") return { ok: false, code: "already_decided" } as const;
    await moveReferral(tx, input.outcome, {
      id: ref.id,
      actor: staffRef(actor),
      context: { now, referral: ref },
      reasonCode: input.outcome,
      note: note || null,
      set: { outcomeNote: note || null, decidedBy: actor.userId, decidedAt: now },
      audit: { establishmentId: ref.establishmentId },
      ip: ctx.ip ?? null,
      now,
    });
    if (input.outcome === "compliant") return { ok: true, suspendedUntil: null } as const;
    const [est] = await tx
      .select({ until: establishments.servicesSuspendedUntil })
      .from(establishments)
      .where(eq(establishments.id, ref.establishmentId));
    return { ok: true, suspendedUntil: est?.until ?? null } as const;
  });
}
