-- The document lists' search ("contains", case-insensitive, over number and customer name) read
-- every row: about 200 ms on 200,000 documents. Trigram indexes answer `ILIKE '%text%'` for
-- three characters and more (docs/performance.md). pg_trgm is a trusted extension: a database
-- owner may create it without superuser rights. The indexes are declared in
-- packages/db/src/database-only-indexes.ts (schema.prisma cannot express operator classes in a
-- way the drift check compares).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "sales_documents_customer_name_trgm_idx" ON "sales_documents" USING gin ("customer_name" gin_trgm_ops);
CREATE INDEX "sales_documents_number_trgm_idx" ON "sales_documents" USING gin ("number" gin_trgm_ops);
