import { eq, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { governorates } from "@/db/schema";
import { assertStaffRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { governorateScheduleSchema, type GovernorateSchedule } from "./schemas";

export type UpdateScheduleResult =
  | { ok: true; changed: boolean; schedule: GovernorateSchedule }
  | { ok: false; code: "invalid"; fieldErrors: Record<string, string> }
  | { ok: false; code: "not_found" };

/**
 * A supervisor sets when a governorate's electronic filing becomes a pilot and when it becomes mandatory
 * (DOMAIN.md §2). The state "today" is derived from these dates everywhere, so this is the only write.
 *
 * Checks, in order: the actor is staff and a supervisor (ForbiddenError otherwise), the dates are valid and
 * in order, the governorate exists. The change and its audit event (before and after) are written together.
 * Saving the same dates again changes nothing and records nothing.
 */
export async function updateGovernorateSchedule(
  actor: Actor | null,
  input: { code: string; pilotFrom: string | null; mandatoryFrom: string | null },
  ctx: { ip?: string | null; tx?: Tx } = {},
): Promise<UpdateScheduleResult> {
  const staff = assertStaffRole(actor, ["supervisor"]);

  const parsed = governorateScheduleSchema.safeParse({
    code: input.code,
    pilotFrom: input.pilotFrom ?? "",
    mandatoryFrom: input.mandatoryFrom ?? "",
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "_form")] ??= issue.message;
    return { ok: false, code: "invalid", fieldErrors };
  }
  const next = parsed.data;

  return (ctx.tx ?? db).transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(governorates)
      .where(eq(governorates.code, next.code))
      .for("update");
    if (!current) return { ok: false, code: "not_found" } as const;
    const before = { pilotFrom: current.pilotFrom, mandatoryFrom: current.mandatoryFrom };
    const after = { pilotFrom: next.pilotFrom, mandatoryFrom: next.mandatoryFrom };
    if (before.pilotFrom === after.pilotFrom && before.mandatoryFrom === after.mandatoryFrom) {
      return { ok: true, changed: false, schedule: next } as const;
    }
    await tx
      .update(governorates)
      .set({ ...after, updatedAt: sql`now()` })
      .where(eq(governorates.code, next.code));
    await recordAudit(tx, {
      actor: { kind: "staff", id: staff.userId },
      action: "governorate.schedule_updated",
      entityType: "governorate",
      entityId: next.code,
      before,
      after,
      ip: ctx.ip ?? null,
    });
    return { ok: true, changed: true, schedule: next } as const;
  });
}
