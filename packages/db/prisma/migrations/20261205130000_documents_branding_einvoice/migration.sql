-- PDF documents and e-invoices (issue 13): what the printed document and XRechnung need from the
-- company and its customers, and one stored PDF per document version.

-- Branding: the logo is a stored file (kind company_logo); the footer is free text under every
-- document; the PDF's file name is "<prefix>-<number>.pdf" (no prefix: "<number>.pdf").
ALTER TABLE "company_settings"
    ADD COLUMN "logo_file_id" UUID,
    ADD COLUMN "document_footer" TEXT,
    ADD COLUMN "pdf_file_name_prefix" TEXT,
    -- XRechnung: the seller's contact (BT-41..43) and electronic address (BT-34).
    ADD COLUMN "contact_name" TEXT,
    ADD COLUMN "electronic_address" TEXT,
    -- § 19 UStG: no VAT charged, and every invoice says so.
    ADD COLUMN "small_business" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "company_settings"
    ADD CONSTRAINT "company_settings_logo_file_id_fkey" FOREIGN KEY ("logo_file_id")
    REFERENCES "stored_files"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- XRechnung: the buyer reference (BT-10, the Leitweg-ID of public buyers) and the buyer's
-- electronic address (BT-49).
ALTER TABLE "customers"
    ADD COLUMN "buyer_reference" TEXT,
    ADD COLUMN "electronic_address" TEXT;

-- A document's PDFs are versioned: one row per version, never two with the same number (two
-- workers rendering the same version at once: the second insert fails and its file is removed).
-- The document's updated_at a PDF was rendered from: a draft's PDF is current while the draft
-- is unchanged, an issued document's once it was rendered after issue.
ALTER TABLE "stored_files" ADD COLUMN "source_updated_at" TIMESTAMPTZ(3);

CREATE UNIQUE INDEX "stored_files_sales_document_id_kind_version_key"
    ON "stored_files"("sales_document_id", "kind", "version");
