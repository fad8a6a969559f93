CREATE TYPE "public"."suspension_status" AS ENUM('active', 'ended', 'lifted');--> statement-breakpoint
CREATE TYPE "public"."worker_exit_kind" AS ENUM('left_own_expense', 'deported', 'transferred', 'permit_cancelled');--> statement-breakpoint
ALTER TYPE "public"."refund_ground" ADD VALUE 'not_permitted_at_payment';--> statement-breakpoint
ALTER TYPE "public"."report_status" ADD VALUE 'expired';--> statement-breakpoint
ALTER TYPE "public"."report_status" ADD VALUE 'discarded';--> statement-breakpoint
ALTER TYPE "public"."request_status" ADD VALUE 'closed';--> statement-breakpoint
ALTER TYPE "public"."grievance_status" ADD VALUE 'closed';--> statement-breakpoint
ALTER TYPE "public"."grievance_status" ADD VALUE 'withdrawn';--> statement-breakpoint
CREATE TABLE "lifecycle_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"report_id" uuid,
	"transition" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"reason_code" text,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suspensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"establishment_id" uuid NOT NULL,
	"referral_id" uuid,
	"status" "suspension_status" DEFAULT 'active' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"lifted_by" uuid,
	"lifted_at" timestamp with time zone,
	"lift_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suspensions_dates" CHECK ("suspensions"."ends_at" > "suspensions"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "worker_exits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"report_id" uuid,
	"kind" "worker_exit_kind" NOT NULL,
	"exit_date" date NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence_files" ADD COLUMN "shared_with_employer" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD COLUMN "shared_by" uuid;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD COLUMN "shared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "suspensions" ADD CONSTRAINT "suspensions_establishment_id_establishments_id_fk" FOREIGN KEY ("establishment_id") REFERENCES "public"."establishments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspensions" ADD CONSTRAINT "suspensions_referral_id_inspection_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."inspection_referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspensions" ADD CONSTRAINT "suspensions_lifted_by_staff_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_exits" ADD CONSTRAINT "worker_exits_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_exits" ADD CONSTRAINT "worker_exits_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_exits" ADD CONSTRAINT "worker_exits_recorded_by_staff_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lifecycle_events_entity_idx" ON "lifecycle_events" USING btree ("entity","entity_id","at");--> statement-breakpoint
CREATE INDEX "lifecycle_events_report_idx" ON "lifecycle_events" USING btree ("report_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "suspensions_one_active_per_establishment" ON "suspensions" USING btree ("establishment_id") WHERE "suspensions"."status" = 'active';--> statement-breakpoint
CREATE INDEX "suspensions_status_ends_idx" ON "suspensions" USING btree ("status","ends_at");--> statement-breakpoint
CREATE INDEX "worker_exits_worker_idx" ON "worker_exits" USING btree ("worker_id","created_at");--> statement-breakpoint
CREATE INDEX "worker_exits_report_idx" ON "worker_exits" USING btree ("report_id");--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_shared_by_staff_users_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;