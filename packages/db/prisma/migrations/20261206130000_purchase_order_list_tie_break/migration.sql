-- The purchase-order list sorts by created_at and then id (a stable page). POs made in one
-- transaction (a batch, an import) share created_at; with an index on created_at alone
-- PostgreSQL read every PO of that instant and sorted them for a page of 25 (10,001 rows for
-- the bench's batch of 10,000). With the id in each index the page is read in order.
DROP INDEX "purchase_orders_created_at_idx";
DROP INDEX "purchase_orders_status_created_at_idx";
DROP INDEX "purchase_orders_project_id_created_at_idx";
DROP INDEX "purchase_orders_supplier_id_created_at_idx";
DROP INDEX "purchase_orders_project_manager_id_created_at_idx";
CREATE INDEX "purchase_orders_created_at_id_idx" ON "purchase_orders"("created_at", "id");
CREATE INDEX "purchase_orders_status_created_at_id_idx" ON "purchase_orders"("status", "created_at", "id");
CREATE INDEX "purchase_orders_project_id_created_at_id_idx" ON "purchase_orders"("project_id", "created_at", "id");
CREATE INDEX "purchase_orders_supplier_id_created_at_id_idx" ON "purchase_orders"("supplier_id", "created_at", "id");
CREATE INDEX "purchase_orders_project_manager_id_created_at_id_idx" ON "purchase_orders"("project_manager_id", "created_at", "id");
