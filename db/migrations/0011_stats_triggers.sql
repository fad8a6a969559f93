-- Issue 12: the statistics page's totals (report_stats, migration 0008) kept exact by the database itself, in
-- the same transaction as every change to reports, deposits and grievances, whatever code makes it.
--
-- Each changed row is turned into "facts" (one filed report; one deposit's or grievance's money and outcome),
-- each fact is expanded into the summary rows it counts in (report_stats_expand), and a statement's net change
-- is appended to report_stats_delta. Appending (rather than updating report_stats in place) means two
-- transactions never wait for each other on the same total (every filing of the day in Muscat would otherwise
-- queue on one row) and cannot deadlock over two totals taken in opposite orders. report_stats_fold() moves
-- the deltas into report_stats (the job statistics:fold, every minute); readers add both.
CREATE TYPE report_stats_fact AS (
  day date, gov text, nat text, status text, hours bigint,
  reports bigint, ga bigint, gr bigint, hc bigint, hb bigint, rc bigint, rb bigint, uc bigint, ub bigint
);
--> statement-breakpoint
-- A report counts once it is filed: on the Muscat calendar day of submitted_at, in its statistics governorate.
-- A decided report also counts in the decision-time histogram, by whole hours from filing to decision.
CREATE FUNCTION report_stats_report_fact(
  at timestamptz, gov text, nat text, status text, decided timestamptz, sign int
) RETURNS SETOF report_stats_fact LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE 'Asia/Muscat')::date, coalesce(gov, '--'), coalesce(nat, ''), status,
         CASE WHEN decided IS NULL THEN NULL
              ELSE floor(extract(epoch FROM decided - at) / 3600)::bigint END,
         sign::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint
  WHERE at IS NOT NULL
$$;
--> statement-breakpoint
-- A deposit of a filed report: held (paid) and utilised count its amount, refunded what went back.
CREATE FUNCTION report_stats_deposit_fact(
  at timestamptz, gov text, status text, amount bigint, refunded bigint, sign int
) RETURNS SETOF report_stats_fact LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE 'Asia/Muscat')::date, coalesce(gov, '--'), NULL::text, NULL::text, NULL::bigint,
         0::bigint, 0::bigint, 0::bigint,
         sign * (status = 'paid')::int::bigint, sign * CASE WHEN status = 'paid' THEN amount ELSE 0 END,
         sign * (status = 'refunded')::int::bigint, sign * CASE WHEN status = 'refunded' THEN refunded ELSE 0 END,
         sign * (status = 'utilised')::int::bigint, sign * CASE WHEN status = 'utilised' THEN amount ELSE 0 END
  WHERE at IS NOT NULL AND status IN ('paid', 'refunded', 'utilised')
$$;
--> statement-breakpoint
CREATE FUNCTION report_stats_grievance_fact(
  at timestamptz, gov text, status text, sign int
) RETURNS SETOF report_stats_fact LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE 'Asia/Muscat')::date, coalesce(gov, '--'), NULL::text, NULL::text, NULL::bigint,
         0::bigint, sign * (status = 'accepted')::int::bigint, sign * (status = 'rejected')::int::bigint,
         0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint
  WHERE at IS NOT NULL AND status IN ('accepted', 'rejected')
$$;
--> statement-breakpoint
-- The summary rows one fact counts in: day and month, the country and its governorate, and for a report its
-- status, nationality, governorate (national scope) and, by month only, its decision time in whole hours
-- (days at range edges are read from the reports: lib/admin/statistics.ts); for money, the `x` row.
CREATE FUNCTION report_stats_expand(f report_stats_fact) RETURNS SETOF report_stats LANGUAGE sql STABLE AS $$
  SELECT g.grain, CASE WHEN g.grain = 'd' THEN f.day ELSE date_trunc('month', f.day)::date END,
         s.scope, k.kind, k.key,
         f.reports, f.ga, f.gr, f.hc, f.hb, f.rc, f.rb, f.uc, f.ub
  FROM (VALUES ('d'), ('m')) g(grain)
  CROSS JOIN (VALUES (''), (f.gov)) s(scope)
  CROSS JOIN LATERAL (VALUES
    ('s', f.status),
    ('n', f.nat),
    ('g', CASE WHEN s.scope = '' THEN f.gov END),
    ('h', CASE WHEN g.grain = 'm' THEN f.hours::text END),
    ('x', '')
  ) k(kind, key)
  WHERE k.key IS NOT NULL AND (k.kind = 'x') = (f.reports = 0)
