-- Purchase orders (procure-to-pay, seed 004 §4-§6) with milestones, disbursement items and
-- batches of approvals and deletions. docs/domain-model.md §1 PurchaseOrder, §4 and §5.9.
--
-- Built on the sales documents' machinery: one gapless number range (BE) in number_sequences,
-- taken by the commit of the creating transaction; the status machine's SQL twin refuses any
-- other move; a numbered PO is never deleted (soft delete only); an approved PO's money is frozen.

-- CreateEnum
CREATE TYPE "purchase_order_status" AS ENUM ('pending', 'accepted', 'declined', 'in_progress', 'completed', 'approved', 'paid', 'cancelled', 'expired', 'disputed');

-- CreateEnum
CREATE TYPE "purchase_order_type" AS ENUM ('translation', 'dtp', 'disbursement');

-- CreateEnum
CREATE TYPE "disbursement_item_type" AS ENUM ('dtp', 'other');

-- CreateEnum
CREATE TYPE "purchase_order_batch_operation" AS ENUM ('approve', 'delete');

-- CreateEnum
CREATE TYPE "purchase_order_batch_outcome" AS ENUM ('approved', 'deleted', 'skipped', 'refused');

-- Per-currency auto-approval thresholds ({"USD": "400.00"}); the single threshold stays the one
-- in the company's default currency.
ALTER TABLE "company_settings" ADD COLUMN "purchase_order_auto_approval_thresholds" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "purchase_orders" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" TEXT,
    "status" "purchase_order_status" NOT NULL DEFAULT 'pending',
    "type" "purchase_order_type" NOT NULL DEFAULT 'translation',
    "project_id" UUID NOT NULL,
    "supplier_id" UUID NOT NULL,
    "project_manager_id" UUID,
    "amount" DECIMAL(14,2) NOT NULL,
    "disbursement_total" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL,
    "order_date" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "due_date" DATE,
    "notes" TEXT,
    "target_language" TEXT,
    "is_internal" BOOLEAN NOT NULL DEFAULT false,
    "status_reason" TEXT,
    "approved_by_id" UUID,
    "approved_at" TIMESTAMPTZ(3),
    "is_auto_approved" BOOLEAN NOT NULL DEFAULT false,
    "paid_date" DATE,
    "payment_reference" TEXT,
    "created_by_id" UUID,
    "deleted_by_id" UUID,
    "archived_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "purchase_orders_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "purchase_orders_amount_not_negative" CHECK ("amount" >= 0),
    CONSTRAINT "purchase_orders_disbursement_total_not_negative" CHECK ("disbursement_total" >= 0),
    -- Approved and paid POs say who approved when (null approver: approved automatically).
    CONSTRAINT "purchase_orders_approval_recorded" CHECK (
        "status" NOT IN ('approved', 'paid') OR "approved_at" IS NOT NULL),
    CONSTRAINT "purchase_orders_paid_date" CHECK (("status" = 'paid') = ("paid_date" IS NOT NULL)),
    -- Work done in-house is never paid.
    CONSTRAINT "purchase_orders_internal_not_paid" CHECK (NOT ("is_internal" AND "status" = 'paid'))
);

-- CreateTable
CREATE TABLE "purchase_order_milestones" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "purchase_order_id" UUID NOT NULL,
    "percentage" INTEGER NOT NULL,
    "notes" TEXT,
    "is_confirmed" BOOLEAN NOT NULL DEFAULT false,
    "confirmed_by_id" UUID,
    "confirmed_at" TIMESTAMPTZ(3),
    "recorded_by_id" UUID,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "remote_ip" TEXT,

    CONSTRAINT "purchase_order_milestones_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "purchase_order_milestones_percentage_range" CHECK ("percentage" BETWEEN 1 AND 100),
    CONSTRAINT "purchase_order_milestones_confirmation" CHECK ("is_confirmed" = ("confirmed_at" IS NOT NULL))
);

