import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { employerUsers, establishments, governorates, staffUsers, workers } from "./core";
import { grievances } from "./grievances";

/** DOMAIN.md §5. Transitions live in lib/reports/states.ts. */
export const reportStatusEnum = pgEnum("report_status", [
  "draft",
  "awaiting_payment",
  "submitted",
  "approved",
  "rejected",
  "cancelled",
  "closed",
  // Issue 10: a draft or unpaid report left longer than the configured number of days, or discarded by the
  // employer; neither ever reached the worker, and neither holds the one-open-report-per-worker index.
  "expired",
  "discarded",
]);
export const depositStatusEnum = pgEnum("deposit_status", [
  "pending",
  "paid",
  "utilised",
  "refunded",
  "failed",
  "expired",
]);
export const paymentProviderEnum = pgEnum("payment_provider", ["stripe", "local"]);
export const evidenceKindEnum = pgEnum("evidence_kind", [
  "bank_statement",
  "municipality_licence",
  "address_proof",
  "grievance_attachment",
]);
/** `closed`: the report it was about was decided or ended otherwise, so the request is no longer needed. */
export const requestStatusEnum = pgEnum("request_status", [
  "submitted",
  "under_review",
  "accepted",
  "rejected",
  "withdrawn",
  "closed",
]);
export const cancellationReasonEnum = pgEnum("cancellation_reason", [
  "worker_returned",
  "filed_by_mistake",
  "settled",
]);
export const refundGroundEnum = pgEnum("refund_ground", [
  "legal_period_ended",
  "cancellation_approved",
  "grievance_accepted",
  "worker_left_country",
  // The reviewer rejected the report: the deposit is returned (created automatically on rejection).
  "report_rejected",
  // Issue 10: the payment settled on a report that was no longer allowed (re-checked at settlement): returned
  // at once, automatically.
  "not_permitted_at_payment",
]);
export const refundStatusEnum = pgEnum("refund_status", [
  "submitted",
  "approved",
  "refunded",
  "failed",
  "rejected",
]);
export const referralStatusEnum = pgEnum("referral_status", ["open", "compliant", "non_compliant"]);
/** Issue 10: a suspension of the establishment's services in this system (Art. 4), with its own lifecycle. */
export const suspensionStatusEnum = pgEnum("suspension_status", ["active", "ended", "lifted"]);
/** Issue 10: how a reported worker's stay ended, as staff record it (drives refund ground 4, use, closing). */
export const workerExitKindEnum = pgEnum("worker_exit_kind", [
  "left_own_expense",
  "deported",
  "transferred",
  "permit_cancelled",
]);
export const referralPeriodEnum = pgEnum("referral_period", ["month", "year"]);

