-- Sales documents (quote, order confirmation, sales order, pro forma, invoice, credit note,
-- cancellation) with line items and payments, gapless number sequences, expenses and stored
-- documents (receipts, PDFs). docs/domain-model.md §1, §3-§6.

-- CreateEnum
CREATE TYPE "sales_document_type" AS ENUM ('quote', 'order_confirmation', 'sales_order', 'pro_forma', 'invoice', 'credit_note', 'cancellation');

-- CreateEnum
CREATE TYPE "sales_document_status" AS ENUM ('draft', 'pending', 'sent', 'partial', 'paid', 'overdue', 'cancelled', 'refunded', 'accepted', 'declined', 'expired', 'transformed');

-- CreateEnum
CREATE TYPE "invoice_kind" AS ENUM ('tax_invoice', 'deposit');

-- CreateEnum
CREATE TYPE "line_item_type" AS ENUM ('language_pair', 'additional_item', 'other');

-- CreateEnum
CREATE TYPE "payment_method" AS ENUM ('cash', 'bank_transfer', 'credit_card', 'debit_card', 'paypal', 'sepa', 'other');

-- CreateEnum
CREATE TYPE "expense_category" AS ENUM ('travel', 'material', 'software', 'hardware', 'consulting', 'marketing', 'office', 'training', 'other');

-- CreateEnum
CREATE TYPE "stored_document_kind" AS ENUM ('sales_document_pdf', 'expense_receipt', 'company_logo');

-- CreateTable
CREATE TABLE "number_sequences" (
    "scope" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last_number" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "number_sequences_pkey" PRIMARY KEY ("scope","year"),
    CONSTRAINT "number_sequences_last_number_positive" CHECK ("last_number" >= 0)
);

-- CreateTable
CREATE TABLE "sales_documents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "type" "sales_document_type" NOT NULL,
    "number" TEXT,
    "status" "sales_document_status" NOT NULL DEFAULT 'draft',
    "invoice_kind" "invoice_kind",
    "currency" CHAR(3) NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'de',
    "customer_id" UUID NOT NULL,
    "contact_id" UUID,
    "project_id" UUID,
    "source_document_id" UUID,
    "customer_name" TEXT NOT NULL,
    "billing_address" JSONB NOT NULL,
    "customer_vat_id" TEXT,
    "issued_date" DATE,
    "due_date" DATE,
    "valid_until" DATE,
    "service_period_start" DATE,
    "service_period_end" DATE,
    "notes" TEXT,
    "terms" TEXT,
    "cancel_reason" TEXT,
    "subtotal" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "discount_amount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "net_amount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "tax_amount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "total" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "paid_amount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "submitted_by_id" UUID,
    "approved_by_id" UUID,
    "issued_by_id" UUID,
    "submitted_at" TIMESTAMPTZ(3),
    "approved_at" TIMESTAMPTZ(3),
    "issued_at" TIMESTAMPTZ(3),
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sales_documents_pkey" PRIMARY KEY ("id"),
    -- Each type keeps to its own statuses (docs/domain-model.md §5).
    CONSTRAINT "sales_documents_status_of_type" CHECK (
        ("type" = 'quote' AND "status" IN ('draft', 'sent', 'accepted', 'declined', 'expired')) OR
        ("type" = 'order_confirmation' AND "status" IN ('draft', 'sent', 'cancelled')) OR
        ("type" IN ('sales_order', 'pro_forma') AND "status" IN ('draft', 'pending', 'sent', 'cancelled', 'transformed')) OR
        ("type" = 'invoice' AND "status" IN ('draft', 'pending', 'sent', 'partial', 'paid', 'overdue', 'cancelled', 'refunded')) OR
        ("type" = 'credit_note' AND "status" IN ('draft', 'pending', 'sent', 'partial', 'paid')) OR
        ("type" = 'cancellation' AND "status" = 'sent')),
    -- Corrections carry negative amounts; everything else is >= 0 (§3).
    CONSTRAINT "sales_documents_amount_sign" CHECK (
        CASE WHEN "type" IN ('credit_note', 'cancellation')
            THEN "subtotal" <= 0 AND "net_amount" <= 0 AND "tax_amount" <= 0 AND "total" <= 0
            ELSE "subtotal" >= 0 AND "net_amount" >= 0 AND "tax_amount" >= 0 AND "total" >= 0 END),
    CONSTRAINT "sales_documents_totals_add_up" CHECK ("net_amount" = "subtotal" - "discount_amount" AND "total" = "net_amount" + "tax_amount"),
    CONSTRAINT "sales_documents_paid_amount_positive" CHECK ("paid_amount" >= 0),
    -- A number exactly when issued.
    CONSTRAINT "sales_documents_number_when_issued" CHECK (("number" IS NULL) = ("issued_at" IS NULL)),
    CONSTRAINT "sales_documents_due_after_issue" CHECK ("due_date" IS NULL OR "issued_date" IS NULL OR "due_date" >= "issued_date"),
    CONSTRAINT "sales_documents_valid_after_issue" CHECK ("valid_until" IS NULL OR "issued_date" IS NULL OR "valid_until" >= "issued_date"),
    CONSTRAINT "sales_documents_service_period_ordered" CHECK ("service_period_end" IS NULL OR "service_period_start" IS NULL OR "service_period_end" >= "service_period_start")
);

