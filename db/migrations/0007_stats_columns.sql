-- Issue 6: statistics group and filter reports by governorate and nationality without joining establishments
-- (150k) and workers (millions). Each report keeps its own copies; a trigger sets them on every write.
ALTER TABLE "reports" ADD COLUMN "stats_governorate_code" char(2);--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "worker_nationality" char(2);--> statement-breakpoint
-- Backfill. A report's governorate for statistics is where the worker worked, else the establishment's; the
-- nationality is the worker's now, which for existing reports is the best record of it at filing.
UPDATE "reports" r
   SET "stats_governorate_code" = coalesce(r."work_governorate_code", e."governorate_code"),
       "worker_nationality" = w."nationality"
  FROM "establishments" e, "workers" w
 WHERE e."id" = r."establishment_id" AND w."id" = r."worker_id";
--> statement-breakpoint
-- From now on the database keeps them: on insert, and when the workplace, establishment or worker changes.
-- worker_nationality is a snapshot taken when the report is created (statistics count the nationality the
-- worker had when reported); an insert that already carries it (the scale generator's COPY) keeps it.
CREATE OR REPLACE FUNCTION reports_stats_columns() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- An insert that already carries the copies (the scale generator's COPY) needs no look-up.
    IF NEW.work_governorate_code IS NOT NULL THEN
      NEW.stats_governorate_code := NEW.work_governorate_code;
    ELSIF NEW.stats_governorate_code IS NULL THEN
      NEW.stats_governorate_code := (SELECT e.governorate_code FROM establishments e WHERE e.id = NEW.establishment_id);
    END IF;
    IF NEW.worker_nationality IS NULL THEN
      NEW.worker_nationality := (SELECT w.nationality FROM workers w WHERE w.id = NEW.worker_id);
    END IF;
  ELSE
    IF NEW.work_governorate_code IS DISTINCT FROM OLD.work_governorate_code
       OR NEW.establishment_id IS DISTINCT FROM OLD.establishment_id THEN
      NEW.stats_governorate_code := coalesce(
        NEW.work_governorate_code,
        (SELECT e.governorate_code FROM establishments e WHERE e.id = NEW.establishment_id));
    END IF;
    IF NEW.worker_id IS DISTINCT FROM OLD.worker_id THEN
      NEW.worker_nationality := (SELECT w.nationality FROM workers w WHERE w.id = NEW.worker_id);
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reports_stats_columns
  BEFORE INSERT OR UPDATE OF work_governorate_code, establishment_id, worker_id ON reports
  FOR EACH ROW EXECUTE FUNCTION reports_stats_columns();
--> statement-breakpoint
-- Covering index (Drizzle cannot declare INCLUDE): a date range of filed reports is an index-only scan.
CREATE INDEX "reports_stats_idx" ON "reports" USING btree ("submitted_at")
  INCLUDE ("status", "stats_governorate_code", "worker_nationality", "decided_at")
  WHERE "submitted_at" IS NOT NULL;
--> statement-breakpoint
ANALYZE "reports";