/** Feeds the readable reference number (WA-YYYY-NNNNNC, C a check digit). */
export const reportReferenceSeq = pgSequence("report_reference_seq", { startWith: 1000 });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: varchar("reference", { length: 20 }).notNull().unique(),
    establishmentId: uuid("establishment_id")
      .notNull()
      .references(() => establishments.id),
    workerId: uuid("worker_id")
      .notNull()
      .references(() => workers.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => employerUsers.id),
    status: reportStatusEnum("status").notNull().default("draft"),
    /** Optimistic concurrency: every status change bumps it; a decision names the version it saw. */
    version: integer("version").notNull().default(1),
    // The absence
    lastDayAtWork: date("last_day_at_work"),
    workGovernorateCode: char("work_governorate_code", { length: 2 }).references(() => governorates.code),
    workAddress: text("work_address"),
    contactAttempts: text("contact_attempts"),
    // Declarations (Art. 2): each answer must be "no" for the report to be permitted.
    declDisputeBeforeAbsence: boolean("decl_dispute_before_absence"),
    declWorkerLeftCountryKnown: boolean("decl_worker_left_country_known"),
    declOnLegalLeave: boolean("decl_on_legal_leave"),
    declResignationAccepted: boolean("decl_resignation_accepted"),
    /** The deposit owed, fixed from the fee table when the report was checked and sent to payment. */
    feeBaisa: integer("fee_baisa"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The staff member whose decision (approve or reject) stands: a grievance is decided by someone else. */
    decidedBy: uuid("decided_by").references(() => staffUsers.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    grievanceDeadline: date("grievance_deadline"),
    legalPeriodEnds: date("legal_period_ends"),
    refundClaimUntil: date("refund_claim_until"),
    /**
     * Copies kept for statistics, so they group and filter reports without joining establishments and workers
     * (issue 6). Set by the database (trigger reports_stats_columns, migration 0007) on every insert and
     * whenever work_governorate_code, establishment_id or worker_id change; no code needs to write them.
     * stats_governorate_code = coalesce(work_governorate_code, the establishment's governorate at that time).
     * worker_nationality is the nationality the worker had when the report was created: statistics count that
     * nationality, not a later correction of the worker's record.
     */
    statsGovernorateCode: char("stats_governorate_code", { length: 2 }),
    workerNationality: char("worker_nationality", { length: 2 }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open report per worker, enforced by the database.
    uniqueIndex("reports_one_open_per_worker")
      .on(t.workerId)
      .where(sql`${t.status} in ('awaiting_payment', 'submitted', 'approved')`),
    index("reports_establishment_idx").on(t.establishmentId, t.createdAt, t.id),
    index("reports_status_idx").on(t.status, t.submittedAt),
    index("reports_worker_idx").on(t.workerId),
    // Issue 6 (tests/integration/explain.test.ts): the employer's counts by status (index-only) and the status
    // filter of the dashboard, newest first.
    index("reports_establishment_status_idx").on(t.establishmentId, t.status, t.createdAt, t.id),
    // Statistics for a date range; the daily deadline notices.
    index("reports_submitted_idx").on(t.submittedAt),
    // Statistics (lib/admin/statistics.ts) also use reports_stats_idx, created by hand in migration 0007 because
    // Drizzle cannot declare INCLUDE: (submitted_at) include (status, stats_governorate_code, worker_nationality,
    // decided_at) where submitted_at is not null, so a date range is an index-only scan.
    index("reports_grievance_deadline_idx").on(t.grievanceDeadline),
    index("reports_legal_period_ends_idx").on(t.legalPeriodEnds),
    check(
      "reports_fee_positive",
      sql`${t.feeBaisa} is null or (${t.feeBaisa} > 0 and ${t.feeBaisa} % 10 = 0)`,
    ),
  ],
);

/** The timeline: every status change, with who, when and why. */
export const reportEvents = pgTable(
  "report_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    fromStatus: reportStatusEnum("from_status"),
    toStatus: reportStatusEnum("to_status").notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: uuid("actor_id"),
    reasonCode: text("reason_code"),
    note: text("note"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("report_events_report_idx").on(t.reportId, t.at)],
);

export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    kind: evidenceKindEnum("kind").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    originalName: text("original_name").notNull(),
    mimeType: varchar("mime_type", { length: 40 }).notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: char("sha256", { length: 64 }).notNull(),
    uploadedByKind: text("uploaded_by_kind").notNull(),
    uploadedBy: uuid("uploaded_by").notNull(),
    /** Staff may share a file with the other party (workers never see employer evidence otherwise). */
    sharedWithWorker: boolean("shared_with_worker").notNull().default(false),
    /** Grievance attachments are staff-only unless staff share them with the employer. */
    sharedWithEmployer: boolean("shared_with_employer").notNull().default(false),
    /** Who shared it last, and when (the audit log keeps every share). */
    sharedBy: uuid("shared_by").references(() => staffUsers.id),
    sharedAt: timestamp("shared_at", { withTimezone: true }),
    /** Set exactly for kind `grievance_attachment`: the grievance the worker attached the file to. */
    grievanceId: uuid("grievance_id").references((): AnyPgColumn => grievances.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("evidence_files_report_idx").on(t.reportId, t.kind),
    index("evidence_files_grievance_idx").on(t.grievanceId),
    check("evidence_files_size", sql`${t.sizeBytes} > 0 and ${t.sizeBytes} <= 5242880`),
    check(
      "evidence_files_grievance_link",
      sql`(${t.kind} = 'grievance_attachment') = (${t.grievanceId} is not null)`,
    ),
  ],
);

