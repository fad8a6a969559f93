import { and, eq, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "@/db";
import { lifecycleEvents, reportEvents } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { mayMake, whyNot, whyNotCreate, type ActorRef, type Machine } from "./machine";
import { refuse } from "./refusal";

/**
 * The one transition() of every lifecycle (issue 10). In the caller's transaction, it:
 * 1. reads the row under a lock (FOR UPDATE): a missing row is `not_found`;
 * 2. checks the move with the machine's own rules (lib/lifecycle/machine.ts `whyNot`: who, from which state,
 *    the guard over the case's facts) and the version the user saw (`already_decided`), refusing otherwise;
 * 3. writes the new status (and `set`), bumping `version` and `updated_at` where the table has them, with a
 *    WHERE on the status it read, so two concurrent moves can never both apply;
 * 4. writes the history row (report_events for reports, lifecycle_events for everything else) and the audit
 *    event `${machine.name}.${move}` with who, why and what changed;
 * 5. runs the move's consequences, declared next to the table (`effects`): other entities' moves (through this
 *    same function), messages (notify()), anything else the law attaches to it.
 * A refusal anywhere (in a consequence too) throws, and the whole transaction rolls back: nothing half-done.
 */

/** The columns every lifecycle table has (and the optional ones transition() maintains when present). */
type LifecycleColumns = {
  id: AnyPgColumn;
  status: AnyPgColumn;
  version?: AnyPgColumn;
  updatedAt?: AnyPgColumn;
};
// Drizzle's generic table types are not practical to thread through here; the binding below is typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTable = PgTable & LifecycleColumns & Record<string, any>;

export type MoveInput<Row, C> = {
  id: string;
  actor: ActorRef;
  /** The case's facts for the guard (loaded by the caller, inside the same transaction). */
  context: C;
  /** The version the user saw, when the form carried one: a row that moved since is `already_decided`. */
  expectedVersion?: number;
  reasonCode?: string | null;
  note?: string | null;
  /** Other columns to write with the status. */
  set?: Partial<Row>;
  ip?: string | null;
  now?: Date;
  /** Extra facts for the audit event's `after`. */
  audit?: Record<string, unknown>;
  /** Base of the links in the messages the move's consequences send (default: the configured address). */
  appUrl?: string;
};

export type MoveEvent<Row, C, T extends string> = {
  move: T;
  before: Row;
  after: Row;
  input: MoveInput<Row, C>;
  now: Date;
};

export type Effect<Row, C, T extends string> = (tx: Tx, ev: MoveEvent<Row, C, T>) => Promise<void>;

/** A machine bound to its table: where its rows live, where its history goes, and what each move causes. */
export type Lifecycle<S extends string, T extends string, C, Row> = {
  machine: Machine<S, T, C>;
  table: AnyTable;
  /** reports keep their own timeline (report_events); every other lifecycle writes lifecycle_events. */
  history: "report_events" | "lifecycle_events";
  /** The audit event's entity type (e.g. `refund_request`). */
  entityType: string;
  /** The report a row belongs to, for lifecycle_events.report_id (null when it belongs to none). */
  reportIdOf: (row: Row) => string | null;
  /** What each move causes besides itself: exhaustive, so the compiler names a move without an entry. */
  effects: { readonly [K in T]: readonly Effect<Row, C, T>[] };
};

export function bindLifecycle<S extends string, T extends string, C, Row>(
  l: Lifecycle<S, T, C, Row>,
): Lifecycle<S, T, C, Row> {
  return l;
}

/** Reads one row of a lifecycle under a row lock (or null). */
export async function lockRow<S extends string, T extends string, C, Row>(
  tx: Tx,
  l: Lifecycle<S, T, C, Row>,
  id: string,
): Promise<Row | null> {
  const rows = (await tx.select().from(l.table).where(eq(l.table.id, id)).for("update")) as Row[];
  return rows[0] ?? null;
}

export async function transition<S extends string, T extends string, C, Row>(
  tx: Tx,
  l: Lifecycle<S, T, C, Row>,
  move: T,
  input: MoveInput<Row, C>,
): Promise<Row> {
  const { machine, table } = l;
  const spec = machine.transitions[move];
  const before = await lockRow(tx, l, input.id);
  if (!before) refuse("not_found");
  const row = before as Row & { status: S; version?: number };
  // Who first; then "it changed since you looked" (a concurrent decision is reported as such, not as a state
  // that no longer allows it); then the state and the guard.
  if (!mayMake(machine, move, input.actor)) refuse("forbidden");
  if (
    input.expectedVersion !== undefined &&
    row.version !== undefined &&
    row.version !== input.expectedVersion
  )
    refuse("already_decided");
  const why = whyNot(machine, move, row.status, input.actor, input.context);
  if (why) refuse(why, { state: row.status });

  const now = input.now ?? new Date();
  const values: Record<string, unknown> = { ...(input.set ?? {}), status: spec.to };
  if (table.version) values.version = sql`${table.version} + 1`;
  if (table.updatedAt) values.updatedAt = now;
  const updated = (await tx
    .update(table)
    .set(values)
    .where(and(eq(table.id, input.id), inArray(table.status, [row.status])))
    .returning()) as Row[];
  // Cannot happen under the row lock; kept so a change of locking never turns into a silent double move.
  if (!updated[0]) refuse("already_decided");
  const after = updated[0];

  const actorId = input.actor.kind === "system" ? null : input.actor.id;
  if (l.history === "report_events") {
    await tx.insert(reportEvents).values({
      reportId: input.id,
      fromStatus: row.status as never,
      toStatus: spec.to as never,
      actorKind: input.actor.kind,
      actorId,
      reasonCode: input.reasonCode ?? null,
      note: input.note ?? null,
      at: now,
    });
  } else {
    await tx.insert(lifecycleEvents).values({
      entity: machine.name,
      entityId: input.id,
      reportId: l.reportIdOf(after),
      transition: move,
      fromStatus: row.status,
      toStatus: spec.to,
      actorKind: input.actor.kind,
      actorId,
      reasonCode: input.reasonCode ?? null,
      note: input.note ?? null,
      at: now,
    });
  }
  await recordAudit(tx, {
    actor: { kind: input.actor.kind, id: actorId },
    action: `${machine.name}.${move}`,
    entityType: l.entityType,
    entityId: input.id,
    before: { status: row.status, ...(row.version !== undefined ? { version: row.version } : {}) },
    after: {
      status: spec.to,
      ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
      ...(input.note ? { note: input.note } : {}),
      ...(input.audit ?? {}),
    },
    ip: input.ip ?? null,
  });

  const ev: MoveEvent<Row, C, T> = { move, before: before as Row, after, input, now };
  for (const effect of l.effects[move]) await effect(tx, ev);
  return after;
}

/** Checks that `actor` may create a row of this lifecycle in case `c` (refuses otherwise). */
export function assertMayCreate<S extends string, T extends string, C>(
  machine: Machine<S, T, C>,
  actor: ActorRef,
  c: C,
): void {
  const why = whyNotCreate(machine, actor, c);
  if (why) refuse(why);
}

/** The history row of a created lifecycle row (from the pseudo-state `none`), for lifecycles without their own. */
export async function recordCreation(
  tx: Tx,
  input: {
    machine: { name: string };
    id: string;
    reportId: string | null;
    status: string;
    actor: ActorRef;
    reasonCode?: string | null;
    note?: string | null;
    at?: Date;
  },
): Promise<void> {
  await tx.insert(lifecycleEvents).values({
    entity: input.machine.name,
    entityId: input.id,
    reportId: input.reportId,
    transition: "created",
    fromStatus: "none",
    toStatus: input.status,
    actorKind: input.actor.kind,
    actorId: input.actor.kind === "system" ? null : input.actor.id,
    reasonCode: input.reasonCode ?? null,
    note: input.note ?? null,
    at: input.at ?? new Date(),
  });
}
