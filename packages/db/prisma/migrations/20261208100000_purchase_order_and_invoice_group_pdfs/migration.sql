-- PDFs of purchase orders and invoice groups (issue 13): stored and versioned like a sales
-- document's, each linked to its record. The new enum values are not used in this migration
-- (PostgreSQL allows that only in a later transaction).
ALTER TYPE "stored_file_kind" ADD VALUE IF NOT EXISTS 'purchase_order_pdf';
ALTER TYPE "stored_file_kind" ADD VALUE IF NOT EXISTS 'invoice_group_pdf';

ALTER TABLE "stored_files"
    ADD COLUMN "purchase_order_id" UUID,
    ADD COLUMN "invoice_group_id" UUID;

-- A file belongs to at most one record (as before, now over four links).
ALTER TABLE "stored_files" DROP CONSTRAINT "stored_files_one_owner";
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_one_owner"
    CHECK (num_nonnulls("sales_document_id", "purchase_order_id", "invoice_group_id", "expense_id") <= 1);

-- One row per record, kind and version (two workers storing the same version: one wins). The
-- unique index leads with the record, so it also serves "the newest PDF of this record".
-- CreateIndex
CREATE UNIQUE INDEX "stored_files_purchase_order_id_kind_version_key"
    ON "stored_files"("purchase_order_id", "kind", "version");

-- CreateIndex
CREATE UNIQUE INDEX "stored_files_invoice_group_id_kind_version_key"
    ON "stored_files"("invoice_group_id", "kind", "version");

-- AddForeignKey: a PO is never deleted (trigger), a draft group may be; its PDFs go with it.
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_purchase_order_id_fkey"
    FOREIGN KEY ("purchase_order_id") REFERENCES "purchase_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_invoice_group_id_fkey"
    FOREIGN KEY ("invoice_group_id") REFERENCES "invoice_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;
