-- Soft delete of sales documents (seed 004 DELETE; docs/domain-model.md §5.10): a document that
-- is not a draft is never removed, `deleted_at` hides it from lists until it is restored. It
-- keeps its number (GoBD) and stays readable by id for those who may delete.

-- AlterTable
ALTER TABLE "sales_documents" ADD COLUMN "deleted_at" TIMESTAMPTZ(3),
ADD COLUMN "deleted_by_id" UUID;

-- CreateIndex
CREATE INDEX "sales_documents_deleted_at_idx" ON "sales_documents"("deleted_at");

-- AddForeignKey
ALTER TABLE "sales_documents" ADD CONSTRAINT "sales_documents_deleted_by_id_fkey" FOREIGN KEY ("deleted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The covering indexes of the lists carry deleted_at too, so the default view (not deleted)
-- is still answered from the index alone.
DROP INDEX "sales_documents_type_status_issued_date_created_at_idx";
CREATE INDEX "sales_documents_type_status_issued_date_created_at_idx" ON "sales_documents"
  ("type", "status", "issued_date", "created_at" DESC NULLS LAST, "id")
  INCLUDE ("currency", "total", "paid_amount", "archived_at", "deleted_at");
DROP INDEX "sales_documents_open_invoices_due_date_idx";
CREATE INDEX "sales_documents_open_invoices_due_date_idx" ON "sales_documents" ("due_date")
  INCLUDE ("id", "created_at", "currency", "total", "paid_amount", "archived_at", "type", "status",
           "deleted_at")
  WHERE "type" = 'invoice' AND "status" IN ('sent', 'partial', 'overdue');

-- An issued document may be soft-deleted and restored: deleted_at and deleted_by_id join the
-- columns that change after issue (COLUMNS_CHANGEABLE_AFTER_ISSUE); every other column stays
-- frozen exactly as before (20261203110100_issued_documents_immutable).
CREATE OR REPLACE FUNCTION "sales_documents_refuse_change_after_issue"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changeable CONSTANT text[] := ARRAY['status', 'paid_amount', 'notes', 'archived_at',
                                      'deleted_at', 'deleted_by_id',
                                      'updated_at', 'cancel_reason', 'contact_id'];
  old_row jsonb := to_jsonb(OLD);
  new_row jsonb := to_jsonb(NEW);
  changed text[];
BEGIN
  IF (new_row - changeable) IS DISTINCT FROM (old_row - changeable) THEN
    SELECT array_agg(column_name ORDER BY column_name) INTO changed
    FROM jsonb_each(new_row - changeable) AS after(column_name, value)
    WHERE after.value IS DISTINCT FROM old_row -> after.column_name;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status
     AND NOT sales_document_status_move_allowed(OLD.type, OLD.status, NEW.status) THEN
    changed := array_append(changed, 'status');
  END IF;
  IF NEW.cancel_reason IS DISTINCT FROM OLD.cancel_reason
     AND NOT (OLD.cancel_reason IS NULL AND OLD.status <> 'cancelled' AND NEW.status = 'cancelled') THEN
    changed := array_append(changed, 'cancel_reason');
  END IF;
  IF NEW.contact_id IS DISTINCT FROM OLD.contact_id AND NEW.contact_id IS NOT NULL THEN
    changed := array_append(changed, 'contact_id');
  END IF;
  IF changed IS NOT NULL THEN
    PERFORM refuse_change_of_issued_document(OLD.id, OLD.number, 'UPDATE', changed);
  END IF;
  RETURN NEW;
END
$$;

-- The kept totals (20261205120000_list_reads_at_scale) are split by deleted as they are by
-- archived: lists leave deleted documents out of their counts and sums (or show only them).
ALTER TABLE "sales_document_totals" ADD COLUMN "deleted" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "sales_document_totals" ALTER COLUMN "deleted" DROP DEFAULT;
DROP INDEX "sales_document_totals_key";
CREATE UNIQUE INDEX "sales_document_totals_key" ON "sales_document_totals"
    ("type", "status", "issued_date", "due_date", "currency", "archived", "deleted") NULLS NOT DISTINCT;

CREATE OR REPLACE FUNCTION "apply_sales_document_totals"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  -- The commit-time lock of numbering and the audit chain (20261203110300_audit_event_hash_chain).
  PERFORM pg_advisory_xact_lock(hashtext('ledgerline.audit_event_links'));
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO sales_document_totals AS t
      (type, status, currency, archived, deleted, issued_date, due_date, document_count, total,
       unpaid)
    VALUES (OLD.type, OLD.status, OLD.currency, OLD.archived_at IS NOT NULL,
            OLD.deleted_at IS NOT NULL, OLD.issued_date, OLD.due_date,
            -1, -OLD.total, -greatest(0, OLD.total - OLD.paid_amount))
    ON CONFLICT (type, status, issued_date, due_date, currency, archived, deleted) DO UPDATE
      SET document_count = t.document_count + excluded.document_count,
          total = t.total + excluded.total, unpaid = t.unpaid + excluded.unpaid;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO sales_document_totals AS t
      (type, status, currency, archived, deleted, issued_date, due_date, document_count, total,
       unpaid)
    VALUES (NEW.type, NEW.status, NEW.currency, NEW.archived_at IS NOT NULL,
            NEW.deleted_at IS NOT NULL, NEW.issued_date, NEW.due_date,
            1, NEW.total, greatest(0, NEW.total - NEW.paid_amount))
    ON CONFLICT (type, status, issued_date, due_date, currency, archived, deleted) DO UPDATE
      SET document_count = t.document_count + excluded.document_count,
          total = t.total + excluded.total, unpaid = t.unpaid + excluded.unpaid;
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER "sales_documents_totals_on_update" ON "sales_documents";
CREATE CONSTRAINT TRIGGER "sales_documents_totals_on_update"
  AFTER UPDATE ON "sales_documents"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW
  WHEN (OLD.type IS DISTINCT FROM NEW.type OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.currency IS DISTINCT FROM NEW.currency
        OR (OLD.archived_at IS NULL) IS DISTINCT FROM (NEW.archived_at IS NULL)
        OR (OLD.deleted_at IS NULL) IS DISTINCT FROM (NEW.deleted_at IS NULL)
        OR OLD.issued_date IS DISTINCT FROM NEW.issued_date
        OR OLD.due_date IS DISTINCT FROM NEW.due_date OR OLD.total IS DISTINCT FROM NEW.total
        OR OLD.paid_amount IS DISTINCT FROM NEW.paid_amount)
  EXECUTE FUNCTION "apply_sales_document_totals"();

-- Refunded is final (seed 004; docs/domain-model.md §5.6): the refund action takes a paid invoice
-- there, and nothing leads out, so the derived move refunded -> paid leaves the status machine
-- (STATUS_MACHINES in packages/domain; a test holds the two equal). The rest is unchanged.
CREATE OR REPLACE FUNCTION "sales_document_status_move_allowed"(
  document_type "sales_document_type", from_status "sales_document_status", to_status "sales_document_status"
) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT document_type::text || ':' || from_status::text || '>' || to_status::text = ANY (ARRAY[
    'quote:draft>sent', 'quote:sent>accepted', 'quote:sent>declined', 'quote:sent>expired',
    'quote:accepted>accepted', 'quote:expired>accepted',
    'order_confirmation:draft>sent', 'order_confirmation:sent>sent',
    'order_confirmation:sent>cancelled',
    'sales_order:draft>pending', 'sales_order:draft>sent', 'sales_order:draft>cancelled',
    'sales_order:pending>draft', 'sales_order:pending>sent', 'sales_order:pending>cancelled',
    'sales_order:sent>cancelled', 'sales_order:sent>transformed',
    'pro_forma:draft>pending', 'pro_forma:draft>sent', 'pro_forma:draft>cancelled',
    'pro_forma:pending>draft', 'pro_forma:pending>sent', 'pro_forma:pending>cancelled',
    'pro_forma:sent>cancelled', 'pro_forma:sent>transformed',
    'invoice:draft>pending', 'invoice:draft>sent', 'invoice:pending>draft', 'invoice:pending>sent',
    'invoice:sent>partial', 'invoice:sent>paid', 'invoice:sent>overdue', 'invoice:sent>cancelled',
    'invoice:partial>sent', 'invoice:partial>paid', 'invoice:partial>overdue',
    'invoice:paid>sent', 'invoice:paid>partial', 'invoice:paid>overdue', 'invoice:paid>cancelled',
    'invoice:paid>refunded', 'invoice:overdue>paid', 'invoice:overdue>cancelled',
    'credit_note:draft>pending', 'credit_note:draft>sent', 'credit_note:pending>draft',
    'credit_note:pending>sent', 'credit_note:sent>partial', 'credit_note:sent>paid',
    'credit_note:partial>sent', 'credit_note:partial>paid', 'credit_note:paid>sent',
    'credit_note:paid>partial'])
$$;
