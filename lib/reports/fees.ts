import { and, desc, inArray, lte, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { ticketFees } from "@/db/schema";

/** The fee table's row for "any other nationality" (seeded in db/seed/fees.ts). */
export const DEFAULT_FEE_NATIONALITY = "ZZ";

/**
 * The deposit owed for a worker of this nationality at `at`: the newest fee-table row for the nationality
 * that is already in effect, else the newest "ZZ" row in effect; null when neither exists (staff must add one).
 */
export async function currentFeeBaisa(tx: Tx, nationality: string, at: Date): Promise<number | null> {
  const [row] = await tx
    .select({ amountBaisa: ticketFees.amountBaisa })
    .from(ticketFees)
    .where(
      and(
        inArray(ticketFees.nationality, [nationality, DEFAULT_FEE_NATIONALITY]),
        lte(ticketFees.effectiveFrom, at),
      ),
    )
    .orderBy(desc(sql`${ticketFees.nationality} = ${nationality}`), desc(ticketFees.effectiveFrom))
    .limit(1);
  return row?.amountBaisa ?? null;
}
