import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

/** A governorate's electronic-filing state (DOMAIN.md §2). The state "today" is derived from the dates. */
export const efilingStateEnum = pgEnum("efiling_state", ["not_live", "pilot", "mandatory"]);
export const employerRoleEnum = pgEnum("employer_role", ["owner", "hr_officer"]);
export const staffRoleEnum = pgEnum("staff_role", ["reviewer", "finance", "supervisor"]);
export const permitStatusEnum = pgEnum("permit_status", [
  "active",
  "left_workplace",
  "cancelled",
  "transferred",
]);
export const userKindEnum = pgEnum("user_kind", ["employer", "staff", "worker"]);
export const tokenKindEnum = pgEnum("token_kind", [
  "email_verification",
  "password_reset",
  "invitation",
  // A staff member who gave the right password and must now give a TOTP code.
  "totp_pending",
  // Proof, valid for a minute, that our own checks passed: Auth.js exchanges it once for a session.
  "sign_in",
]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const governorates = pgTable("governorates", {
  code: char("code", { length: 2 }).primaryKey(),
  nameAr: text("name_ar").notNull(),
  nameEn: text("name_en").notNull(),
  /** Electronic filing allowed (paper still accepted) from this date; null = not scheduled. */
  pilotFrom: date("pilot_from"),
  /** Electronic filing mandatory from this date; null = not scheduled. */
  mandatoryFrom: date("mandatory_from"),
  sortOrder: integer("sort_order").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const establishments = pgTable(
  "establishments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    crNumber: char("cr_number", { length: 7 }).notNull().unique(),
    nameAr: text("name_ar").notNull(),
    nameEn: text("name_en").notNull(),
    governorateCode: char("governorate_code", { length: 2 })
      .notNull()
      .references(() => governorates.code),
    address: text("address").notNull(),
    municipalityLicenceNumber: varchar("municipality_licence_number", { length: 32 }).notNull(),
    email: text("email").notNull(),
    phone: varchar("phone", { length: 16 }).notNull(),
    servicesSuspendedUntil: timestamp("services_suspended_until", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("establishments_governorate_idx").on(t.governorateCode)],
);

export const employerUsers = pgTable(
  "employer_users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    establishmentId: uuid("establishment_id")
      .notNull()
      .references(() => establishments.id),
    role: employerRoleEnum("role").notNull(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("employer_users_email_idx").on(sql`lower(${t.email})`),
    index("employer_users_establishment_idx").on(t.establishmentId),
  ],
);

export const staffUsers = pgTable(
  "staff_users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    /** Null while an invited member has not yet chosen a password (lib/admin/staff-accounts.ts). */
    passwordHash: text("password_hash"),
    role: staffRoleEnum("role").notNull(),
    active: boolean("active").notNull().default(true),
    /** Confirmed TOTP secret; null until the first sign-in completes enrolment. */
    totpSecret: text("totp_secret"),
    /** Secret shown as a QR code at first sign-in, kept until a code from it is confirmed. */
    totpPendingSecret: text("totp_pending_secret"),
    totpEnrolledAt: timestamp("totp_enrolled_at", { withTimezone: true }),
    /** The 30-second step of the last accepted code: a code is accepted once, never replayed. */
    totpLastStep: integer("totp_last_step"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("staff_users_email_idx").on(sql`lower(${t.email})`)],
);

/** The ministry's work-permit registry: every expatriate worker with a permit. */
export const workers = pgTable(
  "workers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    civilId: varchar("civil_id", { length: 9 }).notNull().unique(),
    passportNumber: varchar("passport_number", { length: 20 }).notNull(),
    nameAr: text("name_ar").notNull(),
    nameEn: text("name_en").notNull(),
    nationality: char("nationality", { length: 2 }).notNull(),
    dateOfBirth: date("date_of_birth").notNull(),
    mobile: varchar("mobile", { length: 16 }).notNull(),
    email: text("email"),
    establishmentId: uuid("establishment_id").references(() => establishments.id),
    occupation: text("occupation").notNull(),
    permitNumber: varchar("permit_number", { length: 20 }).notNull().unique(),
    permitStatus: permitStatusEnum("permit_status").notNull().default("active"),
    enteredOmanOn: date("entered_oman_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("workers_establishment_idx").on(t.establishmentId, t.permitStatus)],
);

/** One row per signed-in browser. The JWT only carries this id: revoking the row ends the session. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userKind: userKindEnum("user_kind").notNull(),
    userId: uuid("user_id").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userKind, t.userId)],
);

/** Single-use e-mailed links (verification, password reset, invitations). Only a hash is stored. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: tokenKindEnum("kind").notNull(),
    tokenHash: char("token_hash", { length: 64 }).notNull().unique(),
    userKind: userKindEnum("user_kind").notNull(),
    userId: uuid("user_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("auth_tokens_user_idx").on(t.userKind, t.userId)],
);

/** Append-only: the application never updates or deletes a row (see the migration's trigger). */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorKind: text("actor_kind").notNull(),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_at_idx").on(t.at),
  ],
);

/** Counters for rate-limiter-flexible's Drizzle store (failed sign-ins per account and per IP). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true }),
});
