-- Where feasible, the application's own database role has no UPDATE, DELETE or TRUNCATE on the audit trail
-- (issue 5 §8), on top of the append-only triggers of 0001, which refuse those for every role.
--
-- The migrations run as the application's role. When that role is not a superuser, take the privileges
-- away from it and from PUBLIC: then even a bug that bypassed the triggers' purpose (say a future migration
-- that disabled them) could not change history from the app. A superuser ignores privileges, so under one
-- this does nothing and the triggers are the guard: that is local development, where the role is `postgres`
-- (and the embedded server's superuser). Production should run the app as a non-superuser.
--
-- Idempotent: REVOKE of a privilege not held is a no-op, so running this again changes nothing.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON TABLE audit_events FROM PUBLIC;
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON TABLE audit_events FROM %I', current_user);
  END IF;
END
$$;