-- CreateTable
CREATE TABLE "line_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sales_document_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(14,3) NOT NULL,
    "unit" TEXT,
    "unit_price" DECIMAL(14,4) NOT NULL,
    "tax_rate" DECIMAL(5,2) NOT NULL,
    "discount_percent" DECIMAL(5,2) NOT NULL DEFAULT 0,
    "item_type" "line_item_type" NOT NULL DEFAULT 'other',
    "source_language" TEXT,
    "target_language" TEXT,
    "source_line_item_id" UUID,
    "expense_id" UUID,
    "subtotal" DECIMAL(14,2) NOT NULL,
    "discount_amount" DECIMAL(14,2) NOT NULL,
    "subtotal_after_discount" DECIMAL(14,2) NOT NULL,
    "tax_amount" DECIMAL(14,2) NOT NULL,
    "total" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "line_items_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "line_items_position_positive" CHECK ("position" >= 1),
    CONSTRAINT "line_items_unit_price_positive" CHECK ("unit_price" >= 0),
    CONSTRAINT "line_items_tax_rate_range" CHECK ("tax_rate" BETWEEN 0 AND 100),
    CONSTRAINT "line_items_discount_range" CHECK ("discount_percent" BETWEEN 0 AND 100),
    CONSTRAINT "line_items_quantity_not_zero" CHECK ("quantity" <> 0),
    CONSTRAINT "line_items_amounts_add_up" CHECK ("subtotal_after_discount" = "subtotal" - "discount_amount" AND "total" = "subtotal_after_discount" + "tax_amount")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sales_document_id" UUID NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "payment_date" DATE NOT NULL,
    "method" "payment_method" NOT NULL,
    "reference" TEXT,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payments_amount_positive" CHECK ("amount" > 0)
);

-- CreateTable
CREATE TABLE "expenses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "category" "expense_category" NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "expense_date" DATE NOT NULL,
    "description" TEXT,
    "note" TEXT,
    "is_billable" BOOLEAN NOT NULL DEFAULT false,
    "project_id" UUID,
    "invoice_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "expenses_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "expenses_amount_positive" CHECK ("amount" > 0)
);

-- CreateTable
CREATE TABLE "stored_documents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "stored_document_kind" NOT NULL,
    "file_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "storage_key" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "sales_document_id" UUID,
    "expense_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stored_documents_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "stored_documents_size_positive" CHECK ("size_bytes" > 0),
    CONSTRAINT "stored_documents_one_owner" CHECK (num_nonnulls("sales_document_id", "expense_id") <= 1)
);

-- CreateIndex
CREATE UNIQUE INDEX "sales_documents_number_key" ON "sales_documents"("number");

-- CreateIndex
CREATE INDEX "sales_documents_type_status_idx" ON "sales_documents"("type", "status");