-- CreateTable
CREATE TABLE "disbursement_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "purchase_order_id" UUID NOT NULL,
    "item_type" "disbursement_item_type" NOT NULL,
    "item_type_info" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "rate_per_unit" DECIMAL(14,4) NOT NULL,
    "total_cost" DECIMAL(14,2) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "disbursement_items_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "disbursement_items_units_positive" CHECK ("units" > 0),
    CONSTRAINT "disbursement_items_rate_not_negative" CHECK ("rate_per_unit" >= 0),
    -- disbursementTotalProblem of packages/domain: units x rate exactly, never rounded.
    CONSTRAINT "disbursement_items_total_cost" CHECK ("total_cost" = "units" * "rate_per_unit")
);

-- CreateTable
CREATE TABLE "purchase_order_batches" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "operation" "purchase_order_batch_operation" NOT NULL,
    "requested_by_id" UUID,
    "requested_role" "role" NOT NULL,
    "api_token_id" UUID,
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "purchase_order_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "purchase_order_batch_items" (
    "batch_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    -- No foreign key: an id that names no purchase order is kept, and refused with its result.
    "purchase_order_id" UUID NOT NULL,
    "outcome" "purchase_order_batch_outcome",
    "message" TEXT,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "purchase_order_batch_items_pkey" PRIMARY KEY ("batch_id","position")
);

-- CreateIndex
CREATE UNIQUE INDEX "purchase_orders_number_key" ON "purchase_orders"("number");
CREATE INDEX "purchase_orders_created_at_idx" ON "purchase_orders"("created_at");
CREATE INDEX "purchase_orders_status_created_at_idx" ON "purchase_orders"("status", "created_at");
CREATE INDEX "purchase_orders_project_id_created_at_idx" ON "purchase_orders"("project_id", "created_at");
CREATE INDEX "purchase_orders_supplier_id_created_at_idx" ON "purchase_orders"("supplier_id", "created_at");
CREATE INDEX "purchase_orders_project_manager_id_created_at_idx" ON "purchase_orders"("project_manager_id", "created_at");
CREATE INDEX "purchase_orders_order_date_idx" ON "purchase_orders"("order_date");
CREATE INDEX "purchase_orders_due_date_idx" ON "purchase_orders"("due_date");
CREATE INDEX "purchase_orders_currency_status_idx" ON "purchase_orders"("currency", "status");
CREATE INDEX "purchase_orders_approved_at_idx" ON "purchase_orders"("approved_at");
CREATE INDEX "purchase_orders_archived_at_idx" ON "purchase_orders"("archived_at");
CREATE INDEX "purchase_orders_deleted_at_idx" ON "purchase_orders"("deleted_at");
CREATE UNIQUE INDEX "purchase_order_milestones_purchase_order_id_percentage_key" ON "purchase_order_milestones"("purchase_order_id", "percentage");
CREATE INDEX "disbursement_items_purchase_order_id_item_type_idx" ON "disbursement_items"("purchase_order_id", "item_type");
CREATE INDEX "purchase_order_batch_items_purchase_order_id_idx" ON "purchase_order_batch_items"("purchase_order_id");
CREATE INDEX "purchase_order_batches_finished_at_idx" ON "purchase_order_batches"("finished_at");

-- AddForeignKey
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_project_manager_id_fkey" FOREIGN KEY ("project_manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_deleted_by_id_fkey" FOREIGN KEY ("deleted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "purchase_order_milestones" ADD CONSTRAINT "purchase_order_milestones_purchase_order_id_fkey" FOREIGN KEY ("purchase_order_id") REFERENCES "purchase_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "purchase_order_milestones" ADD CONSTRAINT "purchase_order_milestones_confirmed_by_id_fkey" FOREIGN KEY ("confirmed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "purchase_order_milestones" ADD CONSTRAINT "purchase_order_milestones_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "disbursement_items" ADD CONSTRAINT "disbursement_items_purchase_order_id_fkey" FOREIGN KEY ("purchase_order_id") REFERENCES "purchase_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "purchase_order_batches" ADD CONSTRAINT "purchase_order_batches_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "purchase_order_batches" ADD CONSTRAINT "purchase_order_batches_api_token_id_fkey" FOREIGN KEY ("api_token_id") REFERENCES "api_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "purchase_order_batch_items" ADD CONSTRAINT "purchase_order_batch_items_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "purchase_order_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------- numbers (BE range)

