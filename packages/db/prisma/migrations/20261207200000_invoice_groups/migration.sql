-- Invoice groups (seed 004 §3): a statement bundling issued invoices of one customer and
-- currency, numbered in the SR range when issued. Built on the machinery of sales documents and
-- purchase orders: one gapless number range in number_sequences, a status machine with its SQL
-- twin, a locked record once issued (GoBD), and membership rules the database holds as well as
-- the use cases (packages/domain/src/invoice-groups.ts).

-- CreateEnum
CREATE TYPE "invoice_group_status" AS ENUM ('draft', 'issued', 'paid', 'cancelled');

-- CreateTable
CREATE TABLE "invoice_groups" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" TEXT,
    "status" "invoice_group_status" NOT NULL DEFAULT 'draft',
    "customer_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "invoice_date" DATE NOT NULL,
    "due_date" DATE,
    "notes" TEXT,
    "include_invoices" BOOLEAN NOT NULL DEFAULT true,
    "include_job_titles" BOOLEAN NOT NULL DEFAULT false,
    "include_word_rates" BOOLEAN NOT NULL DEFAULT false,
    "line_order" TEXT NOT NULL DEFAULT 'position',
    "created_by_id" UUID,
    "issued_by_id" UUID,
    "issued_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invoice_groups_pkey" PRIMARY KEY ("id"),
    -- INVOICE_GROUP_LINE_ORDERS of packages/domain.
    CONSTRAINT "invoice_groups_line_order" CHECK ("line_order" IN ('position', 'language')),
    CONSTRAINT "invoice_groups_due_after_invoice_date" CHECK ("due_date" IS NULL OR "due_date" >= "invoice_date"),
    -- A draft has no number; every other status has one (issuing takes it).
    CONSTRAINT "invoice_groups_numbered_unless_draft" CHECK (("status" = 'draft') = ("number" IS NULL))
);

