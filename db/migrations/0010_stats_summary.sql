CREATE TABLE "report_stats" (
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"scope" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"reports" bigint DEFAULT 0 NOT NULL,
	"grievances_accepted" bigint DEFAULT 0 NOT NULL,
	"grievances_rejected" bigint DEFAULT 0 NOT NULL,
	"held_count" bigint DEFAULT 0 NOT NULL,
	"held_baisa" bigint DEFAULT 0 NOT NULL,
	"refunded_count" bigint DEFAULT 0 NOT NULL,
	"refunded_baisa" bigint DEFAULT 0 NOT NULL,
	"utilised_count" bigint DEFAULT 0 NOT NULL,
	"utilised_baisa" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "report_stats_pk" PRIMARY KEY("grain","scope","period","kind","key")
);
--> statement-breakpoint
CREATE TABLE "report_stats_delta" (
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"scope" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"reports" bigint DEFAULT 0 NOT NULL,
	"grievances_accepted" bigint DEFAULT 0 NOT NULL,
	"grievances_rejected" bigint DEFAULT 0 NOT NULL,
	"held_count" bigint DEFAULT 0 NOT NULL,
	"held_baisa" bigint DEFAULT 0 NOT NULL,
	"refunded_count" bigint DEFAULT 0 NOT NULL,
	"refunded_baisa" bigint DEFAULT 0 NOT NULL,
	"utilised_count" bigint DEFAULT 0 NOT NULL,
	"utilised_baisa" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_stats_delta_idx" ON "report_stats_delta" USING btree ("grain","scope","period");