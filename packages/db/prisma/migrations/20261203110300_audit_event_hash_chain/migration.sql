-- A hash chain over the audit trail: every event gets a link whose hash covers the previous
-- link's hash and the event's content, so changing, removing or slipping in an event past the
-- append-only triggers (which only the owner or a superuser can set aside) breaks the chain from
-- there on. `pnpm --filter @ledgerline/db audit:verify` walks it (packages/db/src/audit-chain.ts,
-- whose TypeScript twin of audit_event_hash a test holds equal).
--
-- The database computes the links, so no writer can skip them: a deferred trigger links each
-- event when its transaction commits, in commit order, under a transaction-scoped advisory lock
-- held for the commit alone (as numbering does, 20261121060000_numbers_at_commit). The numbering
-- trigger takes the same lock first, so the two commit-time locks are always taken in one order.
-- The application's role may read the links, never write them: the linking function runs as the
-- owner (SECURITY DEFINER).

-- CreateTable
CREATE TABLE "audit_event_links" (
    "position" BIGSERIAL NOT NULL,
    "audit_event_id" BIGINT NOT NULL,
    "previous_hash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "audit_event_links_pkey" PRIMARY KEY ("position")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_links_audit_event_id_key" ON "audit_event_links"("audit_event_id");

-- AddForeignKey
ALTER TABLE "audit_event_links" ADD CONSTRAINT "audit_event_links_audit_event_id_fkey" FOREIGN KEY ("audit_event_id") REFERENCES "audit_events"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

GRANT SELECT ON "audit_event_links" TO ledgerline_app;

-- Links are append-only like the events they chain.
CREATE TRIGGER "audit_event_links_append_only" BEFORE UPDATE OR DELETE ON "audit_event_links"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
CREATE TRIGGER "audit_event_links_no_truncate" BEFORE TRUNCATE ON "audit_event_links"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();

-- One field of the hashed text: its length in bytes, a colon and the text; '-' for null. The
-- lengths keep fields from running into each other, whatever they contain.
CREATE FUNCTION "audit_hash_field"(value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(value)::text || ':' || value END
$$;

-- The link's hash: SHA-256 (hex) of the previous hash followed by the event's fields, in this
-- order (version 1; a column added to audit_events later is not covered until a new version
-- says so). auditEventHash in packages/db/src/audit-chain.ts is its twin.
CREATE FUNCTION "audit_event_hash"(previous_hash text, event "audit_events") RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    previous_hash
    || audit_hash_field(event.id::text)
    || audit_hash_field(to_char(event.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    || audit_hash_field(event.actor_id::text)
    || audit_hash_field(event.api_token_id::text)
    || audit_hash_field(event.action)
    || audit_hash_field(event.entity_type)
    || audit_hash_field(event.entity_id)
    || audit_hash_field(event.before::text)
    || audit_hash_field(event.after::text), 'UTF8')), 'hex')
$$;

CREATE FUNCTION "link_audit_event"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  previous text;
BEGIN
  -- One chain: links are made one commit at a time (the key is the numbering trigger's too).
  PERFORM pg_advisory_xact_lock(hashtext('ledgerline.audit_event_links'));
  SELECT hash INTO previous FROM audit_event_links ORDER BY position DESC LIMIT 1;
  previous := coalesce(previous, repeat('0', 64));
  INSERT INTO audit_event_links (audit_event_id, previous_hash, hash)
  VALUES (NEW.id, previous, audit_event_hash(previous, NEW));
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "audit_events_link"
  AFTER INSERT ON "audit_events"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "link_audit_event"();

-- The events written before this migration, in the order of their ids.
DO $$
DECLARE
  event audit_events;
  previous text := repeat('0', 64);
  next_hash text;
BEGIN
  FOR event IN SELECT * FROM audit_events ORDER BY id LOOP
    next_hash := audit_event_hash(previous, event);
    INSERT INTO audit_event_links (audit_event_id, previous_hash, hash)
    VALUES (event.id, previous, next_hash);
    previous := next_hash;
  END LOOP;
END
$$;

-- The numbering trigger of 20261121060000_numbers_at_commit, unchanged but for its first
-- statement: it takes the chain's lock before the counter's, as every commit that links events
-- does, so two commits never wait for each other's lock.
CREATE OR REPLACE FUNCTION "assign_pending_document_number"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  document_type sales_document_type;
  document_issued_date date;
  latest_issued_date date;
  sequence_number integer;
  document_number text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('ledgerline.audit_event_links'));
  SELECT type, issued_date INTO document_type, document_issued_date
  FROM sales_documents WHERE id = NEW.document_id;
  -- Creates the (scope, year) counter on first use; the row stays locked until the commit ends.
  INSERT INTO number_sequences (scope, year, last_number)
  VALUES (NEW.scope, NEW.year, 1)
  ON CONFLICT (scope, year) DO UPDATE SET last_number = number_sequences.last_number + 1
  RETURNING last_number INTO sequence_number;
  SELECT max(issued_date) INTO latest_issued_date
  FROM sales_documents WHERE type = document_type AND number IS NOT NULL;
  IF latest_issued_date > document_issued_date THEN
    RAISE EXCEPTION 'Numbers follow the issued dates.'
      USING ERRCODE = 'LL001',
            DETAIL = json_build_object('type', document_type,
                                       'issuedDate', document_issued_date,
                                       'latestIssuedDate', latest_issued_date)::text;
  END IF;
  -- formatDocumentNumber of packages/domain: at least four digits (a test holds them equal).
  document_number := NEW.prefix || '-' || NEW.year || '-'
    || lpad(sequence_number::text, greatest(4, length(sequence_number::text)), '0');
  -- A document has a number exactly when it has been issued (a check): both are set here.
  UPDATE sales_documents SET number = document_number, issued_at = now() WHERE id = NEW.document_id;
  -- 'salesDocument' is SALES_DOCUMENT_ENTITY of packages/services, the history reads it back.
  INSERT INTO audit_events
    (occurred_at, actor_id, api_token_id, action, entity_type, entity_id, before, after)
  VALUES (NEW.audit_occurred_at, NEW.audit_actor_id, NEW.audit_api_token_id, NEW.audit_action,
          'salesDocument', NEW.document_id::text, NEW.audit_before,
          NEW.audit_after || jsonb_build_object('number', document_number));
  DELETE FROM pending_document_numbers WHERE document_id = NEW.document_id;
  RETURN NULL;
END
$$;
