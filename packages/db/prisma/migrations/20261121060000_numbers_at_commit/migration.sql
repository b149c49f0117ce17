-- Document numbers are taken when the issuing transaction commits (docs/performance.md).
--
-- A range's counter row is locked from the moment a number is taken until the transaction
-- ends. Taken by a statement of the application, the lock was also held while the application
-- got round to sending COMMIT, and under load that wait was the longest part: issuers queued on
-- the counter and filled the connection pool. Now the issuing transaction only records what to
-- number (a row here); a deferred constraint trigger takes the number during COMMIT, writes it
-- on the document, records the audit event that names it and removes the row. The counter is
-- locked for the commit alone. A rollback takes nothing, so numbers stay gapless; the trigger
-- refuses an issued date earlier than the type's last numbered document (numbers follow issued
-- dates) with SQLSTATE LL001, which fails the commit.

-- CreateTable
CREATE TABLE "pending_document_numbers" (
    "document_id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "prefix" TEXT NOT NULL,
    "audit_occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "audit_actor_id" UUID,
    "audit_api_token_id" UUID,
    "audit_action" TEXT NOT NULL,
    "audit_before" JSONB,
    "audit_after" JSONB NOT NULL,

    CONSTRAINT "pending_document_numbers_pkey" PRIMARY KEY ("document_id")
);

-- AddForeignKey
ALTER TABLE "pending_document_numbers" ADD CONSTRAINT "pending_document_numbers_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "sales_documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "assign_pending_document_number"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  document_type sales_document_type;
  document_issued_date date;
  latest_issued_date date;
  sequence_number integer;
  document_number text;
BEGIN
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

CREATE CONSTRAINT TRIGGER "pending_document_numbers_assign"
  AFTER INSERT ON "pending_document_numbers"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "assign_pending_document_number"();
