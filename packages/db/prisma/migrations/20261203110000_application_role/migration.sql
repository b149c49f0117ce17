-- The application connects as `ledgerline_app`: neither a superuser nor the owner of the tables,
-- so it cannot switch triggers off, set session_replication_role, alter, drop or truncate a
-- table. Only migrations run as the owner. packages/db/README.md "Roles" has the whole design.
--
-- A role belongs to the server, not to one database: every Ledgerline database on a server
-- shares this one, and several (test) databases may run this migration at the same moment, so a
-- creation by another transaction meanwhile is not an error. Creating a role needs CREATEROLE;
-- where the migrating role lacks it, an administrator creates the role beforehand.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledgerline_app') THEN
    BEGIN
      CREATE ROLE ledgerline_app LOGIN;
    EXCEPTION
      -- A concurrent migration created it first (42710, or 23505 when both inserted at once).
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'The role ledgerline_app does not exist, and % may not create roles.', current_user
          USING HINT = 'Create it as an administrator (CREATE ROLE ledgerline_app LOGIN PASSWORD ''...''), then migrate again.';
    END;
  END IF;
END
$$;

-- Grants are explicit, here and in every later migration that adds a table, rather than default
-- privileges: default privileges apply only to tables the same role creates, so a migration run
-- by another owner would silently leave the application without access, and they would hand
-- every new table all four rights without anyone deciding it. A table nobody granted fails the
-- integration tests (they run as this role) and the privileges test names it.
DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO ledgerline_app', current_schema());
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ledgerline_app', current_schema());
  -- nextval() for the serial columns (audit_events.id, sign_in_attempts.id, projects.number).
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO ledgerline_app', current_schema());
END
$$;

-- The audit trail is append-only: its trigger refuses UPDATE and DELETE even to the owner, and
-- the application may not even ask.
REVOKE UPDATE, DELETE ON "audit_events" FROM ledgerline_app;

-- The migration history belongs to the migrator.
REVOKE ALL ON "_prisma_migrations" FROM ledgerline_app;
