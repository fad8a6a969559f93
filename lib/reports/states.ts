import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { reportEvents, reports } from "@/db/schema";

export type ReportStatus = (typeof reports.$inferSelect)["status"];

/** DOMAIN.md §5: the only moves a report may make. Anything else is an error, never a silent write. */
export const REPORT_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  draft: ["awaiting_payment"],
  awaiting_payment: ["submitted", "draft"],
  submitted: ["approved", "rejected", "cancelled"],
  approved: ["cancelled", "closed"],
  rejected: [],
  cancelled: [],
  closed: [],
};

/** Open reports block a new one for the same worker. */
export const OPEN_REPORT_STATUSES: readonly ReportStatus[] = ["awaiting_payment", "submitted", "approved"];

export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return REPORT_TRANSITIONS[from].includes(to);
}

export class IllegalTransitionError extends Error {
  constructor(
    public readonly from: ReportStatus | "unknown",
    public readonly to: ReportStatus,
  ) {
    super(`report cannot move from ${from} to ${to}`);
    this.name = "IllegalTransitionError";
  }
}

/** Raised when the row changed since the caller read it (someone else decided first). */
export class StaleVersionError extends Error {
  constructor() {
    super("the report was changed by someone else");
    this.name = "StaleVersionError";
  }
}

export type TransitionInput = {
  reportId: string;
  from: ReportStatus;
  to: ReportStatus;
  actor: { kind: string; id?: string | null };
  reasonCode?: string | null;
  note?: string | null;
  /** When given, the change applies only if the row still has this version (optimistic concurrency). */
  expectedVersion?: number;
  set?: Partial<typeof reports.$inferInsert>;
};

/**
 * Moves a report from one status to another and writes its timeline row, in the caller's transaction.
 * The update is conditional on the current status (and version), so two concurrent moves cannot both win.
 */
export async function transitionReport(tx: Tx, input: TransitionInput): Promise<typeof reports.$inferSelect> {
  if (!canTransition(input.from, input.to)) throw new IllegalTransitionError(input.from, input.to);
  const conditions = [eq(reports.id, input.reportId), eq(reports.status, input.from)];
  if (input.expectedVersion !== undefined) conditions.push(eq(reports.version, input.expectedVersion));
  const [row] = await tx
    .update(reports)
    .set({ ...input.set, status: input.to, version: sql`${reports.version} + 1`, updatedAt: new Date() })
    .where(and(...conditions))
    .returning();
  if (!row) {
    if (input.expectedVersion !== undefined) throw new StaleVersionError();
    throw new IllegalTransitionError("unknown", input.to);
  }
  await tx.insert(reportEvents).values({
    reportId: input.reportId,
    fromStatus: input.from,
    toStatus: input.to,
    actorKind: input.actor.kind,
    actorId: input.actor.id ?? null,
    reasonCode: input.reasonCode ?? null,
    note: input.note ?? null,
  });
  return row;
}
