-- The document lists' default order is newest first (created_at); without this index every page
-- of an unfiltered list sorted all documents of the type.

-- CreateIndex
CREATE INDEX "sales_documents_type_created_at_idx" ON "sales_documents"("type", "created_at");
