import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { reports } from "./reports";

export const channelEnum = pgEnum("notification_channel", ["sms", "email"]);
/** GOV.UK Notify's statuses. */
export const notificationStatusEnum = pgEnum("notification_status", [
  "created",
  "sending",
  "delivered",
  "temporary_failure",
  "permanent_failure",
]);

/** The outbox: written in the same transaction as the event that causes it, delivered after commit. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channel: channelEnum("channel").notNull(),
    recipient: text("recipient").notNull(),
    template: text("template").notNull(),
    locale: text("locale").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    status: notificationStatusEnum("status").notNull().default("created"),
    providerId: text("provider_id"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /**
     * When the dispatcher should next look at this row; null when it has nothing more to do (delivered,
     * permanently failed, or handed to a provider and awaiting its delivery receipt).
     * - created: when it was written (due at once);
     * - temporary_failure: the next retry, after exponential backoff;
     * - sending: the end of the claim's lease: a dispatcher that died mid-send leaves the row due again then.
     */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).defaultNow(),
  },
  (t) => [
    index("notifications_status_idx").on(t.status, t.createdAt),
    index("notifications_recipient_idx").on(t.recipient),
    index("notifications_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.nextAttemptAt} is not null`),
    index("notifications_provider_idx").on(t.providerId),
  ],
);

/** Deadline events the daily job has already announced: one row per (kind, report), so a rerun sends nothing. */
export const deadlineNoticeKindEnum = pgEnum("deadline_notice_kind", [
  "legal_period_ended",
  "grievance_closing",
]);

export const deadlineNotices = pgTable(
  "deadline_notices",
  {
    kind: deadlineNoticeKindEnum("kind").notNull(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.reportId] })],
);
