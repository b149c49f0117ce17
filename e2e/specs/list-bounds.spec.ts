import { expect, test } from "@playwright/test";
import pg from "pg";
import { apiMutation, apiQuery, DEMO, signIn, switchLanguage } from "../support/session.ts";

/**
 * A list's count is exact up to a bound past the page (10,000) and says so above it: "of more
 * than 10,000", never a made-up exact number (docs/performance.md, issue 12). 10,020 drafts of
 * one customer are written straight into the database (the API would take minutes) and removed
 * again afterwards; drafts are the one kind of document that may be removed.
 */
const DRAFTS = 10_020;

test("a list with more matches than the count's bound says 'more than', in both languages", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.finance);
  const name = `Zählkunde ${Date.now().toString(36).toUpperCase()} GmbH`;
  const customer = await apiMutation<{ id: string }>(page, "customers.create", { name });
  const databaseUrl = test.info().config.metadata.databaseUrl as string;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO sales_documents
         (type, status, currency, locale, customer_id, customer_name, billing_address, updated_at)
       SELECT 'invoice', 'draft', 'EUR', 'en', $1::uuid, $2, jsonb_build_object('name', $2::text),
              now() - n * interval '1 second'
       FROM generate_series(1, $3::int) n`,
      [customer.id, name, DRAFTS],
    );

    // What the API says: a bounded count, flagged as such.
    const list = await apiQuery<{ total: number; totalIsExact: boolean; items: unknown[] }>(
      page,
      "salesDocuments.list",
      { type: "invoice", customerId: customer.id, pageSize: 25 },
    );
    expect(list).toMatchObject({ total: 10_000, totalIsExact: false });
    expect(list.items).toHaveLength(25);

    // What a person reads.
    await page.goto(`/invoices?customerId=${customer.id}`);
    await expect(page.getByText(/^1–\d+ of more than 10,000$/)).toBeVisible();
    await expect(page.getByText(/^Page 1 of more than \d+$/)).toBeVisible();
    // Paging on stays possible past the pages counted so far.
    await expect(page.getByRole("button", { name: /^Next/ })).toBeEnabled();
    await switchLanguage(page, "DE");
    await expect(page.getByText(/^1–\d+ von mehr als 10\.000$/)).toBeVisible();
    await expect(page.getByText(/^Seite 1 von mehr als \d+$/)).toBeVisible();
    await switchLanguage(page, "EN");
  } finally {
    await client.query(
      `DELETE FROM sales_documents WHERE customer_id = $1::uuid AND status = 'draft'`,
      [customer.id],
    );
    await client.end();
  }
});
