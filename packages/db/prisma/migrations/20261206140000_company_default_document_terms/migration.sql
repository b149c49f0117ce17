-- Terms copied into every new sales document created without its own (issue 13).
ALTER TABLE "company_settings" ADD COLUMN "default_document_terms" TEXT;
