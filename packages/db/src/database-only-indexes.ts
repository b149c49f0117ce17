/**
 * Indexes that schema.prisma cannot express (covering indexes with INCLUDE, partial indexes with
 * WHERE, indexes on expressions, trigram operator classes), created by the hand-written
 * migrations. The drift check
 * (schema-drift.ts) finds each by name and compares its definition, as PostgreSQL's
 * `pg_get_indexdef` prints it without the schema name, word for word; any other index the
 * schema does not declare is drift. Keep a comment on the model in schema.prisma that names them.
 */
export interface DatabaseOnlyIndex {
  table: string;
  name: string;
  /** `pg_get_indexdef` without the schema name. */
  definition: string;
  /** What reads it. */
  servedQueries: string;
}

export const DATABASE_ONLY_INDEXES: readonly DatabaseOnlyIndex[] = [
  {
    table: "sales_documents",
    name: "sales_documents_type_status_issued_date_created_at_idx",
    definition:
      "CREATE INDEX sales_documents_type_status_issued_date_created_at_idx ON sales_documents USING btree (type, status, issued_date, created_at DESC NULLS LAST, id) INCLUDE (currency, total, paid_amount, archived_at, deleted_at)",
    servedQueries:
      "lists filtered by type, status and issued date: the newest of each day for the page (pageByIssuedDay), counts and sums from the index alone; statistics",
  },
  {
    table: "sales_documents",
    name: "sales_documents_open_invoices_due_date_idx",
    definition:
      "CREATE INDEX sales_documents_open_invoices_due_date_idx ON sales_documents USING btree (due_date) INCLUDE (id, created_at, currency, total, paid_amount, archived_at, type, status, deleted_at) WHERE ((type = 'invoice'::sales_document_type) AND (status = ANY (ARRAY['sent'::sales_document_status, 'partial'::sales_document_status, 'overdue'::sales_document_status])))",
    servedQueries:
      "open invoices by due date: the overdue list and its totals, the due-date sweep, outstanding and overdue statistics",
  },
  {
    table: "sales_documents",
    name: "sales_documents_customer_name_trgm_idx",
    definition:
      "CREATE INDEX sales_documents_customer_name_trgm_idx ON sales_documents USING gin (customer_name gin_trgm_ops)",
    servedQueries: "the document lists' search: customer name contains the text (ILIKE)",
  },
  {
    table: "sales_documents",
    name: "sales_documents_number_trgm_idx",
    definition:
      "CREATE INDEX sales_documents_number_trgm_idx ON sales_documents USING gin (number gin_trgm_ops)",
    servedQueries: "the document lists' search: number contains the text (ILIKE)",
  },
  {
    table: "sales_document_customer_names",
    name: "sales_document_customer_names_trgm_idx",
    definition:
      "CREATE INDEX sales_document_customer_names_trgm_idx ON sales_document_customer_names USING gin (customer_name gin_trgm_ops)",
    servedQueries:
      "the document lists' search: which customer names contain the text, before any document is read",
  },
  {
    table: "sales_document_totals",
    name: "sales_document_totals_key",
    definition:
      "CREATE UNIQUE INDEX sales_document_totals_key ON sales_document_totals USING btree (type, status, issued_date, due_date, currency, archived, deleted) NULLS NOT DISTINCT",
    servedQueries:
      "the totals trigger's upsert (one row per key, missing dates included); the lists' counts and selection totals by type, status and issued date",
  },
  {
    table: "purchase_orders",
    name: "purchase_orders_active_status_created_at_id_idx",
    definition:
      "CREATE INDEX purchase_orders_active_status_created_at_id_idx ON purchase_orders USING btree (status, created_at, id) WHERE ((deleted_at IS NULL) AND (archived_at IS NULL))",
    servedQueries:
      "the purchase-order list's default view (neither deleted nor archived) filtered by status or approval state: its bounded count from the index alone, its page in order",
  },
];
