import pg from "pg";

export interface Volume {
  customers: number;
  projects: number;
  documents: number;
  linesPerDocument: number;
}

/**
 * Fills a migrated, empty database with realistic volume in a few SQL statements (generate_series),
 * so the benchmark measures queries, not the filler. Amounts follow the one rounding rule:
 * PostgreSQL's round(numeric, 2) rounds half away from zero like the domain's roundToCents, and
 * document totals are sums of their lines, so every figure adds up as the product's own would.
 *
 * Mix: 85 % invoices (a few drafts, the rest issued over five years with payments), 10 %
 * quotes, 5 % order confirmations. Invoices are numbered per year without gaps.
 *
 * Documents are written as the product writes them: lines and totals while a document has no
 * number, the number last. A numbered document is immutable in the database (its triggers hold
 * the owner too), so lines inserted into numbered documents would be refused.
 */
export async function fill(
  url: string,
  volume: Volume,
  log: (line: string) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(sql, params);
    log(
      `  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  };
  try {
    await client.query("SET synchronous_commit = off");
    await step(
      "customers",
      `INSERT INTO customers (name, city, country, default_currency, payment_terms_days, updated_at)
       SELECT 'Bench Customer ' || i, (ARRAY['Berlin','Hamburg','München','Köln','Leipzig'])[1 + i % 5], 'DE',
              CASE WHEN i % 10 = 0 THEN 'CHF' ELSE 'EUR' END, 14 + (i % 3) * 8, now()
       FROM generate_series(1, $1::int) AS i`,
      [volume.customers],
    );
    await step(
      "projects",
      `INSERT INTO projects (name, customer_id, status, updated_at)
       SELECT 'Bench Project ' || i, c.id, 'active', now()
       FROM generate_series(1, $1::int) AS i
       JOIN LATERAL (SELECT id FROM customers ORDER BY id OFFSET (i % $2::int) LIMIT 1) c ON true`,
      [volume.projects, volume.customers],
    );
    // Documents: type and status by position, dates spread over five years (2022-2026), every
    // 97th a draft (no date); numbered at the end, once their lines and totals are written.
    await step(
      "sales documents",
      `WITH customer_list AS (SELECT id, name, default_currency, row_number() OVER (ORDER BY id) AS n FROM customers),
            project_list AS (SELECT id, customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY id) AS n FROM projects),
            base AS (
              SELECT i, i % 97 = 0 AS draft,
                     CASE WHEN i % 20 < 17 THEN 'invoice' WHEN i % 20 < 19 THEN 'quote' ELSE 'order_confirmation' END::sales_document_type AS type,
                     (DATE '2022-01-01' + ((i::bigint * 1785) / $1::int)::int) AS issued_date,
                     1 + (i % $2::int) AS customer_n
              FROM generate_series(1, $1::int) AS i)
       INSERT INTO sales_documents (type, status, currency, customer_id, project_id, customer_name, billing_address,
                                    issued_date, due_date, valid_until, locale, updated_at, created_at)
       SELECT b.type,
              CASE WHEN b.draft THEN 'draft'
                   WHEN b.type = 'quote' THEN (ARRAY['sent','accepted','declined','expired'])[1 + b.i % 4]
                   WHEN b.type = 'order_confirmation' THEN 'sent'
                   WHEN b.issued_date > DATE '2026-10-01' THEN (ARRAY['sent','partial','overdue','paid'])[1 + b.i % 4]
                   ELSE (ARRAY['paid','paid','paid','paid','paid','paid','partial','overdue'])[1 + b.i % 8] END::sales_document_status,
              c.default_currency, c.id, p.id, c.name,
              jsonb_build_object('name', c.name, 'country', 'DE'),
              CASE WHEN b.draft THEN NULL ELSE b.issued_date END,
              CASE WHEN b.draft OR b.type <> 'invoice' THEN NULL ELSE b.issued_date + 14 END,
              CASE WHEN b.draft OR b.type <> 'quote' THEN NULL ELSE b.issued_date + 14 END,
              'de', now(), b.issued_date::timestamptz
       FROM base b
       JOIN customer_list c ON c.n = b.customer_n
       LEFT JOIN project_list p ON p.customer_id = c.id AND p.n = 1`,
      [volume.documents, volume.customers],
    );
    await step(
      "line items",
      `INSERT INTO line_items (sales_document_id, position, description, quantity, unit, unit_price, tax_rate,
                               discount_percent, subtotal, discount_amount, subtotal_after_discount, tax_amount, total)
       SELECT d.id, l.position, 'Service line ' || l.position, l.quantity, 'Hours', l.unit_price, l.tax_rate, l.discount,
              s.subtotal, s.discount_amount, s.subtotal - s.discount_amount,
              round((s.subtotal - s.discount_amount) * l.tax_rate / 100, 2),
              (s.subtotal - s.discount_amount) + round((s.subtotal - s.discount_amount) * l.tax_rate / 100, 2)
       FROM sales_documents d
       CROSS JOIN LATERAL (
         SELECT pos AS position,
                ((1 + (abs(hashtext(d.id::text || pos)) % 400)) / 4.0)::numeric(14,3) AS quantity,
                ((2500 + abs(hashtext(pos || d.id::text)) % 20000) / 100.0)::numeric(14,4) AS unit_price,
                (CASE WHEN pos % 4 = 0 THEN 7 ELSE 19 END)::numeric(5,2) AS tax_rate,
                (CASE WHEN pos % 5 = 0 THEN 10 ELSE 0 END)::numeric(5,2) AS discount
         FROM generate_series(1, $1::int) AS pos) l
       CROSS JOIN LATERAL (
         SELECT round(l.quantity * l.unit_price, 2) AS subtotal,
                round(round(l.quantity * l.unit_price, 2) * l.discount / 100, 2) AS discount_amount) s`,
      [volume.linesPerDocument],
    );
    await step(
      "document totals",
      `UPDATE sales_documents d
       SET subtotal = t.subtotal, discount_amount = t.discount_amount, net_amount = t.subtotal - t.discount_amount,
           tax_amount = t.tax_amount, total = t.total
       FROM (SELECT sales_document_id, sum(subtotal) AS subtotal, sum(discount_amount) AS discount_amount,
                    sum(tax_amount) AS tax_amount, sum(total) AS total
             FROM line_items GROUP BY sales_document_id) t
       WHERE t.sales_document_id = d.id`,
    );
    // Paid invoices: one payment of the total; partial ones: about a third.
    await step(
      "payments",
      `INSERT INTO payments (sales_document_id, amount, payment_date, method, updated_at)
       SELECT id, CASE WHEN status = 'paid' THEN total ELSE round(total / 3, 2) END, issued_date + 10,
              (ARRAY['bank_transfer','sepa','paypal','credit_card'])[1 + abs(hashtext(id::text)) % 4]::payment_method, now()
       FROM sales_documents WHERE type = 'invoice' AND status IN ('paid', 'partial') AND total > 0`,
    );
    // The last write of each document, as issuing is: its number (per type and year in date
    // order, gapless) and issuedAt, with the paid amount its payments add up to.
    await step(
      "numbers and paid amounts",
      `UPDATE sales_documents d
       SET number = (CASE d.type WHEN 'invoice' THEN 'RE' WHEN 'quote' THEN 'AN' ELSE 'AB' END)
                    || '-' || extract(year FROM d.issued_date)::int || '-'
                    -- lpad cuts longer strings: at least four digits, more when the year has more.
                    || CASE WHEN n.seq < 10000 THEN lpad(n.seq::text, 4, '0') ELSE n.seq::text END,
           issued_at = d.issued_date::timestamptz,
           paid_amount = coalesce(p.amount, 0)
       FROM (SELECT id, row_number() OVER (PARTITION BY type, extract(year FROM issued_date)
                                           ORDER BY issued_date, id) AS seq
             FROM sales_documents WHERE status <> 'draft') n
       LEFT JOIN (SELECT sales_document_id, sum(amount) AS amount FROM payments GROUP BY 1) p
              ON p.sales_document_id = n.id
       WHERE d.id = n.id`,
    );
    await step(
      "number sequences",
      `INSERT INTO number_sequences (scope, year, last_number)
       SELECT type::text, extract(year FROM issued_date)::int, count(*) FROM sales_documents
       WHERE number IS NOT NULL GROUP BY 1, 2`,
    );
    // What autovacuum does to a live database: statistics, and the visibility map that lets
    // covering indexes answer without visiting the table.
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}
