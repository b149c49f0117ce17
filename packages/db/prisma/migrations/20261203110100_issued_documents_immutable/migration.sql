-- Issued documents are immutable (GoBD): from the moment a document has its number, the
-- database refuses every change of it except the columns listed below, refuses to delete it, and
-- refuses to insert, change or delete its lines. These triggers hold for every role, the owner
-- included; only a superuser or the owner can switch them off, and the application is neither
-- (migration 20261203110000_application_role). Refusals carry SQLSTATE LL003, which the API
-- answers with CONFLICT. docs/domain-model.md §5.12 lists the columns and why each may change.

-- "Issued" means numbered. The issuing transaction writes the status, dates and customer copy
-- while the document has no number yet; the deferred trigger of 20261121060000_numbers_at_commit
-- gives it its number during COMMIT, and from then on it is frozen. Drafts and pending documents
-- have no number, nor does a sales order or pro forma cancelled before it was ever issued: it
-- never reached a customer, and like a draft it is left to the application's rules.
-- The TypeScript twin is isIssuedDocument in packages/domain (a test holds them equal).
CREATE FUNCTION "sales_document_is_issued"(document "sales_documents") RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT document.number IS NOT NULL $$;

-- The status moves of every type's status machine (STATUS_MACHINES in packages/domain, person-made
-- and derived alike; a test holds them equal). An issued document's status moves only along them.
CREATE FUNCTION "sales_document_status_move_allowed"(
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
    'invoice:refunded>paid',
    'credit_note:draft>pending', 'credit_note:draft>sent', 'credit_note:pending>draft',
    'credit_note:pending>sent', 'credit_note:sent>partial', 'credit_note:sent>paid',
    'credit_note:partial>sent', 'credit_note:partial>paid', 'credit_note:paid>sent',
    'credit_note:paid>partial'])
$$;

-- The one refusal, so every trigger below says it the same way.
CREATE FUNCTION "refuse_change_of_issued_document"(
  document_id uuid, document_number text, operation text, columns text[] DEFAULT NULL
) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Issued document % cannot be changed (%)', document_number,
      operation || coalesce(' of ' || array_to_string(columns, ', '), '')
    USING ERRCODE = 'LL003',
          DETAIL = json_build_object('documentId', document_id, 'number', document_number,
                                     'operation', operation, 'columns', columns)::text,
          HINT = 'Correct an issued document with a credit note or a cancellation.';
END
$$;

-- Columns that may change after issue (COLUMNS_CHANGEABLE_AFTER_ISSUE in packages/domain):
--   status         payments, credit notes, the due-date sweep, cancel, accept/decline, convert,
--                  transform; only along the type's status machine
--   paid_amount    the sum of the payments, kept with every payment change
--   notes          internal, never printed
--   archived_at    archive and restore
--   updated_at     written by every change
--   cancel_reason  once, together with the move to cancelled
--   contact_id     only to null: removing a contact from its customer (ON DELETE SET NULL); the
--                  printed customer copy (customer_name, billing_address, customer_vat_id) stays
-- Every other column is compared, so a column added later is frozen unless it is listed here.
CREATE FUNCTION "sales_documents_refuse_change_after_issue"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changeable CONSTANT text[] := ARRAY['status', 'paid_amount', 'notes', 'archived_at',
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

CREATE TRIGGER "sales_documents_immutable_after_issue"
  BEFORE UPDATE ON "sales_documents"
  FOR EACH ROW WHEN (sales_document_is_issued(OLD))
  EXECUTE FUNCTION "sales_documents_refuse_change_after_issue"();

CREATE FUNCTION "sales_documents_refuse_delete_after_issue"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refuse_change_of_issued_document(OLD.id, OLD.number, 'DELETE');
  RETURN NULL;
END
$$;

CREATE TRIGGER "sales_documents_kept_after_issue"
  BEFORE DELETE ON "sales_documents"
  FOR EACH ROW WHEN (sales_document_is_issued(OLD))
  EXECUTE FUNCTION "sales_documents_refuse_delete_after_issue"();

-- Lines: one check per statement over the rows it wrote (transition tables), so inserting a
-- draft's lines costs one join, whatever their number. Lines are written while their document is
-- a draft, before issuing numbers it, so these triggers see the document unnumbered then.
CREATE FUNCTION "line_items_refuse_insert_after_issue"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  document sales_documents;
BEGIN
  SELECT d.* INTO document FROM sales_documents d
  WHERE d.id IN (SELECT sales_document_id FROM inserted_lines) AND sales_document_is_issued(d)
  LIMIT 1;
  IF FOUND THEN
    PERFORM refuse_change_of_issued_document(document.id, document.number, 'INSERT of line items');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "line_items_immutable_after_issue_insert"
  AFTER INSERT ON "line_items" REFERENCING NEW TABLE AS inserted_lines
  FOR EACH STATEMENT EXECUTE FUNCTION "line_items_refuse_insert_after_issue"();

-- An update is refused on the document a line belonged to and on the one it is moved to.
CREATE FUNCTION "line_items_refuse_update_after_issue"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  document sales_documents;
BEGIN
  SELECT d.* INTO document FROM sales_documents d
  WHERE d.id IN (SELECT sales_document_id FROM lines_before
                 UNION ALL SELECT sales_document_id FROM lines_after)
    AND sales_document_is_issued(d)
  LIMIT 1;
  IF FOUND THEN
    PERFORM refuse_change_of_issued_document(document.id, document.number, 'UPDATE of line items');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "line_items_immutable_after_issue_update"
  AFTER UPDATE ON "line_items" REFERENCING OLD TABLE AS lines_before NEW TABLE AS lines_after
  FOR EACH STATEMENT EXECUTE FUNCTION "line_items_refuse_update_after_issue"();

-- Deleting a draft deletes its lines (ON DELETE CASCADE) after the draft itself: the join then
-- finds no document, as it should.
CREATE FUNCTION "line_items_refuse_delete_after_issue"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  document sales_documents;
BEGIN
  SELECT d.* INTO document FROM sales_documents d
  WHERE d.id IN (SELECT sales_document_id FROM deleted_lines) AND sales_document_is_issued(d)
  LIMIT 1;
  IF FOUND THEN
    PERFORM refuse_change_of_issued_document(document.id, document.number, 'DELETE of line items');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "line_items_immutable_after_issue_delete"
  AFTER DELETE ON "line_items" REFERENCING OLD TABLE AS deleted_lines
  FOR EACH STATEMENT EXECUTE FUNCTION "line_items_refuse_delete_after_issue"();

-- TRUNCATE fires no row trigger: it is refused while any issued document (or line of one) exists.
-- The application may not truncate at all (it has no TRUNCATE privilege); this holds the owner.
CREATE FUNCTION "refuse_truncate_of_issued_documents"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  document sales_documents;
BEGIN
  SELECT d.* INTO document FROM sales_documents d WHERE sales_document_is_issued(d) LIMIT 1;
  IF FOUND THEN
    PERFORM refuse_change_of_issued_document(document.id, document.number, 'TRUNCATE of ' || TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "sales_documents_no_truncate_after_issue"
  BEFORE TRUNCATE ON "sales_documents"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate_of_issued_documents"();

CREATE TRIGGER "line_items_no_truncate_after_issue"
  BEFORE TRUNCATE ON "line_items"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate_of_issued_documents"();
