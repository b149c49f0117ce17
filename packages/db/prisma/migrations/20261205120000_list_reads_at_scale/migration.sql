-- Reads that do not grow with the data (docs/performance.md, "Lists at 1,000,000 documents").
--
-- 1. The customer names documents carry, once each. A search for part of a customer's name
--    looked through the trigram index of sales_documents.customer_name, whose posting lists hold
--    every document of every customer sharing a trigram ("customer", "gmbh"): it grew with the
--    documents. The names are a few thousand; the list looks the text up among them first and
--    then reads the documents of the names found through the btree index on customer_name.
--    A name is recorded by a statement trigger whenever a document is written with it, so every
--    name any document carries is here (a name no document carries any more matches nothing:
--    the documents are still filtered by it). The application may read the names; the trigger
--    writes them as the owner (SECURITY DEFINER).

-- CreateTable
CREATE TABLE "sales_document_customer_names" (
    "customer_name" TEXT NOT NULL,

    CONSTRAINT "sales_document_customer_names_pkey" PRIMARY KEY ("customer_name")
);

-- Declared in packages/db/src/database-only-indexes.ts.
CREATE INDEX "sales_document_customer_names_trgm_idx" ON "sales_document_customer_names" USING gin ("customer_name" gin_trgm_ops);

GRANT SELECT ON "sales_document_customer_names" TO ledgerline_app;

CREATE FUNCTION "record_sales_document_customer_names"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO sales_document_customer_names (customer_name)
  SELECT DISTINCT customer_name FROM written_documents
  ON CONFLICT (customer_name) DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER "sales_documents_record_customer_names_on_insert" AFTER INSERT ON "sales_documents"
    REFERENCING NEW TABLE AS written_documents
    FOR EACH STATEMENT EXECUTE FUNCTION "record_sales_document_customer_names"();
CREATE TRIGGER "sales_documents_record_customer_names_on_update" AFTER UPDATE ON "sales_documents"
    REFERENCING NEW TABLE AS written_documents
    FOR EACH STATEMENT EXECUTE FUNCTION "record_sales_document_customer_names"();

INSERT INTO "sales_document_customer_names" ("customer_name")
SELECT DISTINCT "customer_name" FROM "sales_documents";

-- 2. The selection's figures per (type, status, currency, archived, issued date, due date): how
--    many documents, the sum of their totals and of what is unpaid on each (`unpaid`, the
--    `invoiceOutstanding` of a document without credit notes: greatest(0, total - paid)).
--    Counts and totals of selections filtered only by type, status, the overdue predicate,
--    currency, archived and issued dates (the overdue list, a quarter's paid invoices) read
--    these rows instead of every matching document: they grow with the days and payment terms
--    a business has, not with its documents (21,000 rows for 1,000,000 documents in the
--    benchmark). The due date is a key because the overdue predicate compares it with today.
--    Credit notes, which are few, are corrected for on read
--    (packages/services/src/sales-documents/settlement-read-model.ts names the rules mirrored).
--
--    A deferred trigger keeps them, as numbering and the audit chain do: it applies each
--    document's change when its transaction commits, under the commit-time lock those take
--    (the same key, taken first), so the rows are locked for the commit alone, concurrent
--    commits never wait for each other in two orders, and a rollback changes nothing. Rows
--    whose count falls to zero stay (they add nothing).

-- CreateTable
CREATE TABLE "sales_document_totals" (
    "id" BIGSERIAL NOT NULL,
    "type" "sales_document_type" NOT NULL,
    "status" "sales_document_status" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "archived" BOOLEAN NOT NULL,
    "issued_date" DATE,
    "due_date" DATE,
    "document_count" BIGINT NOT NULL,
    "total" DECIMAL(20,2) NOT NULL,
    "unpaid" DECIMAL(20,2) NOT NULL,

    CONSTRAINT "sales_document_totals_pkey" PRIMARY KEY ("id")
);

-- One row per key, missing dates included (NULLS NOT DISTINCT): the trigger's upsert
-- needs it. Declared in packages/db/src/database-only-indexes.ts.
CREATE UNIQUE INDEX "sales_document_totals_key" ON "sales_document_totals"
    ("type", "status", "issued_date", "due_date", "currency", "archived") NULLS NOT DISTINCT;

GRANT SELECT ON "sales_document_totals" TO ledgerline_app;

CREATE FUNCTION "apply_sales_document_totals"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  -- The commit-time lock of numbering and the audit chain (20261203110300_audit_event_hash_chain).
  PERFORM pg_advisory_xact_lock(hashtext('ledgerline.audit_event_links'));
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO sales_document_totals AS t
      (type, status, currency, archived, issued_date, due_date, document_count, total, unpaid)
    VALUES (OLD.type, OLD.status, OLD.currency, OLD.archived_at IS NOT NULL, OLD.issued_date,
            OLD.due_date,
            -1, -OLD.total, -greatest(0, OLD.total - OLD.paid_amount))
    ON CONFLICT (type, status, issued_date, due_date, currency, archived) DO UPDATE
      SET document_count = t.document_count + excluded.document_count,
          total = t.total + excluded.total, unpaid = t.unpaid + excluded.unpaid;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO sales_document_totals AS t
      (type, status, currency, archived, issued_date, due_date, document_count, total, unpaid)
    VALUES (NEW.type, NEW.status, NEW.currency, NEW.archived_at IS NOT NULL, NEW.issued_date,
            NEW.due_date,
            1, NEW.total, greatest(0, NEW.total - NEW.paid_amount))
    ON CONFLICT (type, status, issued_date, due_date, currency, archived) DO UPDATE
      SET document_count = t.document_count + excluded.document_count,
          total = t.total + excluded.total, unpaid = t.unpaid + excluded.unpaid;
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "sales_documents_totals_on_insert_or_delete"
  AFTER INSERT OR DELETE ON "sales_documents"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "apply_sales_document_totals"();

-- Only changes of what the rows count and sum: a draft's text, numbering's own update and the
-- like queue nothing.
CREATE CONSTRAINT TRIGGER "sales_documents_totals_on_update"
  AFTER UPDATE ON "sales_documents"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW
  WHEN (OLD.type IS DISTINCT FROM NEW.type OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.currency IS DISTINCT FROM NEW.currency
        OR (OLD.archived_at IS NULL) IS DISTINCT FROM (NEW.archived_at IS NULL)
        OR OLD.issued_date IS DISTINCT FROM NEW.issued_date
        OR OLD.due_date IS DISTINCT FROM NEW.due_date OR OLD.total IS DISTINCT FROM NEW.total
        OR OLD.paid_amount IS DISTINCT FROM NEW.paid_amount)
  EXECUTE FUNCTION "apply_sales_document_totals"();

INSERT INTO "sales_document_totals"
  ("type", "status", "currency", "archived", "issued_date", "due_date", "document_count", "total",
   "unpaid")
SELECT "type", "status", "currency", "archived_at" IS NOT NULL, "issued_date", "due_date",
       count(*), sum("total"), sum(greatest(0, "total" - "paid_amount"))
FROM "sales_documents"
GROUP BY 1, 2, 3, 4, 5, 6;
