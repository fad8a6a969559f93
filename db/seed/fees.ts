import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "../schema";

/**
 * The ticket-fee table's first rows: the price of a one-way economy ticket from Muscat to the main home
 * countries of expatriate workers (DOMAIN.md §6), in baisa (1 OMR = 1000 baisa), each a multiple of 10 as
 * Stripe requires for OMR. Effective from the service's launch. "ZZ" is the row for every other nationality:
 * the fee lookup falls back to it.
 */
export const DEFAULT_FEE_NATIONALITY = "ZZ";
export const FEES_EFFECTIVE_FROM = new Date("2016-12-13T00:00:00+04:00");

export const SEED_FEES: readonly { nationality: string; amountBaisa: number; destination: string }[] = [
  { nationality: "IN", amountBaisa: 85_000, destination: "Muscat → Kochi / Mumbai / Delhi" },
  { nationality: "BD", amountBaisa: 120_000, destination: "Muscat → Dhaka / Chittagong" },
  { nationality: "PK", amountBaisa: 75_000, destination: "Muscat → Karachi / Lahore / Peshawar" },
  { nationality: "EG", amountBaisa: 140_000, destination: "Muscat → Cairo" },
  { nationality: "PH", amountBaisa: 160_000, destination: "Muscat → Manila" },
  { nationality: "NP", amountBaisa: 130_000, destination: "Muscat → Kathmandu" },
  { nationality: "LK", amountBaisa: 95_000, destination: "Muscat → Colombo" },
  { nationality: DEFAULT_FEE_NATIONALITY, amountBaisa: 180_000, destination: "any other country" },
];

type SeedDb = Pick<PostgresJsDatabase<typeof schema>, "insert">;

/** Idempotent: unique (nationality, effective_from), and an existing row (staff may have edited) is kept. */
export async function seedFees(db: SeedDb): Promise<void> {
  await db
    .insert(schema.ticketFees)
    .values(
      SEED_FEES.map((f) => ({
        nationality: f.nationality,
        amountBaisa: f.amountBaisa,
        effectiveFrom: FEES_EFFECTIVE_FROM,
      })),
    )
    .onConflictDoNothing({ target: [schema.ticketFees.nationality, schema.ticketFees.effectiveFrom] });
}
