-- Invoice groups get archive, restore and soft delete (issue 11, seed 004's lifecycle), as
-- purchase orders have them: `archived_at` takes a group out of the default list,
-- `deleted_at`/`deleted_by_id` hide a deleted one. Only a never-issued draft is removed
-- physically (it has no number); an issued, paid or cancelled group is kept forever (GoBD) with
-- its number and invoices, and restorable. A draft is neither archived nor soft-deleted.

-- AlterTable
ALTER TABLE "invoice_groups" ADD COLUMN "archived_at" TIMESTAMPTZ(3),
ADD COLUMN "deleted_at" TIMESTAMPTZ(3),
ADD COLUMN "deleted_by_id" UUID;

-- invoiceGroupAllowedActions of packages/domain: archive and soft delete are for numbered groups.
ALTER TABLE "invoice_groups" ADD CONSTRAINT "invoice_groups_draft_neither_archived_nor_deleted"
  CHECK ("status" <> 'draft' OR ("archived_at" IS NULL AND "deleted_at" IS NULL AND "deleted_by_id" IS NULL));

-- AddForeignKey
ALTER TABLE "invoice_groups" ADD CONSTRAINT "invoice_groups_deleted_by_id_fkey" FOREIGN KEY ("deleted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The lock of an issued group (migration 20261207200000_invoice_groups) lets exactly these
-- three columns change besides the status: archiving, deleting and restoring leave what the
-- statement says as it was. Everything else stays as there, word for word.
CREATE OR REPLACE FUNCTION "invoice_groups_guard_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changeable CONSTANT text[] := ARRAY['status', 'updated_at', 'issued_by_id', 'archived_at',
                                      'deleted_at', 'deleted_by_id'];
  old_row jsonb := to_jsonb(OLD);
  new_row jsonb := to_jsonb(NEW);
  changed text[];
  group_year integer;
  number_prefix text;
  sequence_number integer;
BEGIN
  -- Once issued, nothing but the status (along the machine), the archive and the soft delete
  -- changes; the issuer only to null (a user deleted: ON DELETE SET NULL). Every other column is
  -- compared, so a column added later is frozen unless it is listed here.
  IF OLD.status <> 'draft' AND (new_row - changeable) IS DISTINCT FROM (old_row - changeable) THEN
    SELECT array_agg(column_name ORDER BY column_name) INTO changed
    FROM jsonb_each(new_row - changeable) AS after(column_name, value)
    WHERE after.value IS DISTINCT FROM old_row -> after.column_name;
  END IF;
  IF OLD.status <> 'draft' AND NEW.issued_by_id IS DISTINCT FROM OLD.issued_by_id
     AND NEW.issued_by_id IS NOT NULL THEN
    changed := array_append(changed, 'issued_by_id');
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status
     AND NOT invoice_group_status_move_allowed(OLD.status, NEW.status) THEN
    changed := array_append(changed, 'status');
  END IF;
  IF OLD.status = 'draft' AND NEW.status = 'issued' THEN
    group_year := extract(year FROM NEW.invoice_date)::integer;
    SELECT coalesce(number_prefixes ->> 'invoice_group', 'SR') INTO number_prefix
    FROM company_settings WHERE id = 1;
    number_prefix := coalesce(number_prefix, 'SR');
    INSERT INTO number_sequences (scope, year, last_number)
    VALUES ('invoice_group', group_year, 1)
    ON CONFLICT (scope, year) DO UPDATE SET last_number = number_sequences.last_number + 1
    RETURNING last_number INTO sequence_number;
    NEW.number := number_prefix || '-' || group_year || '-'
                  || lpad(sequence_number::text, greatest(4, length(sequence_number::text)), '0');
  ELSIF NEW.number IS DISTINCT FROM OLD.number THEN
    changed := array_append(changed, 'number');
  END IF;
  IF changed IS NOT NULL THEN
    PERFORM refuse_change_of_issued_document(OLD.id, OLD.number, 'UPDATE', changed);
  END IF;
  RETURN NEW;
END
$$;
