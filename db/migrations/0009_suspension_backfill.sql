-- Issue 10 §9: suspensions became a lifecycle (table suspensions, migration 0008). An establishment suspended
-- before that has only establishments.services_suspended_until: give it its active suspension row, so the
-- daily job ends it and a supervisor can lift it. Its start is unknown: one year before its end (Art. 4's
-- length), or now when that would not be earlier than the end; linked to its latest non-compliant referral.
INSERT INTO "suspensions" ("establishment_id", "referral_id", "status", "starts_at", "ends_at")
SELECT e."id",
       (SELECT r."id" FROM "inspection_referrals" r
         WHERE r."establishment_id" = e."id" AND r."status" = 'non_compliant'
         ORDER BY r."decided_at" DESC NULLS LAST LIMIT 1),
       'active',
       LEAST(e."services_suspended_until" - interval '1 year', now()),
       e."services_suspended_until"
  FROM "establishments" e
 WHERE e."services_suspended_until" > now()
   AND NOT EXISTS (SELECT 1 FROM "suspensions" s WHERE s."establishment_id" = e."id" AND s."status" = 'active');
--> statement-breakpoint
-- A date already passed blocks nothing: clear it, as the suspension's `ended` move does.
UPDATE "establishments" SET "services_suspended_until" = NULL WHERE "services_suspended_until" <= now();
