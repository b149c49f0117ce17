import { expect, test, type Page } from "@playwright/test";
import {
  apiMutation,
  apiQuery,
  DEMO,
  screenshot,
  signIn,
  signOut,
  switchLanguage,
} from "../support/session.ts";

/**
 * Invoice groups are archived, soft-deleted and restored (issue 11 part 1 for groups): an
 * issued group is kept forever with its number and invoices (GoBD), hidden from the list, and
 * finance finds it in the deleted view and brings it back.
 */

/** An issued group of one issued invoice, for a customer of its own; made over the API. */
async function issuedGroup(page: Page) {
  const customer = await apiMutation<{ id: string }>(page, "customers.create", {
    name: `Löschkunde ${Date.now()}`,
  });
  const draft = await apiMutation<{ id: string }>(page, "salesDocuments.create", {
    type: "invoice",
    customerId: customer.id,
    currency: "EUR",
    lines: [{ description: "Lektorat", quantity: "1", unitPrice: "80.00", taxRate: "19" }],
  });
  const invoice = await apiMutation<{ id: string; number: string }>(page, "salesDocuments.issue", {
    id: draft.id,
  });
  const group = await apiMutation<{ id: string }>(page, "invoiceGroups.create", {
    customerId: customer.id,
    currency: "EUR",
    invoiceDate: "2026-12-01",
  });
  await apiMutation(page, "invoiceGroups.addInvoice", { id: group.id, invoiceId: invoice.id });
  const issued = await apiMutation<{ id: string; number: string }>(
    page,
    "invoiceGroups.transition",
    { id: group.id, action: "issue" },
  );
  return { ...issued, customerId: customer.id, invoiceId: invoice.id };
}

test("finance deletes an issued invoice group, finds it in the deleted view and restores it; a team lead archives but deletes nothing", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.finance);
  await switchLanguage(page, "EN");
  const group = await issuedGroup(page);
  await page.goto(`/invoice-groups/${group.id}`);
  const actions = page.getByRole("group", { name: "Actions" });
  await expect(actions.getByRole("button", { name: "Archive" })).toBeVisible();
  await actions.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete" });
  await expect(dialog).toContainText("kept for good with its number and invoices");
  await dialog.getByRole("button", { name: "Delete" }).click();
  // It stays on its page, marked deleted, offering only the restore.
  await expect(page.locator(".page-header").getByText("Deleted", { exact: true })).toBeVisible();
  await expect(actions.getByRole("button")).toHaveText(["Restore deleted"]);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(group.number);

  // Hidden from the list by default, found among the deleted ones.
  await page.goto(`/invoice-groups?customerId=${group.customerId}`);
  await expect(page.getByRole("heading", { name: "No invoice groups match" })).toBeVisible();
  await page.getByLabel("Deleted", { exact: true }).selectOption({ label: "Only deleted" });
  await expect(page).toHaveURL(/deleted=only/);
  const row = page.locator("tbody tr", { hasText: group.number });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("Deleted", { exact: true })).toBeVisible();
  await screenshot(page, "invoice-groups-deleted");

  // In German too.
  await switchLanguage(page, "DE");
  try {
    await expect(page.getByLabel("Gelöschte", { exact: true })).toHaveValue("only");
    await expect(
      row.getByRole("button", { name: `${group.number} wiederherstellen` }),
    ).toBeVisible();
  } finally {
    await switchLanguage(page, "EN");
  }

  await row.getByRole("button", { name: `Restore ${group.number}` }).click();
  await expect(page.getByText("Invoice group restored: it is back in the list.")).toBeVisible();
  await expect(page.locator("tbody tr", { hasText: group.number })).toHaveCount(0);
  await page.getByLabel("Deleted", { exact: true }).selectOption({ label: "Hidden" });
  await expect(page.locator("tbody tr", { hasText: group.number })).toHaveCount(1);
  const stored = await apiQuery<{
    deletedAt: string | null;
    number: string;
    status: string;
    invoices: { id: string }[];
  }>(page, "invoiceGroups.get", { id: group.id });
  expect(stored).toMatchObject({ deletedAt: null, number: group.number, status: "issued" });
  expect(stored.invoices.map((invoice) => invoice.id)).toEqual([group.invoiceId]);
  await signOut(page);

  // A team lead archives and restores it, but has no Delete and no deleted view.
  await signIn(page, DEMO.teamLead);
  await switchLanguage(page, "EN");
  await page.goto(`/invoice-groups/${group.id}`);
  await expect(actions.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await actions.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText("Invoice group archived.")).toBeVisible();
  await expect(page.locator(".page-header").getByText("Archived", { exact: true })).toBeVisible();
  await page.goto(`/invoice-groups?customerId=${group.customerId}`);
  await expect(page.getByLabel("Deleted", { exact: true })).toHaveCount(0);
  await expect(page.locator("tbody tr", { hasText: group.number })).toHaveCount(0);
  await page.getByLabel("Archive", { exact: true }).selectOption("archived");
  await expect(page.locator("tbody tr", { hasText: group.number })).toHaveCount(1);
  await page.goto(`/invoice-groups/${group.id}`);
  await actions.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("Invoice group restored from the archive.")).toBeVisible();
  await expect(actions.getByRole("button", { name: "Archive" })).toBeVisible();
});
