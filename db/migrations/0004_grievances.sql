CREATE TYPE "public"."grievance_ground" AS ENUM('at_work', 'salary_unpaid', 'resignation_accepted', 'on_leave', 'other');--> statement-breakpoint
CREATE TYPE "public"."grievance_status" AS ENUM('submitted', 'under_review', 'accepted', 'rejected');--> statement-breakpoint
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
ALTER TABLE "evidence_files" ADD COLUMN "grievance_id" uuid;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grievances_one_open_per_report" ON "grievances" USING btree ("report_id") WHERE "grievances"."status" in ('submitted', 'under_review');--> statement-breakpoint
CREATE INDEX "grievances_worker_idx" ON "grievances" USING btree ("worker_id","created_at");--> statement-breakpoint
CREATE INDEX "grievances_status_idx" ON "grievances" USING btree ("status","created_at");--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_grievance_id_grievances_id_fk" FOREIGN KEY ("grievance_id") REFERENCES "public"."grievances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_files_grievance_idx" ON "evidence_files" USING btree ("grievance_id");--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_grievance_link" CHECK (("evidence_files"."kind" = 'grievance_attachment') = ("evidence_files"."grievance_id" is not null));