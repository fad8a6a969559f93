import { sql } from "drizzle-orm";
import { char, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workers } from "./core";

/**
 * One-time sign-in codes sent to a worker's registered mobile number (and e-mail). Only a keyed hash of the
 * code is stored (HMAC-SHA256 with the server's secret, bound to the row id: see lib/workers/otp.ts). A code
 * is valid for 5 minutes, once, and for at most 5 tries.
 */
export const workerOtps = pgTable(
  "worker_otps",
  {
    id: uuid("id").primaryKey(),
    workerId: uuid("worker_id")
      .notNull()
      .references(() => workers.id),
    codeHash: char("code_hash", { length: 64 }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    ip: text("ip"),
  },
  (t) => [
    index("worker_otps_worker_idx").on(t.workerId, t.createdAt),
    check("worker_otps_attempts", sql`${t.attempts} >= 0 and ${t.attempts} <= 5`),
  ],
);
