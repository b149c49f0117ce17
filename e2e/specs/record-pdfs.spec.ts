import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import {
  apiMutation,
  apiQuery,
  DEMO,
  screenshot,
  signIn,
  switchLanguage,
} from "../support/session.ts";

/**
 * A purchase order's PDF from its page: nothing is queued when the PO is made; "Download PDF"
 * has the worker render it on demand (BESTELLUNG), and the state turns to ready. The section
 * speaks German too.
 */
test("the purchase order page downloads the PO's PDF, rendered on demand by the worker", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.finance);
  const [project] = (
    await apiQuery<{ items: { id: string }[] }>(page, "projects.list", { pageSize: 1 })
  ).items;
  const [supplier] = (
    await apiQuery<{ items: { id: string }[] }>(page, "suppliers.list", { pageSize: 1 })
  ).items;
  const po = await apiMutation<{ id: string; number: string }>(page, "purchaseOrders.create", {
    projectId: project!.id,
    supplierId: supplier!.id,
    amount: "480.00",
  });
  await page.goto(`/purchase-orders/${po.id}`);
  const panel = page.getByRole("region", { name: "PDF", exact: true });
  await expect(panel.getByTestId("pdf-state")).toHaveText("No PDF yet.");

  const [pdf] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    panel.getByRole("link", { name: "Download PDF" }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`${po.number}.pdf`);
  const bytes = await readFile((await pdf.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  await page.reload();
  await expect(panel.getByTestId("pdf-state")).toContainText("PDF ready (version 1");
  await expect(panel.getByRole("button", { name: "Regenerate PDF" })).toBeVisible();
  await screenshot(page, "purchase-order-pdf-ready");

  await switchLanguage(page, "DE");
  const german = page.getByRole("region", { name: "PDF", exact: true });
  await expect(german.getByTestId("pdf-state")).toContainText("PDF bereit (Version 1");
  await expect(german.getByRole("link", { name: "PDF herunterladen" })).toBeVisible();
  await expect(german.getByRole("button", { name: "PDF neu erstellen" })).toBeVisible();
  await switchLanguage(page, "EN");
});

/** Issuing an invoice group on its page queues its PDF; the worker renders SAMMELRECHNUNG. */
test("issuing an invoice group on its page renders its PDF, which downloads under its SR number", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.finance);
  const customer = await apiMutation<{ id: string }>(page, "customers.create", {
    name: `PDF-Sammelkunde ${Date.now()}`,
  });
  const draft = await apiMutation<{ id: string }>(page, "salesDocuments.create", {
    type: "invoice",
    customerId: customer.id,
    lines: [{ description: "Lektorat", quantity: "2", unitPrice: "80.00", taxRate: "19" }],
  });
  const invoice = await apiMutation<{ id: string; issuedDate: string }>(
    page,
    "salesDocuments.issue",
    { id: draft.id },
  );
  const group = await apiMutation<{ id: string }>(page, "invoiceGroups.create", {
    customerId: customer.id,
    currency: "EUR",
    invoiceDate: invoice.issuedDate,
  });
  await apiMutation(page, "invoiceGroups.addInvoice", { id: group.id, invoiceId: invoice.id });
  await page.goto(`/invoice-groups/${group.id}`);
  const panel = page.getByRole("region", { name: "PDF", exact: true });
  await expect(panel.getByTestId("pdf-state")).toHaveText("No PDF yet.");

  await page.getByRole("group", { name: "Actions" }).getByRole("button", { name: "Issue" }).click();
  await page.getByRole("dialog", { name: "Issue" }).getByRole("button", { name: "Issue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/SR-\d{4}-\d{4}/);
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.match(
    /SR-\d{4}-\d{4}/,
  )![0];
  await expect(panel.getByTestId("pdf-state")).toContainText("PDF ready (version 1", {
    timeout: 60_000,
  });
  await screenshot(page, "invoice-group-pdf-ready");
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("link", { name: "Download PDF" }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`${number}.pdf`);
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe("%PDF-");
});
