import { expect, test } from "@playwright/test";
import {
  apiMutation,
  apiQuery,
  DEMO,
  screenshot,
  signIn,
  switchLanguage,
} from "../support/session.ts";

interface Document {
  id: string;
  number: string | null;
  total: string;
  invoicedAmount: string | null;
  remainingAmount: string | null;
  lineItems: { description: string; quantity: string }[];
}

/** A decimal string as the API sends it ("691.3") with two places, without a float. */
const cents = (value: string | null) => {
  const [whole, fraction = ""] = (value ?? "").split(".");
  return `${whole}.${`${fraction}00`.slice(0, 2)}`;
};

/**
 * An order is invoiced once (domain model §5.4a): an order confirmation is invoiced by a partial
 * invoice, then by a final invoice that deducts the partial one, visibly, so both together are
 * the order's total; the order's page shows what is invoiced and what is left.
 */
test("an order confirmation is invoiced partially, then finally with the deduction shown", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.finance);
  const customers = await apiQuery<{ items: { id: string }[] }>(page, "customers.list", {
    search: "Blauwal Reisen",
  });
  const draft = await apiMutation<Document>(page, "salesDocuments.create", {
    type: "order_confirmation",
    customerId: customers.items[0]!.id,
    locale: "de",
    lines: [
      {
        description: "Übersetzung Website DE>EN",
        quantity: "10",
        unitPrice: "50.00",
        taxRate: "19",
      },
      { description: "Beglaubigte Übersetzung", quantity: "2", unitPrice: "45.00", taxRate: "7" },
    ],
  });
  const order = await apiMutation<Document>(page, "salesDocuments.issue", { id: draft.id });
  // 500.00 + 95.00 at 19 %, 90.00 + 6.30 at 7 %.
  expect(cents(order.total)).toBe("691.30");

  await page.goto(`/documents/${order.id}`);
  const invoicing = page.getByRole("region", { name: "Invoicing" });
  await expect(invoicing).toContainText("Left to invoice");
  await expect(invoicing).toContainText("691.30");

  // A partial invoice: 40 % of what is left, one line per VAT rate.
  await page.getByRole("button", { name: "Convert to invoice" }).click();
  const convert = page.getByRole("dialog", { name: /^New invoice from/ });
  await convert.getByLabel(/^Partial invoice/).check();
  await convert.getByRole("textbox", { name: "Percentage of what is left" }).fill("40");
  await expect(convert).toContainText("About €276.52");
  await screenshot(page, "order-invoicing-partial-dialog");
  await convert.getByRole("button", { name: "Create invoice draft" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Invoice|draft/i);
  await page.getByRole("button", { name: "Issue", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Issue now" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/RE-\d{4}-\d{4}/);
  const partialNumber = (await page.getByRole("heading", { level: 1 }).textContent())!.match(
    /RE-\d{4}-\d{4}/,
  )![0];

  // The order now shows what is invoiced and what is left.
  await page.goto(`/documents/${order.id}`);
  const afterPartial = await apiQuery<Document>(page, "salesDocuments.get", { id: order.id });
  expect(cents(afterPartial.invoicedAmount)).toBe("276.52");
  expect(cents(afterPartial.remainingAmount)).toBe("414.78");
  await expect(invoicing).toContainText("276.52");
  await expect(invoicing).toContainText("414.78");
  await screenshot(page, "order-invoicing-after-partial");

  // The final invoice: the order's lines less the partial invoice, per VAT rate.
  await page.getByRole("button", { name: "Convert to invoice" }).click();
  await expect(convert.getByLabel(/^Final invoice/)).toBeChecked();
  await convert.getByRole("button", { name: "Create invoice draft" }).click();
  const lines = page.getByRole("region", { name: "Line items" });
  await expect(lines).toContainText(`Abzüglich Abschlagsrechnung ${partialNumber} vom`);
  await screenshot(page, "order-invoicing-final-draft");
  const finalId = new URL(page.url()).pathname.split("/").pop()!;
  const final = await apiQuery<Document>(page, "salesDocuments.get", { id: finalId });
  expect(cents(final.total)).toBe("414.78");
  expect(final.lineItems.filter((line) => line.quantity.startsWith("-"))).toHaveLength(2);

  // A second conversion while the final invoice is a draft is not offered.
  await page.goto(`/documents/${order.id}`);
  await expect(invoicing).toContainText("is “Draft”");
  await expect(page.getByRole("button", { name: "Convert to invoice" })).toHaveCount(0);

  // The same in German; finance's language is English again afterwards.
  await switchLanguage(page, "DE");
  const abrechnung = page.getByRole("region", { name: "Abrechnung" });
  await expect(abrechnung).toContainText("Noch zu berechnen");
  await expect(abrechnung).toContainText("im Status „Entwurf“");
  await screenshot(page, "order-invoicing-german");
  await switchLanguage(page, "EN");
  await expect(invoicing).toContainText("Left to invoice");

  // The final invoice issued, the order is invoiced in full: one more invoice needs a confirmation.
  await page.goto(`/documents/${finalId}`);
  await page.getByRole("button", { name: "Issue", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Issue now" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/RE-\d{4}-\d{4}/);
  await page.goto(`/documents/${order.id}`);
  await expect(invoicing).toContainText("€691.30");
  expect(
    cents((await apiQuery<Document>(page, "salesDocuments.get", { id: order.id })).remainingAmount),
  ).toBe("0.00");
  await page.getByRole("button", { name: "Convert to invoice" }).click();
  await convert.getByRole("button", { name: "Create invoice draft" }).click();
  const confirm = page.getByRole("dialog", { name: "Invoice more than was ordered?" });
  await expect(confirm).toContainText("is invoiced in full (€691.30 of €691.30)");
  await screenshot(page, "order-invoicing-confirm-more");
  await confirm.getByRole("button", { name: "Invoice more" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Invoice");
  const extraId = new URL(page.url()).pathname.split("/").pop()!;
  expect(extraId).not.toBe(order.id);
  const extra = await apiQuery<Document>(page, "salesDocuments.get", { id: extraId });
  expect(cents(extra.total)).toBe("691.30");
  // Not left lying around as an open draft of the shared e2e database.
  await apiMutation(page, "salesDocuments.delete", { id: extraId });
});