-- CreateIndex
CREATE INDEX "sales_documents_type_issued_date_idx" ON "sales_documents"("type", "issued_date");

-- CreateIndex
CREATE INDEX "sales_documents_type_due_date_idx" ON "sales_documents"("type", "due_date");

-- CreateIndex
CREATE INDEX "sales_documents_customer_id_issued_date_idx" ON "sales_documents"("customer_id", "issued_date");

-- CreateIndex
CREATE INDEX "sales_documents_project_id_issued_date_idx" ON "sales_documents"("project_id", "issued_date");

-- CreateIndex
CREATE INDEX "sales_documents_type_currency_idx" ON "sales_documents"("type", "currency");

-- CreateIndex
CREATE INDEX "sales_documents_customer_name_idx" ON "sales_documents"("customer_name");

-- CreateIndex
CREATE INDEX "sales_documents_source_document_id_idx" ON "sales_documents"("source_document_id");

-- CreateIndex
CREATE INDEX "sales_documents_archived_at_idx" ON "sales_documents"("archived_at");

-- CreateIndex
CREATE UNIQUE INDEX "line_items_expense_id_key" ON "line_items"("expense_id");

-- CreateIndex
CREATE INDEX "line_items_source_line_item_id_idx" ON "line_items"("source_line_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "line_items_sales_document_id_position_key" ON "line_items"("sales_document_id", "position");

-- CreateIndex
CREATE INDEX "payments_sales_document_id_idx" ON "payments"("sales_document_id");

-- CreateIndex
CREATE INDEX "payments_payment_date_idx" ON "payments"("payment_date");

-- CreateIndex
CREATE INDEX "payments_method_idx" ON "payments"("method");

-- CreateIndex
CREATE INDEX "expenses_title_idx" ON "expenses"("title");

-- CreateIndex
CREATE INDEX "expenses_category_idx" ON "expenses"("category");

-- CreateIndex
CREATE INDEX "expenses_project_id_idx" ON "expenses"("project_id");

-- CreateIndex
CREATE INDEX "expenses_invoice_id_idx" ON "expenses"("invoice_id");

-- CreateIndex
CREATE INDEX "expenses_expense_date_idx" ON "expenses"("expense_date");

-- CreateIndex
CREATE UNIQUE INDEX "stored_documents_storage_key_key" ON "stored_documents"("storage_key");

-- CreateIndex
CREATE INDEX "stored_documents_sales_document_id_idx" ON "stored_documents"("sales_document_id");

-- CreateIndex
CREATE INDEX "stored_documents_expense_id_idx" ON "stored_documents"("expense_id");

-- CreateIndex
CREATE INDEX "stored_documents_sha256_idx" ON "stored_documents"("sha256");

-- AddForeignKey
ALTER TABLE "sales_documents" ADD CONSTRAINT "sales_documents_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_documents" ADD CONSTRAINT "sales_documents_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_documents" ADD CONSTRAINT "sales_documents_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_documents" ADD CONSTRAINT "sales_documents_source_document_id_fkey" FOREIGN KEY ("source_document_id") REFERENCES "sales_documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_documents" ADD CONSTRAINT "sales_documents_submitted_by_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_documents" ADD CONSTRAINT "sales_documents_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_documents" ADD CONSTRAINT "sales_documents_issued_by_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_sales_document_id_fkey" FOREIGN KEY ("sales_document_id") REFERENCES "sales_documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_source_line_item_id_fkey" FOREIGN KEY ("source_line_item_id") REFERENCES "line_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_expense_id_fkey" FOREIGN KEY ("expense_id") REFERENCES "expenses"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_sales_document_id_fkey" FOREIGN KEY ("sales_document_id") REFERENCES "sales_documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "sales_documents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stored_documents" ADD CONSTRAINT "stored_documents_sales_document_id_fkey" FOREIGN KEY ("sales_document_id") REFERENCES "sales_documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stored_documents" ADD CONSTRAINT "stored_documents_expense_id_fkey" FOREIGN KEY ("expense_id") REFERENCES "expenses"("id") ON DELETE CASCADE ON UPDATE CASCADE;
