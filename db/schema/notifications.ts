import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
  },
  (t) => [index("notifications_status_idx").on(t.status, t.createdAt), index("notifications_recipient_idx").on(t.recipient)],
);
