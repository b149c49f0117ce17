-- The order a sales document shows and prints its lines in (seed 004 §2, issue 11 part 2): as
-- entered ("position", every existing document) or seed 004's language order ("language"). A
-- display option of the draft: the GoBD trigger of 20261203110100 compares every column it does
-- not list, so the choice is frozen with the rest of the document when it is issued.
ALTER TABLE "sales_documents"
    ADD COLUMN "line_order" TEXT NOT NULL DEFAULT 'position',
    ADD CONSTRAINT "sales_documents_line_order" CHECK ("line_order" IN ('position', 'language'));
