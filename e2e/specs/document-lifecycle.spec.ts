import { expect, test, type Page } from "@playwright/test";
import {
  apiMutation,
  apiQuery,
  DEMO,
  screenshot,
  signIn,
  switchLanguage,
} from "../support/session.ts";

/**
 * Seed 004's lifecycle on screen (docs/domain-model.md §5.6, §5.10): a soft-deleted invoice
 * leaves the list, is found in the deleted view and restored from there; a paid invoice is
 * refunded from its page.
 */

/** An issued invoice of a customer of its own (so the list can be narrowed to it). */
async function issuedInvoice(page: Page, customerName: string) {
  const customer = await apiMutation<{ id: string }>(page, "customers.create", {
    name: customerName,
  });
  const draft = await apiMutation<{ id: string }>(page, "salesDocuments.create", {
    type: "invoice",
    customerId: customer.id,
    lines: [{ description: "Übersetzung EN>DE", quantity: "2", unitPrice: "85.00", taxRate: "19" }],
  });
  const issued = await apiMutation<{ id: string; number: string }>(page, "salesDocuments.issue", {
    id: draft.id,
  });
  return { ...issued, customerId: customer.id };
}

test("a soft-deleted invoice is found in the deleted view and restored, in English and German", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  const invoice = await issuedInvoice(page, `Löschtest ${Date.now()} GmbH`);

  await page.goto(`/documents/${invoice.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(invoice.number);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: `Delete Invoice ${invoice.number}?` });
  await expect(confirm).toContainText("kept for good with its number");
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(confirm).toHaveCount(0);
  // Still there by id, marked deleted, with nothing to do but restore.
  await expect(page.getByText("This document is deleted")).toBeVisible();
  await expect(page.getByRole("button", { name: "Record payment" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Restore", exact: true })).toBeVisible();

  // Gone from the list; there under "Only deleted".
  await page.goto(`/invoices?customerId=${invoice.customerId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Invoices");
  await expect(page.getByRole("row").filter({ hasText: invoice.number })).toHaveCount(0);
  await page.getByLabel("Deleted", { exact: true }).selectOption("only");
  const row = page.getByRole("row").filter({ hasText: invoice.number });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Deleted");
  await screenshot(page, "invoices-deleted-view");

  // The same view in German, then restored from the list.
  await switchLanguage(page, "DE");
  await expect(page.getByLabel("Gelöschte", { exact: true })).toHaveValue("only");
  await row.getByRole("button", { name: `${invoice.number} wiederherstellen` }).click();
  await expect(page.getByText(`${invoice.number} wiederhergestellt`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: invoice.number })).toHaveCount(0);
  await page.getByLabel("Gelöschte", { exact: true }).selectOption("hidden");
  await expect(page.getByRole("row").filter({ hasText: invoice.number })).toBeVisible();
  await switchLanguage(page, "EN");
});

test("a paid invoice is refunded from its page: a credit note and the refund, then refunded", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  const invoice = await issuedInvoice(page, `Erstattungstest ${Date.now()} GmbH`);
  await apiMutation(page, "payments.create", {
    salesDocumentId: invoice.id,
    amount: "202.30",
    paymentDate: new Date().toISOString().slice(0, 10),
    method: "bank_transfer",
  });

  await page.goto(`/documents/${invoice.id}`);
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Refund Invoice ${invoice.number}?` });
  await expect(dialog).toContainText("€202.30 is paid back");
  await dialog.getByLabel("Reference").fill("Rückzahlung");
  await screenshot(page, "invoice-refund-dialog");
  await dialog.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator(".page-header .status").first()).toHaveText("Refunded");
  await expect(page.getByRole("button", { name: "Refund", exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /GS-\d{4}-\d{4}/ })).toBeVisible();
});

test("the approval policy is a three-way choice on the settings screen; the amount shows for the threshold only", async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.goto("/settings");
  const policy = page.getByRole("group", {
    name: "Approval of invoices, credit notes and sales orders",
  });
  // The demo company approves at or above 10,000.00.
  await expect(policy.getByLabel("At or above an amount")).toBeChecked();
  await expect(page.getByLabel("Approval at or above", { exact: true })).toBeVisible();
  try {
    await policy.getByLabel("Always: every document is submitted and approved").check();
    await expect(page.getByLabel("Approval at or above", { exact: true })).toHaveCount(0);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Company settings saved.")).toBeVisible();
    const saved = await apiQuery<{ invoiceApprovalPolicy: string }>(
      page,
      "settings.get",
      undefined,
    );
    expect(saved.invoiceApprovalPolicy).toBe("always");
    await screenshot(page, "settings-approval-policy");

    await switchLanguage(page, "DE");
    const richtlinie = page.getByRole("group", {
      name: "Freigabe von Rechnungen, Gutschriften und Aufträgen",
    });
    await expect(
      richtlinie.getByLabel("Immer: Jeder Beleg wird eingereicht und freigegeben"),
    ).toBeChecked();
    await richtlinie.getByLabel("Ab einem Betrag").check();
    await expect(page.getByLabel("Freigabe ab", { exact: true })).toBeVisible();
    await switchLanguage(page, "EN");
  } finally {
    await apiMutation(page, "settings.update", {
      invoiceApprovalPolicy: "threshold",
      invoiceApprovalThreshold: "10000.00",
    });
  }
});