-- The number is taken when the creating transaction commits, as for sales documents (migration
-- 20261121060000_numbers_at_commit): a deferred trigger increments the ('purchase_order', year)
-- counter of number_sequences, so a rollback takes none and the range stays gapless, and the
-- counter is locked for the commit alone. The year is that of the order date in the company's
-- time zone (COMPANY_TIME_ZONE of packages/services); the prefix is the company's setting for
-- `purchase_order` (DEFAULT_NUMBER_PREFIXES: BE). The format is formatDocumentNumber's.
CREATE FUNCTION "assign_purchase_order_number"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  order_year integer := extract(year FROM (NEW.order_date AT TIME ZONE 'Europe/Berlin'))::integer;
  number_prefix text;
  sequence_number integer;
BEGIN
  SELECT coalesce(number_prefixes ->> 'purchase_order', 'BE') INTO number_prefix
  FROM company_settings WHERE id = 1;
  number_prefix := coalesce(number_prefix, 'BE');
  INSERT INTO number_sequences (scope, year, last_number)
  VALUES ('purchase_order', order_year, 1)
  ON CONFLICT (scope, year) DO UPDATE SET last_number = number_sequences.last_number + 1
  RETURNING last_number INTO sequence_number;
  UPDATE purchase_orders
  SET number = number_prefix || '-' || order_year || '-'
               || lpad(sequence_number::text, greatest(4, length(sequence_number::text)), '0')
  WHERE id = NEW.id;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "purchase_orders_assign_number"
  AFTER INSERT ON "purchase_orders"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "assign_purchase_order_number"();

-- ---------------------------------------------------------------- the status machine's twin

-- PURCHASE_ORDER_MACHINE of packages/domain (person-made and derived moves; a test holds them equal).
CREATE FUNCTION "purchase_order_status_move_allowed"(
  from_status "purchase_order_status", to_status "purchase_order_status"
) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT from_status::text || '>' || to_status::text = ANY (ARRAY[
    'pending>accepted', 'pending>declined', 'pending>cancelled', 'pending>expired',
    'accepted>in_progress', 'accepted>cancelled',
    'in_progress>completed',
    'completed>approved', 'completed>disputed',
    'disputed>approved', 'disputed>cancelled',
    'approved>paid'])
$$;

