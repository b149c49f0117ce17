-- Stored files are "files" everywhere; "documents" are business documents (issue 8).
-- Renames keep the table's rows, grants (ledgerline_app's included), indexes and foreign keys;
-- no trigger or function names this table.

ALTER TYPE "stored_document_kind" RENAME TO "stored_file_kind";

ALTER TABLE "stored_documents" RENAME TO "stored_files";

ALTER TABLE "stored_files" RENAME CONSTRAINT "stored_documents_pkey" TO "stored_files_pkey";
ALTER TABLE "stored_files" RENAME CONSTRAINT "stored_documents_size_positive" TO "stored_files_size_positive";
ALTER TABLE "stored_files" RENAME CONSTRAINT "stored_documents_one_owner" TO "stored_files_one_owner";
ALTER TABLE "stored_files" RENAME CONSTRAINT "stored_documents_sales_document_id_fkey" TO "stored_files_sales_document_id_fkey";
ALTER TABLE "stored_files" RENAME CONSTRAINT "stored_documents_expense_id_fkey" TO "stored_files_expense_id_fkey";

ALTER INDEX "stored_documents_storage_key_key" RENAME TO "stored_files_storage_key_key";
ALTER INDEX "stored_documents_sales_document_id_idx" RENAME TO "stored_files_sales_document_id_idx";
ALTER INDEX "stored_documents_expense_id_idx" RENAME TO "stored_files_expense_id_idx";
ALTER INDEX "stored_documents_sha256_idx" RENAME TO "stored_files_sha256_idx";
