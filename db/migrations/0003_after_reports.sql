CREATE TYPE "public"."deadline_notice_kind" AS ENUM('legal_period_ended', 'grievance_closing');--> statement-breakpoint
CREATE TYPE "public"."grievance_ground" AS ENUM('at_work', 'salary_unpaid', 'resignation_accepted', 'on_leave', 'other');--> statement-breakpoint
CREATE TYPE "public"."grievance_status" AS ENUM('submitted', 'under_review', 'accepted', 'rejected');--> statement-breakpoint
ALTER TYPE "public"."refund_ground" ADD VALUE 'report_rejected';--> statement-breakpoint
CREATE TABLE "deadline_notices" (
	"kind" "deadline_notice_kind" NOT NULL,
	"report_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_notices_kind_report_id_pk" PRIMARY KEY("kind","report_id")
);
--> statement-breakpoint
CREATE TABLE "grievances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"status" "grievance_status" DEFAULT 'submitted' NOT NULL,
	"grounds" "grievance_ground" NOT NULL,
	"statement" text NOT NULL,
	"contact_phone" varchar(16) NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason_code" text,
	"decision_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_otps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"code_hash" char(64) NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	CONSTRAINT "worker_otps_attempts" CHECK ("worker_otps"."attempts" >= 0 and "worker_otps"."attempts" <= 5)
);
--> statement-breakpoint
ALTER TABLE "staff_users" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "evidence_files" ADD COLUMN "grievance_id" uuid;--> statement-breakpoint
ALTER TABLE "deadline_notices" ADD CONSTRAINT "deadline_notices_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_otps" ADD CONSTRAINT "worker_otps_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grievances_one_open_per_report" ON "grievances" USING btree ("report_id") WHERE "grievances"."status" in ('submitted', 'under_review');--> statement-breakpoint
CREATE INDEX "grievances_worker_idx" ON "grievances" USING btree ("worker_id","created_at");--> statement-breakpoint
CREATE INDEX "grievances_status_idx" ON "grievances" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "worker_otps_worker_idx" ON "worker_otps" USING btree ("worker_id","created_at");--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_grievance_id_grievances_id_fk" FOREIGN KEY ("grievance_id") REFERENCES "public"."grievances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("next_attempt_at") WHERE "notifications"."next_attempt_at" is not null;--> statement-breakpoint
CREATE INDEX "notifications_provider_idx" ON "notifications" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "evidence_files_grievance_idx" ON "evidence_files" USING btree ("grievance_id");--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_grievance_link" CHECK (("evidence_files"."kind" = 'grievance_attachment') = ("evidence_files"."grievance_id" is not null));