-- What a numbered PO keeps (GoBD, like an issued sales document): its number never changes, its
-- status moves only along the machine, what it costs is frozen once approved, and it is never
-- deleted (seed 004's DELETE is a soft delete). Refusals carry SQLSTATE LL003 (CONFLICT).
CREATE FUNCTION "purchase_orders_guard_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed text[];
BEGIN
  IF OLD.number IS NOT NULL AND NEW.number IS DISTINCT FROM OLD.number THEN
    changed := array_append(changed, 'number');
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status
     AND NOT purchase_order_status_move_allowed(OLD.status, NEW.status) THEN
    changed := array_append(changed, 'status');
  END IF;
  IF OLD.status IN ('approved', 'paid') AND (
       NEW.amount IS DISTINCT FROM OLD.amount
       OR NEW.disbursement_total IS DISTINCT FROM OLD.disbursement_total
       OR NEW.currency IS DISTINCT FROM OLD.currency
       OR NEW.supplier_id IS DISTINCT FROM OLD.supplier_id
       OR NEW.project_id IS DISTINCT FROM OLD.project_id
       OR NEW.approved_at IS DISTINCT FROM OLD.approved_at
       OR NEW.approved_by_id IS DISTINCT FROM OLD.approved_by_id AND NEW.approved_by_id IS NOT NULL) THEN
    changed := array_append(changed, 'amount, currency, supplier, project or approval');
  END IF;
  IF changed IS NOT NULL THEN
    PERFORM refuse_change_of_issued_document(OLD.id, OLD.number, 'UPDATE', changed);
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "purchase_orders_guard_update"
  BEFORE UPDATE ON "purchase_orders"
  FOR EACH ROW EXECUTE FUNCTION "purchase_orders_guard_update"();

CREATE FUNCTION "purchase_orders_refuse_delete"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refuse_change_of_issued_document(OLD.id, OLD.number, 'DELETE');
  RETURN NULL;
END
$$;

CREATE TRIGGER "purchase_orders_kept"
  BEFORE DELETE ON "purchase_orders"
  FOR EACH ROW EXECUTE FUNCTION "purchase_orders_refuse_delete"();

-- ---------------------------------------------------------------- disbursements and the PO total

-- payableTotalOf of packages/domain: amount + the sum of the items. The sum is kept on the PO by
-- the database in the statement that changes an item, so it can never disagree; items of a PO
-- that is approved, paid or finished are refused (DISBURSEMENT_STATUSES of packages/domain).
CREATE FUNCTION "disbursement_items_keep_total"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  po_ids uuid[];
  po purchase_orders;
BEGIN
  IF TG_OP = 'DELETE' THEN
    po_ids := ARRAY[OLD.purchase_order_id];
  ELSIF TG_OP = 'UPDATE' THEN
    po_ids := ARRAY[OLD.purchase_order_id, NEW.purchase_order_id];
  ELSE
    po_ids := ARRAY[NEW.purchase_order_id];
  END IF;
  FOR po IN SELECT * FROM purchase_orders WHERE id = ANY (po_ids) LOOP
    IF po.status NOT IN ('pending', 'accepted', 'in_progress', 'completed', 'disputed') THEN
      PERFORM refuse_change_of_issued_document(po.id, po.number, TG_OP || ' of disbursement items');
    END IF;
    UPDATE purchase_orders
    SET disbursement_total = (SELECT coalesce(sum(total_cost), 0) FROM disbursement_items
                              WHERE purchase_order_id = po.id),
        updated_at = now()
    WHERE id = po.id;
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER "disbursement_items_keep_total"
  AFTER INSERT OR UPDATE OR DELETE ON "disbursement_items"
  FOR EACH ROW EXECUTE FUNCTION "disbursement_items_keep_total"();

-- Milestones never decrease (milestoneProblem of packages/domain): a new one is above every
-- milestone the PO has; the percentage of a recorded one does not change.
CREATE FUNCTION "purchase_order_milestones_never_decrease"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.percentage IS DISTINCT FROM OLD.percentage OR NEW.purchase_order_id IS DISTINCT FROM OLD.purchase_order_id
       OR (OLD.is_confirmed AND NOT NEW.is_confirmed) THEN
      RAISE EXCEPTION 'A recorded milestone keeps its percentage and its confirmation.'
        USING ERRCODE = 'LL003';
    END IF;
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM purchase_order_milestones
             WHERE purchase_order_id = NEW.purchase_order_id AND percentage >= NEW.percentage) THEN
    RAISE EXCEPTION 'Milestones never decrease.' USING ERRCODE = 'LL003';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "purchase_order_milestones_never_decrease"
  BEFORE INSERT OR UPDATE ON "purchase_order_milestones"
  FOR EACH ROW EXECUTE FUNCTION "purchase_order_milestones_never_decrease"();

-- The application's rights (migration 20261203110000_application_role): POs and milestones are
-- kept (no DELETE); disbursement items are removed while the PO is open; batches are cleaned up.
GRANT SELECT, INSERT, UPDATE ON "purchase_orders", "purchase_order_milestones" TO ledgerline_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "disbursement_items", "purchase_order_batches", "purchase_order_batch_items" TO ledgerline_app;
