import { asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { staffUsers, ticketFees } from "@/db/schema";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { currentFeeBaisa, DEFAULT_FEE_NATIONALITY } from "@/lib/reports/fees";
import { toLatinDigits } from "@/lib/i18n/digits";
import { isUniqueViolation } from "@/lib/db-errors";

export { DEFAULT_FEE_NATIONALITY };

/**
 * The fee in force for a nationality at an instant: the newest row with effective_from ≤ at, else the 'ZZ'
 * fallback's. This is the lookup the filing journey uses when it fixes a report's `feeBaisa` on sending it to
 * payment, so a fee added later never changes a report already priced.
 */
export async function feeInForce(
  nationality: string,
  at: Date = new Date(),
  database: Tx = db,
): Promise<number | null> {
  // The very rule the filing journey prices reports with: one implementation, so the two cannot drift.
  return currentFeeBaisa(database, nationality.toUpperCase(), at);
}

/** "145.500" (or "145.5", "145", in any digits) OMR → 145500 baisa; null unless a positive amount with at most 3 decimals. */
export function parseOmrToBaisa(text: string): number | null {
  // Either kind of Eastern digits (the Persian ones were refused before), and the Arabic decimal separator.
  const t = toLatinDigits(text.trim()).replace("٫", ".");
  const m = /^(\d{1,6})(?:\.(\d{1,3}))?$/.exec(t);
  if (!m) return null;
  const baisa = Number(m[1]) * 1000 + Number((m[2] ?? "").padEnd(3, "0") || 0);
  return baisa > 0 ? baisa : null;
}

/** "2026-12-01T08:00" read as Muscat time (UTC+4, no daylight saving) → the UTC instant. */
export function muscatLocalToUtc(local: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+04:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const addFeeSchema = z.object({
  nationality: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, "nationality_invalid")),
  amount: z.string().trim().min(1, "amount_required"),
  /** Empty: from now. */
  effectiveFrom: z.string().trim().optional().default(""),
});

export type AddFeeResult =
  | { ok: true; id: string; amountBaisa: number; effectiveFrom: Date }
  | { ok: false; fieldErrors: Record<string, string> };

/**
 * Finance or a supervisor adds a fee for a nationality from a date-time (now or later; never back-dated, so
 * reports already priced keep their fee). Amounts are integer baisa, multiples of 10 (Stripe's rule for OMR).
 */
export async function addTicketFee(
  actorIn: Actor | null,
  input: { nationality: string; amount: string; effectiveFrom?: string },
  ctx: { ip?: string | null; now?: Date } = {},
): Promise<AddFeeResult> {
  const actor = assertStaffRole(actorIn, ["finance"]);
  const parsed = addFeeSchema.safeParse(input);
  const fieldErrors: Record<string, string> = {};
  if (!parsed.success) {
    for (const i of parsed.error.issues) fieldErrors[String(i.path[0] ?? "_form")] ??= i.message;
    return { ok: false, fieldErrors };
  }
  const now = ctx.now ?? new Date();
  const amountBaisa = parseOmrToBaisa(parsed.data.amount);
  if (amountBaisa === null) fieldErrors.amount = "fee_amount_invalid";
  else if (amountBaisa % 10 !== 0) fieldErrors.amount = "amount_multiple_of_10";
  let effectiveFrom = now;
  if (parsed.data.effectiveFrom) {
    const at = muscatLocalToUtc(parsed.data.effectiveFrom);
    // Minute precision in the form: the current minute counts as now.
    if (!at) fieldErrors.effectiveFrom = "effective_invalid";
    else if (at.getTime() < now.getTime() - 60_000) fieldErrors.effectiveFrom = "effective_past";
    else effectiveFrom = at < now ? now : at;
  }
  if (Object.keys(fieldErrors).length || amountBaisa === null) return { ok: false, fieldErrors };
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(ticketFees)
        .values({ nationality: parsed.data.nationality, amountBaisa, effectiveFrom, createdBy: actor.userId })
        .returning({ id: ticketFees.id });
      await recordAudit(tx, {
        actor: { kind: "staff", id: actor.userId },
        action: "fee.added",
        entityType: "ticket_fee",
        entityId: row!.id,
        after: {
          nationality: parsed.data.nationality,
          amountBaisa,
          effectiveFrom: effectiveFrom.toISOString(),
        },
        ip: ctx.ip ?? null,
      });
      return { ok: true, id: row!.id, amountBaisa, effectiveFrom } as const;
    });
  } catch (e) {
    if (isUniqueViolation(e, "ticket_fees_nationality_from"))
      return { ok: false, fieldErrors: { effectiveFrom: "effective_taken" } };
    throw e;
  }
}

/** The fee table by nationality ('ZZ' first), each nationality's rows newest first, with which is in force. */
export async function listTicketFees(actorIn: Actor | null, now: Date = new Date()) {
  assertStaffRole(actorIn, ["finance"]);
  const rows = await db
    .select({
      id: ticketFees.id,
      nationality: ticketFees.nationality,
      amountBaisa: ticketFees.amountBaisa,
      effectiveFrom: ticketFees.effectiveFrom,
      createdBy: staffUsers.name,
    })
    .from(ticketFees)
    .leftJoin(staffUsers, eq(staffUsers.id, ticketFees.createdBy))
    .orderBy(
      sql`${ticketFees.nationality} = 'ZZ' desc`,
      asc(ticketFees.nationality),
      desc(ticketFees.effectiveFrom),
    );
  const groups = new Map<
    string,
    { nationality: string; rows: ((typeof rows)[number] & { state: "future" | "current" | "past" })[] }
  >();
  for (const r of rows) {
    const g = groups.get(r.nationality) ?? { nationality: r.nationality, rows: [] };
    const current = g.rows.some((x) => x.state === "current");
    const state = r.effectiveFrom > now ? "future" : current ? "past" : "current";
    g.rows.push({ ...r, state });
    groups.set(r.nationality, g);
  }
  return [...groups.values()];
}
