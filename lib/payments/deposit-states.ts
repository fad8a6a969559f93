import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { deposits } from "@/db/schema";

export type DepositStatus = (typeof deposits.$inferSelect)["status"];
export type Deposit = typeof deposits.$inferSelect;

/** DOMAIN.md §5: pending → paid → utilised | refunded; pending → failed | expired. */
export const DEPOSIT_TRANSITIONS: Record<DepositStatus, readonly DepositStatus[]> = {
  pending: ["paid", "failed", "expired"],
  paid: ["utilised", "refunded"],
  utilised: [],
  refunded: [],
  failed: [],
  expired: [],
};

/** Deposits that still count against the one-live-deposit-per-report index. */
export const LIVE_DEPOSIT_STATUSES: readonly DepositStatus[] = ["pending", "paid", "utilised", "refunded"];
/** A deposit whose money the ministry has received. */
export const PAID_DEPOSIT_STATUSES: readonly DepositStatus[] = ["paid", "utilised", "refunded"];

export class IllegalDepositTransitionError extends Error {
  constructor(
    public readonly from: DepositStatus,
    public readonly to: DepositStatus,
  ) {
    super(`deposit cannot move from ${from} to ${to}`);
    this.name = "IllegalDepositTransitionError";
  }
}

/**
 * Moves a deposit between statuses in the caller's transaction. The update is conditional on the status the
 * caller saw, so of two concurrent moves only one applies; returns null when the row had already moved.
 */
export async function transitionDeposit(
  tx: Tx,
  input: {
    depositId: string;
    from: DepositStatus;
    to: DepositStatus;
    set?: Partial<typeof deposits.$inferInsert>;
  },
): Promise<Deposit | null> {
  if (!DEPOSIT_TRANSITIONS[input.from].includes(input.to))
    throw new IllegalDepositTransitionError(input.from, input.to);
  const [row] = await tx
    .update(deposits)
    .set({ ...input.set, status: input.to, updatedAt: new Date() })
    .where(and(eq(deposits.id, input.depositId), eq(deposits.status, input.from)))
    .returning();
  return row ?? null;
}
