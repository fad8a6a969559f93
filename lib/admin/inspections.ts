import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { establishments, inspectionReferrals, reports, workers } from "@/db/schema";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { notify } from "@/lib/notifications/notify";
import { RULES } from "@/lib/reports/settings";
import { muscatDate } from "@/lib/time";

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
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null;
  const [r] = await db
    .select({ referral: inspectionReferrals, establishment: establishments })
    .from(inspectionReferrals)
    .innerJoin(establishments, eq(establishments.id, inspectionReferrals.establishmentId))
    .where(eq(inspectionReferrals.id, id));
  if (!r) return null;
  await recordAudit(db, {
    actor: { kind: "staff", id: actor.userId },
    action: "inspection.viewed",
    entityType: "inspection_referral",
    entityId: r.referral.id,
    after: { establishmentId: r.establishment.id },
    ip: ctx.ip ?? null,
  });
  return { ...r, reports: await triggeringReports(r.referral, r.establishment.id) };
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

/** One year (RULES.suspensionYears) from an instant, on the calendar. */
export function suspensionEnd(now: Date): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + RULES.suspensionYears);
  return d;
}

/**
 * The supervisor records an inspection's outcome. Non-compliant suspends the establishment's services for
 * RULES.suspensionYears from now (a longer suspension already in force is kept); filing then refuses with the
 * end date. The establishment is told by e-mail.
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
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const [ref] = await tx
      .select()
      .from(inspectionReferrals)
      .where(eq(inspectionReferrals.id, input.referralId))
      .for("update");
    if (!ref) return { ok: false, code: "not_found" } as const;
    if (ref.status !== "open") return { ok: false, code: "already_decided" } as const;
    await tx
      .update(inspectionReferrals)
      .set({ status: input.outcome, outcomeNote: note || null, decidedBy: actor.userId, decidedAt: now })
      .where(eq(inspectionReferrals.id, ref.id));
    await recordAudit(tx, {
      actor: { kind: "staff", id: actor.userId },
      action: `inspection.${input.outcome}`,
      entityType: "inspection_referral",
      entityId: ref.id,
      before: { status: "open" },
      after: { status: input.outcome, note: note || null, establishmentId: ref.establishmentId },
      ip: ctx.ip ?? null,
    });
    if (input.outcome === "compliant") return { ok: true, suspendedUntil: null } as const;
    const [est] = await tx
      .select()
      .from(establishments)
      .where(eq(establishments.id, ref.establishmentId))
      .for("update");
    const end = suspensionEnd(now);
    const until =
      est?.servicesSuspendedUntil && est.servicesSuspendedUntil > end ? est.servicesSuspendedUntil : end;
    await tx
      .update(establishments)
      .set({ servicesSuspendedUntil: until })
      .where(eq(establishments.id, ref.establishmentId));
    await recordAudit(tx, {
      actor: { kind: "staff", id: actor.userId },
      action: "establishment.suspended",
      entityType: "establishment",
      entityId: ref.establishmentId,
      before: { servicesSuspendedUntil: est?.servicesSuspendedUntil?.toISOString() ?? null },
      after: { servicesSuspendedUntil: until.toISOString(), referralId: ref.id },
      ip: ctx.ip ?? null,
    });
    if (est) {
      await notify(tx, {
        channel: "email",
        recipient: est.email,
        template: "employer.services-suspended",
        locale: "ar",
        params: { establishmentAr: est.nameAr, establishmentEn: est.nameEn, until: muscatDate(until), note },
        entity: { type: "establishment", id: est.id },
      });
    }
    return { ok: true, suspendedUntil: until } as const;
  });
}