/** The return-ticket price by nationality, in baisa; a change applies only to reports filed after it. */
export const ticketFees = pgTable(
  "ticket_fees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    nationality: char("nationality", { length: 2 }).notNull(),
    amountBaisa: integer("amount_baisa").notNull(),
    effectiveFrom: timestamp("effective_from", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by").references(() => staffUsers.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ticket_fees_nationality_from").on(t.nationality, t.effectiveFrom),
    check("ticket_fees_amount", sql`${t.amountBaisa} > 0 and ${t.amountBaisa} % 10 = 0`),
  ],
);

/**
 * The ticket deposit. At most one live deposit (pending, paid, utilised or refunded) per report, by a partial
 * unique index: a second payment for one report cannot be recorded. Failed and expired ones stay as history.
 */
export const deposits = pgTable(
  "deposits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    amountBaisa: integer("amount_baisa").notNull(),
    status: depositStatusEnum("status").notNull().default("pending"),
    provider: paymentProviderEnum("provider").notNull(),
    providerSessionId: text("provider_session_id").unique(),
    providerPaymentId: text("provider_payment_id"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    refundedBaisa: integer("refunded_baisa").notNull().default(0),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    utilisedAt: timestamp("utilised_at", { withTimezone: true }),
    ticketReference: text("ticket_reference"),
    failureReason: text("failure_reason"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("deposits_one_live_per_report")
      .on(t.reportId)
      .where(sql`${t.status} in ('pending', 'paid', 'utilised', 'refunded')`),
    index("deposits_status_idx").on(t.status, t.createdAt),
    // A report's deposits (report and case pages, statistics): the unique index above covers live ones only.
    index("deposits_report_idx").on(t.reportId, t.createdAt),
    check("deposits_amount", sql`${t.amountBaisa} > 0 and ${t.amountBaisa} % 10 = 0`),
    // Never refund more than was paid; never refund a utilised deposit.
    check("deposits_refund_le_paid", sql`${t.refundedBaisa} >= 0 and ${t.refundedBaisa} <= ${t.amountBaisa}`),
    check("deposits_refund_not_utilised", sql`not (${t.refundedBaisa} > 0 and ${t.utilisedAt} is not null)`),
  ],
);

/** Each provider event (webhook) is processed once: its id is unique. */
export const paymentEvents = pgTable("payment_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  provider: paymentProviderEnum("provider").notNull(),
  eventId: text("event_id").notNull().unique(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

export const cancellationRequests = pgTable(
  "cancellation_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    status: requestStatusEnum("status").notNull().default("submitted"),
    reason: cancellationReasonEnum("reason").notNull(),
    explanation: text("explanation").notNull(),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => employerUsers.id),
    decidedBy: uuid("decided_by").references(() => staffUsers.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReasonCode: text("decision_reason_code"),
    decisionNote: text("decision_note"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("cancellation_one_open_per_report")
      .on(t.reportId)
      .where(sql`${t.status} in ('submitted', 'under_review')`),
    index("cancellation_status_idx").on(t.status, t.createdAt),
    index("cancellation_report_idx").on(t.reportId, t.createdAt),
  ],
);

export const refundRequests = pgTable(
  "refund_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    depositId: uuid("deposit_id")
      .notNull()
      .references(() => deposits.id),
    ground: refundGroundEnum("ground").notNull(),
    status: refundStatusEnum("status").notNull().default("submitted"),
    amountBaisa: integer("amount_baisa").notNull(),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => employerUsers.id),
    providerRefundId: text("provider_refund_id").unique(),
    failureReason: text("failure_reason"),
    decidedBy: uuid("decided_by").references(() => staffUsers.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReasonCode: text("decision_reason_code"),
    decisionNote: text("decision_note"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    // One refund in flight or done per deposit; a rejected or failed one may be asked again.
    uniqueIndex("refund_one_live_per_deposit")
      .on(t.depositId)
      .where(sql`${t.status} in ('submitted', 'approved', 'refunded')`),
    index("refund_status_idx").on(t.status, t.createdAt),
    index("refund_report_idx").on(t.reportId, t.createdAt),
    // Finance's queue order (lib/admin/refunds/queue.ts rankSql): waiting first, then oldest first.
    index("refund_queue_order_idx").on(
      sql`(case ${t.status} when 'submitted' then 0 when 'approved' then 1 when 'failed' then 2 when 'rejected' then 3 else 4 end)`,
      t.createdAt,
      t.id,
    ),
    check("refund_amount_positive", sql`${t.amountBaisa} > 0`),
  ],
);

/** Art. 4: 5 reports in a calendar month or 10 in a calendar year refer the establishment for inspection. */
export const inspectionReferrals = pgTable(
  "inspection_referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    establishmentId: uuid("establishment_id")
      .notNull()
      .references(() => establishments.id),
    period: referralPeriodEnum("period").notNull(),
    /** "2026-11" for a month, "2026" for a year (Muscat calendar). */
    periodKey: varchar("period_key", { length: 7 }).notNull(),
    reportCount: integer("report_count").notNull(),
    status: referralStatusEnum("status").notNull().default("open"),
    outcomeNote: text("outcome_note"),
    decidedBy: uuid("decided_by").references(() => staffUsers.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("referrals_unique_period").on(t.establishmentId, t.period, t.periodKey),
    index("referrals_status_idx").on(t.status, t.createdAt),
  ],
);

/**
 * Issue 10 §9: a suspension of an establishment's services in this system after a non-compliant Art. 4
 * inspection. active → ended (its end date passed: a daily job) | lifted (a supervisor, early, with a reason).
 */
export const suspensions = pgTable(
  "suspensions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    establishmentId: uuid("establishment_id")
      .notNull()
      .references(() => establishments.id),
    referralId: uuid("referral_id").references(() => inspectionReferrals.id),
    status: suspensionStatusEnum("status").notNull().default("active"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    liftedBy: uuid("lifted_by").references(() => staffUsers.id),
    liftedAt: timestamp("lifted_at", { withTimezone: true }),
    liftReason: text("lift_reason"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("suspensions_one_active_per_establishment")
      .on(t.establishmentId)
      .where(sql`${t.status} = 'active'`),
    index("suspensions_status_ends_idx").on(t.status, t.endsAt),
    check("suspensions_dates", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * Issue 10 §6: staff record how a reported worker's stay ended, with the date: left at their own expense,
 * deported (at the deposit's cost), transferred to another employer, or the permit cancelled. Drives refund
 * ground 4, the deposit's use and the report's closing.
 */
export const workerExits = pgTable(
  "worker_exits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workerId: uuid("worker_id")
      .notNull()
      .references(() => workers.id),
    reportId: uuid("report_id").references(() => reports.id),
    kind: workerExitKindEnum("kind").notNull(),
    exitDate: date("exit_date").notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => staffUsers.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("worker_exits_worker_idx").on(t.workerId, t.createdAt),
    index("worker_exits_report_idx").on(t.reportId),
  ],
);

/**
 * Issue 10: the history of every lifecycle other than the report's own (whose timeline is report_events):
 * deposits, cancellation requests, grievances, refund requests, referrals, suspensions. Written by the one
 * transition() in lib/lifecycle, in the transaction of the change.
 */
export const lifecycleEvents = pgTable(
  "lifecycle_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entity: text("entity").notNull(),
    entityId: uuid("entity_id").notNull(),
    /** The report the entity belongs to, when it belongs to one (for a case's whole history). */
    reportId: uuid("report_id"),
    transition: text("transition").notNull(),
    fromStatus: text("from_status").notNull(),
    toStatus: text("to_status").notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: uuid("actor_id"),
    reasonCode: text("reason_code"),
    note: text("note"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("lifecycle_events_entity_idx").on(t.entity, t.entityId, t.at),
    index("lifecycle_events_report_idx").on(t.reportId, t.at),
  ],
);
