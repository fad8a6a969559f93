import { and, eq, lte } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { establishments, suspensions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { assertStaffRole, staffRef, type Actor } from "@/lib/auth/actor";
import { notifyEstablishment } from "@/lib/cases/parties";
import { isUuid } from "@/lib/ids";
import type { ActorRef } from "@/lib/lifecycle/machine";
import { refuse } from "@/lib/lifecycle/refusal";
import {
  bindLifecycle,
  lockRow,
  recordCreation,
  transition,
  type Effect,
  type MoveInput,
} from "@/lib/lifecycle/transition";
import { log } from "@/lib/log";
import {
  suspensionMachine,
  type SuspensionContext,
  type SuspensionMove,
  type SuspensionRow,
  type SuspensionStatus,
} from "./states";

type SuspensionEffect = Effect<SuspensionRow, SuspensionContext, SuspensionMove>;

/** The filing rules read establishments.services_suspended_until: it holds an active suspension's end, or null. */
const clearEstablishment: SuspensionEffect = async (tx, ev) => {
  await tx
    .update(establishments)
    .set({ servicesSuspendedUntil: null })
    .where(eq(establishments.id, ev.after.establishmentId));
};

const tellEnded =
  (how: "ended" | "lifted"): SuspensionEffect =>
  async (tx, ev) => {
    await notifyEstablishment(
      tx,
      ev.after.establishmentId,
      {
        template: "employer.suspension-ended.email",
        params: (est) => ({
          establishmentAr: est.nameAr,
          establishmentEn: est.nameEn,
          how,
          reason: how === "lifted" ? (ev.after.liftReason ?? null) : null,
        }),
      },
      { type: "suspension", id: ev.after.id },
    );
  };

export const suspensionLifecycle = bindLifecycle<
  SuspensionStatus,
  SuspensionMove,
  SuspensionContext,
  SuspensionRow
>({
  machine: suspensionMachine,
  table: suspensions as never,
  history: "lifecycle_events",
  entityType: "suspension",
  reportIdOf: () => null,
  effects: {
    ended: [clearEstablishment, tellEnded("ended")],
    lifted: [clearEstablishment, tellEnded("lifted")],
  },
});

export function moveSuspension(
  tx: Tx,
  move: SuspensionMove,
  input: MoveInput<SuspensionRow, SuspensionContext>,
): Promise<SuspensionRow> {
  return transition(tx, suspensionLifecycle, move, input);
}

/**
 * Suspends an establishment until `endsAt` (the referral's non-compliant consequence), in the caller's
 * transaction: a new suspension, or — when one is already active (one per establishment, by a unique index) —
 * that one extended if it ends sooner. Keeps establishments.services_suspended_until in step. Returns the end
 * of the suspension now in force.
 */
export async function suspendEstablishment(
  tx: Tx,
  input: { establishmentId: string; referralId: string | null; endsAt: Date; now: Date; actor: ActorRef },
): Promise<{ suspension: SuspensionRow; until: Date }> {
  const auditActor = { kind: input.actor.kind, id: input.actor.kind === "system" ? null : input.actor.id };
  await tx
    .select({ id: establishments.id })
    .from(establishments)
    .where(eq(establishments.id, input.establishmentId))
    .for("update");
  const [active] = await tx
    .select()
    .from(suspensions)
    .where(and(eq(suspensions.establishmentId, input.establishmentId), eq(suspensions.status, "active")))
    .for("update");
  let suspension: SuspensionRow;
  if (active) {
    suspension = active;
    if (input.endsAt > active.endsAt) {
      const [extended] = await tx
        .update(suspensions)
        .set({ endsAt: input.endsAt, updatedAt: input.now })
        .where(eq(suspensions.id, active.id))
        .returning();
      suspension = extended!;
      await recordAudit(tx, {
        actor: auditActor,
        action: "suspension.extended",
        entityType: "suspension",
        entityId: active.id,
        before: { endsAt: active.endsAt.toISOString() },
        after: { endsAt: input.endsAt.toISOString(), referralId: input.referralId },
      });
    }
  } else {
    const [created] = await tx
      .insert(suspensions)
      .values({
        establishmentId: input.establishmentId,
        referralId: input.referralId,
        startsAt: input.now,
        endsAt: input.endsAt,
      })
      .returning();
    suspension = created!;
    await recordCreation(tx, {
      machine: suspensionMachine,
      id: suspension.id,
      reportId: null,
      status: "active",
      actor: { kind: "system" },
      reasonCode: "inspection_non_compliant",
      at: input.now,
    });
    await recordAudit(tx, {
      actor: auditActor,
      action: "suspension.created",
      entityType: "suspension",
      entityId: suspension.id,
      after: {
        establishmentId: input.establishmentId,
        referralId: input.referralId,
        startsAt: input.now.toISOString(),
        endsAt: input.endsAt.toISOString(),
      },
    });
  }
  await tx
    .update(establishments)
    .set({ servicesSuspendedUntil: suspension.endsAt })
    .where(eq(establishments.id, input.establishmentId));
  return { suspension, until: suspension.endsAt };
}

/**
 * A supervisor lifts a suspension before its end, with a reason (audited; the employer is told). A suspension
 * that changed since the page was opened is `already_decided`.
 */
export async function liftSuspension(
  actorIn: Actor | null,
  input: { suspensionId: string; reason: string; expectedVersion?: number; ip?: string | null; now?: Date },
  database: Tx = db,
): Promise<SuspensionRow> {
  const actor = assertStaffRole(actorIn, ["supervisor"]);
  if (!isUuid(input.suspensionId)) refuse("not_found");
  const reason = input.reason.trim().slice(0, 2000);
  if (!reason) refuse("reason_required_lift", undefined, "reason");
  const now = input.now ?? new Date();
  return database.transaction(async (tx) => {
    const row = await lockRow(tx, suspensionLifecycle, input.suspensionId);
    if (!row) refuse("not_found");
    return moveSuspension(tx, "lifted", {
      id: row.id,
      actor: staffRef(actor),
      context: { now, suspension: row },
      expectedVersion: input.expectedVersion,
      reasonCode: "lifted_early",
      note: reason,
      set: { liftedBy: actor.userId, liftedAt: now, liftReason: reason },
      audit: { establishmentId: row.establishmentId, endsAt: row.endsAt.toISOString() },
      ip: input.ip ?? null,
      now,
    });
  });
}

/** The daily job: every active suspension whose end has passed takes its `ended` move. Idempotent. */
export async function endDueSuspensions(opts: { now?: Date } = {}): Promise<{ ended: number }> {
  const now = opts.now ?? new Date();
  const due = await db
    .select({ id: suspensions.id })
    .from(suspensions)
    .where(and(eq(suspensions.status, "active"), lte(suspensions.endsAt, now)))
    .limit(1000);
  let ended = 0;
  for (const { id } of due) {
    try {
      const moved = await db.transaction(async (tx) => {
        const row = await lockRow(tx, suspensionLifecycle, id);
        if (!row || row.status !== "active" || row.endsAt > now) return false;
        await moveSuspension(tx, "ended", {
          id,
          actor: { kind: "system" },
          context: { now, suspension: row },
          reasonCode: "end_date_passed",
          now,
        });
        return true;
      });
      if (moved) ended += 1;
    } catch (e) {
      log.error({ err: e, suspensionId: id }, "could not end a suspension");
    }
  }
  return { ended };
}