-- CreateTable
CREATE TABLE "invoice_group_invoices" (
    "invoice_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoice_group_invoices_pkey" PRIMARY KEY ("invoice_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invoice_groups_number_key" ON "invoice_groups"("number");
CREATE INDEX "invoice_groups_created_at_id_idx" ON "invoice_groups"("created_at", "id");
CREATE INDEX "invoice_groups_customer_id_created_at_idx" ON "invoice_groups"("customer_id", "created_at");
CREATE INDEX "invoice_groups_status_created_at_idx" ON "invoice_groups"("status", "created_at");
CREATE INDEX "invoice_groups_invoice_date_idx" ON "invoice_groups"("invoice_date");
CREATE INDEX "invoice_groups_due_date_idx" ON "invoice_groups"("due_date");
CREATE INDEX "invoice_groups_currency_idx" ON "invoice_groups"("currency");
CREATE INDEX "invoice_group_invoices_group_id_added_at_idx" ON "invoice_group_invoices"("group_id", "added_at");

-- AddForeignKey
ALTER TABLE "invoice_groups" ADD CONSTRAINT "invoice_groups_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "invoice_groups" ADD CONSTRAINT "invoice_groups_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "invoice_groups" ADD CONSTRAINT "invoice_groups_issued_by_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "invoice_group_invoices" ADD CONSTRAINT "invoice_group_invoices_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "sales_documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "invoice_group_invoices" ADD CONSTRAINT "invoice_group_invoices_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "invoice_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------- the status machine's twin

-- INVOICE_GROUP_MACHINE of packages/domain (issue, cancel, and the paid state following the
-- invoices); a test holds them equal.
CREATE FUNCTION "invoice_group_status_move_allowed"(
  from_status "invoice_group_status", to_status "invoice_group_status"
) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT from_status::text || '>' || to_status::text = ANY (ARRAY[
    'draft>issued', 'issued>paid', 'issued>cancelled', 'paid>issued'])
$$;

-- invoiceGroupIsPaid of packages/domain: every invoice paid, refunded or cancelled, and at least
-- one paid or refunded.
CREATE FUNCTION "invoice_group_is_paid"(statuses "sales_document_status"[]) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(
    bool_or(s IN ('paid', 'refunded')) AND bool_and(s IN ('paid', 'refunded', 'cancelled')),
    false)
  FROM unnest(statuses) AS s
$$;

-- ---------------------------------------------------------------- numbers (SR range) and the lock

-- Issuing (draft -> issued) takes the next number of the ('invoice_group', year) counter in the
-- issuing transaction: a rollback takes none, so the range stays gapless. The year is the
-- invoice date's; the prefix is the company's setting for `invoice_group`
-- (DEFAULT_NUMBER_PREFIXES: SR), the format formatDocumentNumber's. An issued group keeps its
-- number, moves only along the machine, and changes nothing else (GoBD, like an issued
-- document). Refusals carry SQLSTATE LL003 (CONFLICT).
CREATE FUNCTION "invoice_groups_guard_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changeable CONSTANT text[] := ARRAY['status', 'updated_at', 'issued_by_id'];
  old_row jsonb := to_jsonb(OLD);
  new_row jsonb := to_jsonb(NEW);
  changed text[];
  group_year integer;
  number_prefix text;
  sequence_number integer;
BEGIN
  -- Once issued, nothing but the status (along the machine) changes; the issuer only to null
  -- (a user deleted: ON DELETE SET NULL). Every other column is compared, so a column added
  -- later is frozen unless it is listed here.
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

CREATE TRIGGER "invoice_groups_guard_update"
  BEFORE UPDATE ON "invoice_groups"
  FOR EACH ROW EXECUTE FUNCTION "invoice_groups_guard_update"();

-- Only a draft (never numbered) is deleted; an issued group is kept forever.
CREATE FUNCTION "invoice_groups_refuse_delete"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' THEN
    PERFORM refuse_change_of_issued_document(OLD.id, OLD.number, 'DELETE');
  END IF;
  RETURN OLD;
END
$$;

CREATE TRIGGER "invoice_groups_kept_once_issued"
  BEFORE DELETE ON "invoice_groups"
  FOR EACH ROW EXECUTE FUNCTION "invoice_groups_refuse_delete"();

-- ---------------------------------------------------------------- membership

-- invoiceGroupMembershipProblem of packages/domain: an invoice joins only a draft group, only if
-- it is an issued invoice (INVOICE_GROUP_ELIGIBLE_STATUSES) of the group's customer and currency.
-- "In at most one group" is the primary key. The group is read under a share lock, so issuing
-- it (FOR UPDATE) waits for the insert or the insert for the issue.
CREATE FUNCTION "invoice_group_invoices_check_insert"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  grp record;
  invoice record;
BEGIN
  SELECT status, number, customer_id, currency INTO grp
  FROM invoice_groups WHERE id = NEW.group_id FOR SHARE;
  SELECT type, status, customer_id, currency INTO invoice
  FROM sales_documents WHERE id = NEW.invoice_id FOR SHARE;
  IF grp.status IS NOT NULL AND grp.status <> 'draft' THEN
    PERFORM refuse_change_of_issued_document(NEW.group_id, grp.number, 'INSERT', ARRAY['invoices']);
  END IF;
  IF invoice.type IS NOT NULL AND (
       invoice.type <> 'invoice'
       OR invoice.status NOT IN ('sent', 'partial', 'overdue', 'paid')
       OR invoice.customer_id <> grp.customer_id
       OR invoice.currency <> grp.currency) THEN
    RAISE EXCEPTION 'Invoice % cannot join invoice group %', NEW.invoice_id, NEW.group_id
      USING ERRCODE = 'check_violation',
            DETAIL = 'Only issued invoices of the group''s customer and currency join a group.';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "invoice_group_invoices_check_insert"
  BEFORE INSERT ON "invoice_group_invoices"
  FOR EACH ROW EXECUTE FUNCTION "invoice_group_invoices_check_insert"();

-- An issued or paid group holds its invoices: they leave only a draft, or a cancelled group
-- (cancelling releases them). A membership is never moved; remove it and add it again.
CREATE FUNCTION "invoice_group_invoices_check_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  grp record;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'An invoice''s group membership is not changed; remove it and add it again'
      USING ERRCODE = 'LL003';
  END IF;
  SELECT status, number INTO grp FROM invoice_groups WHERE id = OLD.group_id;
  -- Not found: the group itself is being deleted (a draft; its trigger allowed it).
  IF grp.status IN ('issued', 'paid') THEN
    PERFORM refuse_change_of_issued_document(OLD.group_id, grp.number, 'DELETE', ARRAY['invoices']);
  END IF;
  RETURN OLD;
END
$$;

CREATE TRIGGER "invoice_group_invoices_check_change"
  BEFORE UPDATE OR DELETE ON "invoice_group_invoices"
  FOR EACH ROW EXECUTE FUNCTION "invoice_group_invoices_check_change"();

-- ---------------------------------------------------------------- the paid state follows

-- invoiceGroupStatusFollowing of packages/domain: when an invoice's status changes (a payment, a
-- refund, a credit note, a cancellation), its issued or paid group becomes paid or issued again.
-- Done here, so every way an invoice's status moves (use cases, the sweep, corrections) carries
-- its group along in the same transaction.
CREATE FUNCTION "invoice_group_follow_invoices"(group_uuid uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  grp record;
  paid boolean;
BEGIN
  SELECT status INTO grp FROM invoice_groups WHERE id = group_uuid FOR UPDATE;
  IF grp.status IS NULL OR grp.status NOT IN ('issued', 'paid') THEN
    RETURN;
  END IF;
  SELECT invoice_group_is_paid(array_agg(d.status)) INTO paid
  FROM invoice_group_invoices m JOIN sales_documents d ON d.id = m.invoice_id
  WHERE m.group_id = group_uuid;
  UPDATE invoice_groups SET status = CASE WHEN paid THEN 'paid' ELSE 'issued' END::invoice_group_status,
                            updated_at = CURRENT_TIMESTAMP
  WHERE id = group_uuid AND status <> CASE WHEN paid THEN 'paid' ELSE 'issued' END::invoice_group_status;
END
$$;

CREATE FUNCTION "sales_documents_carry_invoice_group"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  group_uuid uuid;
BEGIN
  SELECT group_id INTO group_uuid FROM invoice_group_invoices WHERE invoice_id = NEW.id;
  IF group_uuid IS NOT NULL THEN
    PERFORM invoice_group_follow_invoices(group_uuid);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "sales_documents_carry_invoice_group"
  AFTER UPDATE OF "status" ON "sales_documents"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.type = 'invoice')
  EXECUTE FUNCTION "sales_documents_carry_invoice_group"();

GRANT SELECT, INSERT, UPDATE, DELETE ON "invoice_groups", "invoice_group_invoices" TO ledgerline_app;
