import { sql } from "drizzle-orm";
import {
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { staffUsers, workers } from "./core";
// reports.ts imports this file too (evidence_files.grievance_id): only lazy references cross the cycle.
import { reports } from "./reports";

/** The grounds a worker gives for a grievance (تظلم) against a report (DOMAIN.md §3, issue 4 §5). */
export const grievanceGroundEnum = pgEnum("grievance_ground", [
  "at_work",
  "salary_unpaid",
  "resignation_accepted",
  "on_leave",
  "other",
]);

/**
 * DOMAIN.md §5: submitted → under_review → accepted | rejected. Issue 10: `closed` when the report was decided
 * or ended otherwise while the grievance was open (no longer needed); `withdrawn` by the worker.
 */
export const grievanceStatusEnum = pgEnum("grievance_status", [
  "submitted",
  "under_review",
  "accepted",
  "rejected",
  "closed",
  "withdrawn",
]);

/**
 * A worker's grievance against a report filed about them. Lifecycle (DOMAIN.md §5): submitted → under_review
 * → accepted | rejected. At most one open (submitted or under review) grievance per report, by a partial
 * unique index. Attachments are rows of `evidence_files` with kind `grievance_attachment` and this id.
 */
export const grievances = pgTable(
  "grievances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    workerId: uuid("worker_id")
      .notNull()
      .references(() => workers.id),
    status: grievanceStatusEnum("status").notNull().default("submitted"),
    grounds: grievanceGroundEnum("grounds").notNull(),
    statement: text("statement").notNull(),
    /** E.164: +968 and 8 digits, or a foreign number. */
    contactPhone: varchar("contact_phone", { length: 16 }).notNull(),
    decidedBy: uuid("decided_by").references(() => staffUsers.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReasonCode: text("decision_reason_code"),
    decisionNote: text("decision_note"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("grievances_one_open_per_report")
      .on(t.reportId)
      .where(sql`${t.status} in ('submitted', 'under_review')`),
    index("grievances_worker_idx").on(t.workerId, t.createdAt),
    index("grievances_status_idx").on(t.status, t.createdAt),
    // A report's grievances (report, case and worker pages; the deadline notices' "no grievance" check).
    index("grievances_report_idx").on(t.reportId, t.createdAt),
  ],
);
