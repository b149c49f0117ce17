-- The purchase-order list shows neither deleted nor archived POs unless asked. Filtered by
-- status (or approval state, which is a status set), its count (exact up to 10,000 past the
-- page) read the table until it had 10,000 matches, since the status index cannot tell the
-- deleted and archived ones apart. This partial index holds just the default view, so the count
-- is an index-only scan and the page is read in order. Declared in database-only-indexes.ts.
CREATE INDEX "purchase_orders_active_status_created_at_id_idx" ON "purchase_orders" ("status", "created_at", "id")
  WHERE "deleted_at" IS NULL AND "archived_at" IS NULL;
