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
ALTER TABLE "worker_otps" ADD CONSTRAINT "worker_otps_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "worker_otps_worker_idx" ON "worker_otps" USING btree ("worker_id","created_at");