$$;
--> statement-breakpoint
-- Appends the net change of a set of facts (a statement's) to report_stats_delta.
CREATE FUNCTION report_stats_record(facts report_stats_fact[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_stats_delta (grain, period, scope, kind, key, reports, grievances_accepted,
    grievances_rejected, held_count, held_baisa, refunded_count, refunded_baisa, utilised_count, utilised_baisa)
  SELECT e.grain, e.period, e.scope, e.kind, e.key, sum(e.reports), sum(e.grievances_accepted),
         sum(e.grievances_rejected), sum(e.held_count), sum(e.held_baisa), sum(e.refunded_count),
         sum(e.refunded_baisa), sum(e.utilised_count), sum(e.utilised_baisa)
  FROM unnest(facts) f, LATERAL report_stats_expand(f) e
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(e.reports) <> 0 OR sum(e.grievances_accepted) <> 0 OR sum(e.grievances_rejected) <> 0
      OR sum(e.held_count) <> 0 OR sum(e.held_baisa) <> 0 OR sum(e.refunded_count) <> 0
      OR sum(e.refunded_baisa) <> 0 OR sum(e.utilised_count) <> 0 OR sum(e.utilised_baisa) <> 0
$$;
--> statement-breakpoint
-- reports: the report's own facts, old ones taken away and new ones added. When a filed report's day or
-- governorate changes, its deposits and grievances move with it: they are read FOR SHARE, so a concurrent
-- change to one of them is either seen here or waits for this transaction and then sees the new day.
CREATE FUNCTION report_stats_on_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM report_stats_record(ARRAY(
      SELECT f FROM nt n, report_stats_report_fact(n.submitted_at, n.stats_governorate_code,
        n.worker_nationality, n.status::text, n.decided_at, 1) f));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM report_stats_record(ARRAY(
      SELECT f FROM ot o, report_stats_report_fact(o.submitted_at, o.stats_governorate_code,
        o.worker_nationality, o.status::text, o.decided_at, -1) f));
  ELSE
    PERFORM report_stats_record(ARRAY(
      SELECT f FROM nt n, report_stats_report_fact(n.submitted_at, n.stats_governorate_code,
        n.worker_nationality, n.status::text, n.decided_at, 1) f
      UNION ALL
      SELECT f FROM ot o, report_stats_report_fact(o.submitted_at, o.stats_governorate_code,
        o.worker_nationality, o.status::text, o.decided_at, -1) f
      UNION ALL
      SELECT f FROM (
        SELECT n.id, n.submitted_at AS new_at, n.stats_governorate_code AS new_gov,
               o.submitted_at AS old_at, o.stats_governorate_code AS old_gov
        FROM nt n JOIN ot o ON o.id = n.id
        WHERE (n.submitted_at IS NOT NULL OR o.submitted_at IS NOT NULL)
          AND ((n.submitted_at AT TIME ZONE 'Asia/Muscat')::date, n.stats_governorate_code)
              IS DISTINCT FROM ((o.submitted_at AT TIME ZONE 'Asia/Muscat')::date, o.stats_governorate_code)
      ) m
      CROSS JOIN LATERAL (
        SELECT d.status::text AS status, d.amount_baisa::bigint AS amount, d.refunded_baisa::bigint AS refunded
        FROM deposits d WHERE d.report_id = m.id FOR SHARE
      ) d
      CROSS JOIN LATERAL (
        SELECT f FROM report_stats_deposit_fact(m.new_at, m.new_gov, d.status, d.amount, d.refunded, 1) f
        UNION ALL
        SELECT f FROM report_stats_deposit_fact(m.old_at, m.old_gov, d.status, d.amount, d.refunded, -1) f
      ) x(f)
      UNION ALL
      SELECT f FROM (
        SELECT n.id, n.submitted_at AS new_at, n.stats_governorate_code AS new_gov,
               o.submitted_at AS old_at, o.stats_governorate_code AS old_gov
        FROM nt n JOIN ot o ON o.id = n.id
        WHERE (n.submitted_at IS NOT NULL OR o.submitted_at IS NOT NULL)
          AND ((n.submitted_at AT TIME ZONE 'Asia/Muscat')::date, n.stats_governorate_code)
              IS DISTINCT FROM ((o.submitted_at AT TIME ZONE 'Asia/Muscat')::date, o.stats_governorate_code)
      ) m
      CROSS JOIN LATERAL (
        SELECT g.status::text AS status FROM grievances g WHERE g.report_id = m.id FOR SHARE
      ) g
      CROSS JOIN LATERAL (
        SELECT f FROM report_stats_grievance_fact(m.new_at, m.new_gov, g.status, 1) f
        UNION ALL
        SELECT f FROM report_stats_grievance_fact(m.old_at, m.old_gov, g.status, -1) f
      ) x(f)));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER report_stats_reports_insert AFTER INSERT ON reports
  REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION report_stats_on_reports();
--> statement-breakpoint
CREATE TRIGGER report_stats_reports_update AFTER UPDATE ON reports
  REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION report_stats_on_reports();
--> statement-breakpoint
CREATE TRIGGER report_stats_reports_delete AFTER DELETE ON reports
  REFERENCING OLD TABLE AS ot FOR EACH STATEMENT EXECUTE FUNCTION report_stats_on_reports();
--> statement-breakpoint
-- deposits and grievances: old facts away, new ones in, with the report's day and governorate as they are now.
CREATE FUNCTION report_stats_on_deposits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The reports are locked first (as an UPDATE of them would), so a concurrent change of a report's day or
  -- governorate either finishes before the facts below read it, or waits and then moves these rows too.
  IF TG_OP = 'INSERT' THEN
    PERFORM 1 FROM reports WHERE id IN (SELECT report_id FROM nt) ORDER BY id FOR NO KEY UPDATE;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM reports WHERE id IN (SELECT report_id FROM ot) ORDER BY id FOR NO KEY UPDATE;
  ELSE
    PERFORM 1 FROM reports WHERE id IN (SELECT report_id FROM nt UNION SELECT report_id FROM ot) ORDER BY id
      FOR NO KEY UPDATE;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM report_stats_record(ARRAY(
      SELECT f FROM nt d JOIN reports r ON r.id = d.report_id,
        report_stats_deposit_fact(r.submitted_at, r.stats_governorate_code, d.status::text, d.amount_baisa,
          d.refunded_baisa, 1) f));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM report_stats_record(ARRAY(
      SELECT f FROM ot d JOIN reports r ON r.id = d.report_id,
        report_stats_deposit_fact(r.submitted_at, r.stats_governorate_code, d.status::text, d.amount_baisa,
          d.refunded_baisa, -1) f));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER report_stats_deposits_insert AFTER INSERT ON deposits
  REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION report_stats_on_deposits();
--> statement-breakpoint
CREATE TRIGGER report_stats_deposits_update AFTER UPDATE ON deposits
  REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION report_stats_on_deposits();
--> statement-breakpoint
CREATE TRIGGER report_stats_deposits_delete AFTER DELETE ON deposits
  REFERENCING OLD TABLE AS ot FOR EACH STATEMENT EXECUTE FUNCTION report_stats_on_deposits();
--> statement-breakpoint
CREATE FUNCTION report_stats_on_grievances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The reports are locked first (as an UPDATE of them would), so a concurrent change of a report's day or
  -- governorate either finishes before the facts below read it, or waits and then moves these rows too.
  IF TG_OP = 'INSERT' THEN
    PERFORM 1 FROM reports WHERE id IN (SELECT report_id FROM nt) ORDER BY id FOR NO KEY UPDATE;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM reports WHERE id IN (SELECT report_id FROM ot) ORDER BY id FOR NO KEY UPDATE;
  ELSE
    PERFORM 1 FROM reports WHERE id IN (SELECT report_id FROM nt UNION SELECT report_id FROM ot) ORDER BY id
      FOR NO KEY UPDATE;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM report_stats_record(ARRAY(
      SELECT f FROM nt g JOIN reports r ON r.id = g.report_id,
        report_stats_grievance_fact(r.submitted_at, r.stats_governorate_code, g.status::text, 1) f));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM report_stats_record(ARRAY(
      SELECT f FROM ot g JOIN reports r ON r.id = g.report_id,
        report_stats_grievance_fact(r.submitted_at, r.stats_governorate_code, g.status::text, -1) f));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER report_stats_grievances_insert AFTER INSERT ON grievances
  REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION report_stats_on_grievances();
--> statement-breakpoint
CREATE TRIGGER report_stats_grievances_update AFTER UPDATE ON grievances
  REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION report_stats_on_grievances();
--> statement-breakpoint
CREATE TRIGGER report_stats_grievances_delete AFTER DELETE ON grievances
  REFERENCING OLD TABLE AS ot FOR EACH STATEMENT EXECUTE FUNCTION report_stats_on_grievances();
--> statement-breakpoint
-- Everything counted again, straight from reports, deposits and grievances, written apart from the facts the
-- triggers use (stats:verify compares the two; report_stats_rebuild() replaces the totals with this). One pass
-- over the filed reports, grouped in a few ways at once.
CREATE FUNCTION report_stats_recount() RETURNS SETOF report_stats LANGUAGE sql STABLE AS $$
  WITH r AS (
    SELECT (submitted_at AT TIME ZONE 'Asia/Muscat')::date AS day, coalesce(stats_governorate_code, '--') AS gov,
           coalesce(worker_nationality, '') AS nat, status::text AS status,
           floor(extract(epoch FROM decided_at - submitted_at) / 3600)::bigint AS hours
    FROM reports WHERE submitted_at IS NOT NULL
  ), counted AS (
    SELECT day, month, gov, nat, status, hours, count(*)::bigint AS n,
           grouping(gov) AS no_gov, grouping(nat) AS no_nat, grouping(status) AS no_status,
           grouping(hours) AS no_hours, grouping(day) AS no_day
    FROM (SELECT r.*, date_trunc('month', day)::date AS month FROM r) r
    GROUP BY GROUPING SETS ((day, status), (day, gov, status), (day, nat), (day, gov, nat), (day, gov),
                            (month, hours), (month, gov, hours))
  ), days AS (
    SELECT day AS period, CASE WHEN no_gov = 1 OR no_status = 1 AND no_nat = 1 THEN '' ELSE gov END AS scope,
           CASE WHEN no_status = 0 THEN 's' WHEN no_nat = 0 THEN 'n' ELSE 'g' END AS kind,
           CASE WHEN no_status = 0 THEN status WHEN no_nat = 0 THEN nat ELSE gov END AS key,
           n AS reports, 0::bigint AS ga, 0::bigint AS gr, 0::bigint AS hc, 0::bigint AS hb, 0::bigint AS rc,
           0::bigint AS rb, 0::bigint AS uc, 0::bigint AS ub
    FROM counted WHERE no_day = 0
    UNION ALL
    SELECT m.day, s.scope, 'x', '', 0::bigint, sum(m.ga)::bigint, sum(m.gr)::bigint, sum(m.hc)::bigint,
           sum(m.hb)::bigint, sum(m.rc)::bigint, sum(m.rb)::bigint, sum(m.uc)::bigint, sum(m.ub)::bigint
    FROM (
      SELECT (r.submitted_at AT TIME ZONE 'Asia/Muscat')::date AS day, coalesce(r.stats_governorate_code, '--') AS gov,
             0 AS ga, 0 AS gr, (d.status = 'paid')::int AS hc,
             CASE WHEN d.status = 'paid' THEN d.amount_baisa ELSE 0 END AS hb,
             (d.status = 'refunded')::int AS rc, CASE WHEN d.status = 'refunded' THEN d.refunded_baisa ELSE 0 END AS rb,
             (d.status = 'utilised')::int AS uc, CASE WHEN d.status = 'utilised' THEN d.amount_baisa ELSE 0 END AS ub
      FROM deposits d JOIN reports r ON r.id = d.report_id
      WHERE r.submitted_at IS NOT NULL AND d.status IN ('paid', 'refunded', 'utilised')
      UNION ALL
      SELECT (r.submitted_at AT TIME ZONE 'Asia/Muscat')::date, coalesce(r.stats_governorate_code, '--'),
             (g.status = 'accepted')::int, (g.status = 'rejected')::int, 0, 0, 0, 0, 0, 0
      FROM grievances g JOIN reports r ON r.id = g.report_id
      WHERE r.submitted_at IS NOT NULL AND g.status IN ('accepted', 'rejected')
    ) m
    CROSS JOIN LATERAL (VALUES (''), (m.gov)) s(scope)
    GROUP BY 1, 2
  )
  SELECT 'd', period, scope, kind, key, reports, ga, gr, hc, hb, rc, rb, uc, ub FROM days
  UNION ALL
  SELECT 'm', date_trunc('month', period)::date, scope, kind, key, sum(reports)::bigint, sum(ga)::bigint,
         sum(gr)::bigint, sum(hc)::bigint, sum(hb)::bigint, sum(rc)::bigint, sum(rb)::bigint, sum(uc)::bigint,
         sum(ub)::bigint
  FROM days GROUP BY 2, 3, 4, 5
  UNION ALL
  SELECT 'm', month, CASE WHEN no_gov = 1 THEN '' ELSE gov END, 'h', hours::text, n, 0, 0, 0, 0, 0, 0, 0, 0
  FROM counted WHERE no_hours = 0 AND hours IS NOT NULL
$$;
--> statement-breakpoint
-- Moves the appended changes into report_stats (one process at a time; a second caller returns 0 at once).
-- Rows that reach zero stay (they add nothing); stats:verify ignores them.
CREATE FUNCTION report_stats_fold() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  folded bigint;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('report_stats_fold')) THEN
    RETURN 0;
  END IF;
  WITH moved AS (
    DELETE FROM report_stats_delta RETURNING *
  ), sums AS (
    SELECT grain, period, scope, kind, key, sum(reports) AS reports, sum(grievances_accepted) AS ga,
           sum(grievances_rejected) AS gr, sum(held_count) AS hc, sum(held_baisa) AS hb,
           sum(refunded_count) AS rc, sum(refunded_baisa) AS rb, sum(utilised_count) AS uc,
           sum(utilised_baisa) AS ub
    FROM moved GROUP BY 1, 2, 3, 4, 5
  )
  INSERT INTO report_stats AS s (grain, period, scope, kind, key, reports, grievances_accepted,
    grievances_rejected, held_count, held_baisa, refunded_count, refunded_baisa, utilised_count, utilised_baisa)
  SELECT * FROM sums ORDER BY grain, scope, period, kind, key
  ON CONFLICT (grain, scope, period, kind, key) DO UPDATE SET
    reports = s.reports + excluded.reports,
    grievances_accepted = s.grievances_accepted + excluded.grievances_accepted,
    grievances_rejected = s.grievances_rejected + excluded.grievances_rejected,
    held_count = s.held_count + excluded.held_count,
    held_baisa = s.held_baisa + excluded.held_baisa,
    refunded_count = s.refunded_count + excluded.refunded_count,
    refunded_baisa = s.refunded_baisa + excluded.refunded_baisa,
    utilised_count = s.utilised_count + excluded.utilised_count,
    utilised_baisa = s.utilised_baisa + excluded.utilised_baisa;
  GET DIAGNOSTICS folded = ROW_COUNT;
  RETURN folded;
END;
$$;
--> statement-breakpoint
-- Replaces the totals with a full recount (the migration below; npm run seed:scale after a bulk load).
-- Takes the fold's lock and a lock on the tables it counts, so nothing changes them meanwhile.
CREATE FUNCTION report_stats_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('report_stats_fold'));
  LOCK TABLE reports, deposits, grievances IN SHARE MODE;
  DELETE FROM report_stats_delta;
  DELETE FROM report_stats;
  INSERT INTO report_stats SELECT * FROM report_stats_recount();
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$;
--> statement-breakpoint
SELECT report_stats_rebuild();
--> statement-breakpoint
ANALYZE report_stats;
