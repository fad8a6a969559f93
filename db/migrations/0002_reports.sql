CREATE TYPE "public"."cancellation_reason" AS ENUM('worker_returned', 'filed_by_mistake', 'settled');--> statement-breakpoint
CREATE TYPE "public"."deposit_status" AS ENUM('pending', 'paid', 'utilised', 'refunded', 'failed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('bank_statement', 'municipality_licence', 'address_proof', 'grievance_attachment');--> statement-breakpoint
CREATE TYPE "public"."payment_provider" AS ENUM('stripe', 'local');--> statement-breakpoint
CREATE TYPE "public"."referral_period" AS ENUM('month', 'year');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('open', 'compliant', 'non_compliant');--> statement-breakpoint
CREATE TYPE "public"."refund_ground" AS ENUM('legal_period_ended', 'cancellation_approved', 'grievance_accepted', 'worker_left_country');--> statement-breakpoint
CREATE TYPE "public"."refund_status" AS ENUM('submitted', 'approved', 'refunded', 'failed', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('draft', 'awaiting_payment', 'submitted', 'approved', 'rejected', 'cancelled', 'closed');--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('submitted', 'under_review', 'accepted', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE SEQUENCE "public"."report_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 CACHE 1;--> statement-breakpoint
CREATE TABLE "cancellation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"status" "request_status" DEFAULT 'submitted' NOT NULL,
	"reason" "cancellation_reason" NOT NULL,
	"explanation" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason_code" text,
	"decision_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deposits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"amount_baisa" integer NOT NULL,
	"status" "deposit_status" DEFAULT 'pending' NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"provider_session_id" text,
	"provider_payment_id" text,
	"paid_at" timestamp with time zone,
	"refunded_baisa" integer DEFAULT 0 NOT NULL,
	"refunded_at" timestamp with time zone,
	"utilised_at" timestamp with time zone,
	"ticket_reference" text,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deposits_provider_session_id_unique" UNIQUE("provider_session_id"),
	CONSTRAINT "deposits_amount" CHECK ("deposits"."amount_baisa" > 0 and "deposits"."amount_baisa" % 10 = 0),
	CONSTRAINT "deposits_refund_le_paid" CHECK ("deposits"."refunded_baisa" >= 0 and "deposits"."refunded_baisa" <= "deposits"."amount_baisa"),
	CONSTRAINT "deposits_refund_not_utilised" CHECK (not ("deposits"."refunded_baisa" > 0 and "deposits"."utilised_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"storage_key" text NOT NULL,
	"original_name" text NOT NULL,
	"mime_type" varchar(40) NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" char(64) NOT NULL,
	"uploaded_by_kind" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"shared_with_worker" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_files_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "evidence_files_size" CHECK ("evidence_files"."size_bytes" > 0 and "evidence_files"."size_bytes" <= 5242880)
);
--> statement-breakpoint
CREATE TABLE "inspection_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"establishment_id" uuid NOT NULL,
	"period" "referral_period" NOT NULL,
	"period_key" varchar(7) NOT NULL,
	"report_count" integer NOT NULL,
	"status" "referral_status" DEFAULT 'open' NOT NULL,
	"outcome_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_events_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "refund_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"deposit_id" uuid NOT NULL,
	"ground" "refund_ground" NOT NULL,
	"status" "refund_status" DEFAULT 'submitted' NOT NULL,
	"amount_baisa" integer NOT NULL,
	"requested_by" uuid NOT NULL,
	"provider_refund_id" text,
	"failure_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason_code" text,
	"decision_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refund_requests_provider_refund_id_unique" UNIQUE("provider_refund_id"),
	CONSTRAINT "refund_amount_positive" CHECK ("refund_requests"."amount_baisa" > 0)
);
--> statement-breakpoint
CREATE TABLE "report_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"from_status" "report_status",
	"to_status" "report_status" NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"reason_code" text,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" varchar(20) NOT NULL,
	"establishment_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"status" "report_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_day_at_work" date,
	"work_governorate_code" char(2),
	"work_address" text,
	"contact_attempts" text,
	"decl_dispute_before_absence" boolean,
	"decl_worker_left_country_known" boolean,
	"decl_on_legal_leave" boolean,
	"decl_resignation_accepted" boolean,
	"fee_baisa" integer,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"grievance_deadline" date,
	"legal_period_ends" date,
	"refund_claim_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_reference_unique" UNIQUE("reference"),
	CONSTRAINT "reports_fee_positive" CHECK ("reports"."fee_baisa" is null or ("reports"."fee_baisa" > 0 and "reports"."fee_baisa" % 10 = 0))
);
--> statement-breakpoint
CREATE TABLE "ticket_fees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nationality" char(2) NOT NULL,
	"amount_baisa" integer NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_fees_amount" CHECK ("ticket_fees"."amount_baisa" > 0 and "ticket_fees"."amount_baisa" % 10 = 0)
);
--> statement-breakpoint
ALTER TABLE "cancellation_requests" ADD CONSTRAINT "cancellation_requests_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cancellation_requests" ADD CONSTRAINT "cancellation_requests_requested_by_employer_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."employer_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cancellation_requests" ADD CONSTRAINT "cancellation_requests_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_referrals" ADD CONSTRAINT "inspection_referrals_establishment_id_establishments_id_fk" FOREIGN KEY ("establishment_id") REFERENCES "public"."establishments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_referrals" ADD CONSTRAINT "inspection_referrals_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_deposit_id_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_requested_by_employer_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."employer_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_establishment_id_establishments_id_fk" FOREIGN KEY ("establishment_id") REFERENCES "public"."establishments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_created_by_employer_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."employer_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_work_governorate_code_governorates_code_fk" FOREIGN KEY ("work_governorate_code") REFERENCES "public"."governorates"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_fees" ADD CONSTRAINT "ticket_fees_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cancellation_one_open_per_report" ON "cancellation_requests" USING btree ("report_id") WHERE "cancellation_requests"."status" in ('submitted', 'under_review');--> statement-breakpoint
CREATE INDEX "cancellation_status_idx" ON "cancellation_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deposits_one_live_per_report" ON "deposits" USING btree ("report_id") WHERE "deposits"."status" in ('pending', 'paid', 'utilised', 'refunded');--> statement-breakpoint
CREATE INDEX "deposits_status_idx" ON "deposits" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "evidence_files_report_idx" ON "evidence_files" USING btree ("report_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_unique_period" ON "inspection_referrals" USING btree ("establishment_id","period","period_key");--> statement-breakpoint
CREATE INDEX "referrals_status_idx" ON "inspection_referrals" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "refund_one_live_per_deposit" ON "refund_requests" USING btree ("deposit_id") WHERE "refund_requests"."status" in ('submitted', 'approved', 'refunded');--> statement-breakpoint
CREATE INDEX "refund_status_idx" ON "refund_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "report_events_report_idx" ON "report_events" USING btree ("report_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_one_open_per_worker" ON "reports" USING btree ("worker_id") WHERE "reports"."status" in ('awaiting_payment', 'submitted', 'approved');--> statement-breakpoint
CREATE INDEX "reports_establishment_idx" ON "reports" USING btree ("establishment_id","created_at","id");--> statement-breakpoint
CREATE INDEX "reports_status_idx" ON "reports" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "reports_worker_idx" ON "reports" USING btree ("worker_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_fees_nationality_from" ON "ticket_fees" USING btree ("nationality","effective_from");