-- Covering indexes for the document lists, their counts and selection totals (docs/performance.md).
-- schema.prisma cannot express INCLUDE or WHERE, so both are declared in
-- packages/db/src/database-only-indexes.ts, which the drift check compares word for word.

-- By type, status and issued date (a quarter of paid invoices): the key finds the rows; the
-- included columns give the page's default order (created_at, id), the count and the totals per
-- currency from the index alone. Replaces the (type, status) index, whose queries it also serves.
DROP INDEX "sales_documents_type_status_idx";
CREATE INDEX "sales_documents_type_status_issued_date_idx" ON "sales_documents"("type", "status", "issued_date")
  INCLUDE ("created_at", "id", "currency", "total", "paid_amount", "archived_at");

-- Open invoices by due date: the overdue list and its totals, the due-date sweep and the
-- statistics' outstanding and overdue figures read only this small part of the table. Type and
-- status are included because an index-only scan cannot take them from the WHERE.
CREATE INDEX "sales_documents_open_invoices_due_date_idx" ON "sales_documents"("due_date")
  INCLUDE ("id", "created_at", "currency", "total", "paid_amount", "archived_at", "type", "status")
  WHERE "type" = 'invoice' AND "status" IN ('sent', 'partial', 'overdue');
