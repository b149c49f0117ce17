-- The audit trail is append-only, and TRUNCATE fires no row trigger: a statement trigger refuses
-- it too, to every role. The application has no TRUNCATE privilege on any table anyway
-- (20261203110000_application_role); this holds the owner.
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
