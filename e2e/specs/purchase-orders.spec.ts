import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { apiQuery, DEMO, screenshot, signIn, signOut, switchLanguage } from "../support/session.ts";

/** Purchase orders on screen (seed 004 §4-§6): roles, the whole life of one PO, a batch. */

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoAxeViolations(page: Page, screen: string) {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const found = results.violations.map(
    (violation) =>
      `${screen}: ${violation.id} ×${violation.nodes.length} — ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(" "))
        .join(" | ")}`,
  );
  expect(found).toEqual([]);
}

/** A tRPC mutation over HTTP with the page's session (from the app's origin, as the guard asks). */
async function apiMutation<T = unknown>(page: Page, procedure: string, input: unknown) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`/trpc/${procedure}`, {
    data: { json: input },
    headers: { origin },
  });
  return {
    status: response.status(),
    body: (await response.json()) as { result?: { data: { json: T } } },
  };
}

/** The first project and supplier of the demo data, read over the API as any client would. */
async function aProjectAndSupplier(page: Page) {
  const [project] = (
    await apiQuery<{ items: { id: string }[] }>(page, "projects.list", { pageSize: 1 })
  ).items;
  const [supplier] = (
    await apiQuery<{ items: { id: string }[] }>(page, "suppliers.list", { pageSize: 1 })
  ).items;
  return { project: project!, supplier: supplier! };
}

const statusBadge = (page: Page) => page.locator(".page-header__badge");

test("a team member sees purchase orders but cannot create one, on screen or through the API", async ({
  page,
}) => {
  await signIn(page, DEMO.teamMember);
  const navigation = page.getByRole("navigation", { name: "Main navigation" });
  await navigation.getByRole("link", { name: "Purchase orders" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Purchase orders" })).toBeVisible();
  await expect(page).toHaveTitle("Purchase orders · Ledgerline");
  await expect(page.locator("tbody tr").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "New purchase order" })).toHaveCount(0);
  // Nothing to select: a team member approves and deletes nothing.
  await expect(page.getByRole("button", { name: "Approve selected" })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expectNoAxeViolations(page, "purchase orders (team member)");

  await page.goto("/purchase-orders/new");
  await expect(page.getByRole("heading", { name: "Not available for your role" })).toBeVisible();

  const { project, supplier } = await aProjectAndSupplier(page);
  const refused = await apiMutation(page, "purchaseOrders.create", {
    projectId: project.id,
    supplierId: supplier.id,
    amount: "100.00",
  });
  expect(refused.status).toBe(403);
});

test("a team lead orders work and records 25, 50 and 100 %; finance approves it and marks it paid", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.teamLead);
  const navigation = page.getByRole("navigation", { name: "Main navigation" });
  await navigation.getByRole("link", { name: "Purchase orders" }).click();
  await page.getByRole("button", { name: "New purchase order" }).click();
  await expect(page).toHaveTitle("New purchase order · Purchase orders · Ledgerline");
  await expectNoAxeViolations(page, "new purchase order");

  const project = page.getByLabel("Project", { exact: true });
  await project.selectOption({ index: 1 });
  await page.getByLabel("Supplier", { exact: true }).selectOption({ index: 1 });
  // Above the demo company's 500.00 EUR auto-approval threshold: a person must approve it.
  await page.getByLabel("Amount", { exact: true }).fill("1,240.50");
  await page.getByLabel("Target language", { exact: true }).fill("de");
  await page.getByRole("button", { name: "Save", exact: true }).click();

  const heading = page.getByRole("heading", { level: 1 });
  // The heading carries the status badge after the number.
  await expect(heading).toContainText(/^Purchase order BE-\d{4}-\d{4}/);
  const number = /BE-\d{4}-\d{4}/.exec((await heading.textContent())!)![0];
  await expect(page).toHaveTitle(`${number} · Purchase orders · Ledgerline`);
  const url = page.url();
  await expect(statusBadge(page)).toContainText("Pending");
  await expect(page.getByText("€1,240.50").first()).toBeVisible();

  const actions = page.getByRole("group", { name: "Actions" });
  await actions.getByRole("button", { name: "Accept" }).click();
  await expect(statusBadge(page)).toContainText("Accepted");

  const milestone = page.getByLabel("Milestone (%)");
  const record = page.getByRole("button", { name: "Record milestone" });
  for (const percentage of ["25", "50"]) {
    await milestone.fill(percentage);
    await record.click();
    await expect(page.getByText(`Milestone ${percentage} % recorded.`)).toBeVisible();
  }
  await expect(statusBadge(page)).toContainText("In progress");
  // Milestones never decrease: 40 after 50 is refused with the domain's reason.
  await milestone.fill("40");
  await record.click();
  await expect(page.getByText(/Milestones never decrease/).first()).toBeVisible();
  await milestone.fill("100");
  await page.getByLabel("Confirmed", { exact: true }).check();
  await record.click();
  await expect(page.getByText("Milestone 100 % recorded.")).toBeVisible();
  await expect(statusBadge(page)).toContainText("Completed");
  const milestones = page.getByRole("table", { name: "Milestones" });
  await expect(milestones.locator("tbody tr td:first-child")).toHaveText(["25 %", "50 %", "100 %"]);
  await expectNoAxeViolations(page, "purchase order (team lead)");
  await screenshot(page, "purchase-order-completed");
  await signOut(page);

  await signIn(page, DEMO.finance);
  await page.goto("/approvals");
  await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  await page.getByRole("link", { name: number }).click();
  await expect(page).toHaveURL(url);
  await page
    .getByRole("group", { name: "Actions" })
    .getByRole("button", { name: "Approve" })
    .click();
  await expect(statusBadge(page)).toContainText("Approved");

  await page
    .getByRole("group", { name: "Actions" })
    .getByRole("button", { name: "Mark as paid" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Mark as paid" });
  await dialog.getByLabel("Payment reference").fill("SEPA 2026-12-03");
  await dialog.getByRole("button", { name: "Mark as paid" }).click();
  await expect(statusBadge(page)).toContainText("Paid");
  // Paid is final: no move is offered any more.
  for (const action of ["Approve", "Mark as paid", "Accept"]) {
    await expect(page.getByRole("button", { name: action, exact: true })).toHaveCount(0);
  }
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText("Completed → Approved");
  await expect(history).toContainText("Approved → Paid");
  // Each entry says what happened in words, not the audit action's name.
  await expect(history).toContainText("recorded a milestone");
  await expect(history).not.toContainText("recordMilestone");

  const stored = await apiQuery<{
    status: string;
    paymentReference: string;
    milestones: unknown[];
  }>(page, "purchaseOrders.get", { id: url.split("/").at(-1) });
  expect(stored.status).toBe("paid");
  expect(stored.paymentReference).toBe("SEPA 2026-12-03");
  expect(stored.milestones).toHaveLength(3);
  await screenshot(page, "purchase-order-paid");
});

test("finance approves 60 completed purchase orders in one batch, following its progress to one result per PO", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO.finance);
  const { project, supplier } = await aProjectAndSupplier(page);
  // 60 POs ordered on a day of their own (so the list can select exactly them), each completed
  // through the API the screens use: create, accept, the 100 % milestone confirmed.
  const day = `2001-0${1 + Math.floor(Math.random() * 9)}-${String(10 + Math.floor(Math.random() * 18))}`;
  const numbers: string[] = [];
  for (let index = 0; index < 60; index += 1) {
    const created = await apiMutation<{ id: string; number: string }>(
      page,
      "purchaseOrders.create",
      {
        projectId: project.id,
        supplierId: supplier.id,
        amount: `${600 + index}.00`,
        orderDate: `${day}T10:00:00.000Z`,
      },
    );
    expect(created.status).toBe(200);
    const po = created.body.result!.data.json;
    numbers.push(po.number);
    expect(
      (await apiMutation(page, "purchaseOrders.transition", { id: po.id, action: "accept" }))
        .status,
    ).toBe(200);
    expect(
      (
        await apiMutation(page, "purchaseOrders.milestones.record", {
          purchaseOrderId: po.id,
          percentage: 100,
          confirmed: true,
        })
      ).status,
    ).toBe(200);
  }

  await page.goto(`/purchase-orders?approval=awaiting&orderFrom=${day}&orderTo=${day}&size=100`);
  await expect(page.locator("tbody tr")).toHaveCount(60);
  await page.getByLabel("All on this page").check();
  await expect(page.getByText("60 selected")).toBeVisible();
  await page.getByRole("button", { name: "Approve selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve 60 purchase orders?" });
  await dialog.getByRole("button", { name: "Approve selected" }).click();

  // More than the inline limit: the worker's job runs it and the screen follows "n of 60".
  const batch = page.getByRole("region", { name: "Batch approval" });
  await expect(batch.getByRole("status")).toHaveText(/\d+ of 60 processed/);
  await expect(batch.getByRole("status")).toHaveText("Done: 60 of 60 processed.", {
    timeout: 60_000,
  });
  await expect(batch.getByRole("progressbar")).toHaveAttribute("value", "60");
  await expect(batch.getByText("Approved: 60")).toBeVisible();
  const results = batch.getByRole("table", { name: "Result per purchase order" });
  await expect(results.locator("tbody tr")).toHaveCount(60);
  // One result per PO, in the order they were selected (the list's newest first).
  const resultNumbers = await results.locator("tbody tr td:nth-child(1)").allTextContents();
  expect([...resultNumbers].sort()).toEqual([...numbers].sort());
  await expect(results.locator("tbody tr td:nth-child(2)")).toHaveText(
    Array.from({ length: 60 }, () => "Approved"),
  );
  await expectNoAxeViolations(page, "batch results");
  await screenshot(page, "purchase-order-batch");

  await batch.getByRole("button", { name: "Close" }).click();
  // Approved now: none of them waits any more, and the commitments count them.
  await expect(page.getByRole("heading", { name: "No purchase orders match" })).toBeVisible();
  await page.goto("/purchasing");
  await expect(page.getByRole("table", { name: "Open commitments per currency" })).toContainText(
    "EUR",
  );
  await expectNoAxeViolations(page, "purchasing overview");
});

/** A pending PO made through the API the screens use; returns its id and BE number. */
async function pendingPurchaseOrder(page: Page, amount = "321.00") {
  const { project, supplier } = await aProjectAndSupplier(page);
  const created = await apiMutation<{ id: string; number: string }>(page, "purchaseOrders.create", {
    projectId: project.id,
    supplierId: supplier.id,
    amount,
  });
  expect(created.status).toBe(200);
  return created.body.result!.data.json;
}

test("finance deletes a purchase order, finds it among the deleted ones and restores it; a team lead has no deleted view", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.finance);
  const po = await pendingPurchaseOrder(page);
  await page.goto(`/purchase-orders/${po.id}`);
  await page
    .getByRole("group", { name: "Actions" })
    .getByRole("button", { name: "Delete" })
    .click();
  await page
    .getByRole("dialog", { name: "Delete" })
    .getByRole("button", { name: "Delete" })
    .click();
  await expect(page.locator(".page-header").getByText("Deleted", { exact: true })).toBeVisible();

  // Hidden from the list by default.
  await page.goto(`/purchase-orders?q=${po.number}`);
  await expect(page.getByRole("heading", { name: "No purchase orders match" })).toBeVisible();
  await page.getByLabel("Deleted", { exact: true }).selectOption({ label: "Only deleted" });
  await expect(page).toHaveURL(/deleted=only/);
  const row = page.locator("tbody tr", { hasText: po.number });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("Deleted", { exact: true })).toBeVisible();
  // Deleted POs are restored, not batch-approved: nothing to select.
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expectNoAxeViolations(page, "deleted purchase orders");
  await screenshot(page, "purchase-orders-deleted");

  await row.getByRole("button", { name: `Restore ${po.number}` }).click();
  await expect(page.getByText(`${po.number} restored: it is back in the list.`)).toBeVisible();
  await expect(page.locator("tbody tr", { hasText: po.number })).toHaveCount(0);
  await page.getByLabel("Deleted", { exact: true }).selectOption({ label: "Hidden" });
  await expect(page.locator("tbody tr", { hasText: po.number })).toHaveCount(1);
  const stored = await apiQuery<{ deletedAt: string | null; status: string }>(
    page,
    "purchaseOrders.get",
    { id: po.id },
  );
  expect(stored.deletedAt).toBeNull();
  await page.goto(`/purchase-orders/${po.id}`);
  await expect(page.getByRole("region", { name: "History" })).toContainText(/restore/i);

  // In German too.
  await page.goto(`/purchase-orders?deleted=only`);
  await switchLanguage(page, "DE");
  await expect(page.getByLabel("Gelöschte", { exact: true })).toHaveValue("only");
  await expectNoAxeViolations(page, "gelöschte Bestellungen");
  await switchLanguage(page, "EN");
  await signOut(page);

  // A team lead deletes nothing, so sees no deleted POs: no filter, and an old link shows the live list.
  await signIn(page, DEMO.teamLead);
  await page.goto(`/purchase-orders?deleted=only&q=${po.number}`);
  await expect(page.locator("tbody tr", { hasText: po.number })).toHaveCount(1);
  await expect(page.getByLabel("Deleted", { exact: true })).toHaveCount(0);
});

test("finance changes a disbursement item on screen (the total follows units × rate; a different total is shown as the field's error) and a milestone's notes", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.finance);
  const po = await pendingPurchaseOrder(page, "400.00");
  expect(
    (await apiMutation(page, "purchaseOrders.transition", { id: po.id, action: "accept" })).status,
  ).toBe(200);
  expect(
    (
      await apiMutation(page, "purchaseOrders.milestones.record", {
        purchaseOrderId: po.id,
        percentage: 25,
        notes: "First draft",
      })
    ).status,
  ).toBe(200);
  await page.goto(`/purchase-orders/${po.id}`);

  await page.getByRole("button", { name: "Add disbursement item" }).click();
  let dialog = page.getByRole("dialog", { name: "Add disbursement item" });
  await dialog.getByLabel("Item type information").fill("Layout of 3 pages");
  await dialog.getByLabel("Units").fill("3");
  await dialog.getByLabel("Rate per unit").fill("12.5");
  // Recomputed as it is typed.
  await expect(dialog.getByLabel("Total cost")).toHaveValue("37.50");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Disbursement item added.")).toBeVisible();
  const items = page.getByRole("table", { name: "Disbursement items" });
  await expect(items.locator("tbody tr")).toHaveCount(1);
  await expect(items.locator("tbody tr").first()).toContainText("€37.50");

  await items.getByRole("button", { name: "Change “Layout of 3 pages”" }).click();
  dialog = page.getByRole("dialog", { name: "Change disbursement item" });
  await expect(dialog.getByLabel("Units")).toHaveValue("3");
  await dialog.getByLabel("Units").fill("4");
  await expect(dialog.getByLabel("Total cost")).toHaveValue("50.00");
  // A total that is not units × rate is refused where it was typed, never corrected.
  await dialog.getByLabel("Total cost").fill("49.00");
  await dialog.getByLabel("Total cost").blur();
  await expect(
    dialog.getByText("The total cost must be units × rate = 50.00, not 49.00."),
  ).toBeVisible();
  await expect(dialog.getByLabel("Total cost")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, "change disbursement item");
  await dialog.getByLabel("Item type information").fill("Layout of 4 pages");
  await dialog.getByLabel("Total cost").fill("50.00");
  await expect(dialog.getByText(/The total cost must be/)).toHaveCount(0);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Disbursement item changed.")).toBeVisible();
  await expect(items.locator("tbody tr").first()).toContainText("Layout of 4 pages");
  await expect(items.locator("tbody tr").first()).toContainText("€50.00");

  const milestones = page.getByRole("table", { name: "Milestones" });
  await milestones.getByRole("button", { name: "Edit notes of 25 %" }).click();
  dialog = page.getByRole("dialog", { name: "Notes of milestone 25 %" });
  await expect(dialog.getByLabel("Notes")).toHaveValue("First draft");
  await dialog.getByLabel("Notes").fill("First draft, glossary agreed");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Notes of milestone 25 % saved.")).toBeVisible();
  await expect(milestones).toContainText("First draft, glossary agreed");

  const stored = await apiQuery<{
    disbursements: {
      units: number;
      ratePerUnit: string;
      totalCost: string;
      itemTypeInfo: string;
    }[];
    milestones: { notes: string }[];
  }>(page, "purchaseOrders.get", { id: po.id });
  expect(stored.disbursements).toMatchObject([{ units: 4, itemTypeInfo: "Layout of 4 pages" }]);
  expect(Number(stored.disbursements[0]!.totalCost)).toBe(50);
  expect(stored.milestones[0]!.notes).toBe("First draft, glossary agreed");
  await screenshot(page, "purchase-order-edited-items");
});

test("the admin sets an auto-approval threshold per currency in the settings; a completed USD PO under it is approved automatically and the list filters it by currency", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.admin);
  await page.goto("/settings");
  const thresholds = page.getByRole("group", {
    name: "Purchase orders approved automatically, per currency",
  });
  // A run stopped half way may have left its USD row: start without it.
  await expect(page.getByRole("heading", { level: 1, name: "Company settings" })).toBeVisible();
  if ((await thresholds.getByRole("button", { name: "Remove USD" }).count()) > 0) {
    await thresholds.getByRole("button", { name: "Remove USD" }).click();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Company settings saved.")).toBeVisible();
  }
  await thresholds.getByRole("button", { name: "Add a currency" }).click();
  let row = thresholds.getByRole("group").last();
  await row.getByLabel("Currency").selectOption("USD");
  // A currency already named is not offered again.
  await thresholds.getByRole("button", { name: "Add a currency" }).click();
  const second = thresholds.getByRole("group").last();
  await expect(second.getByLabel("Currency").locator('option[value="USD"]')).toHaveCount(0);
  await second.getByRole("button", { name: /^Remove / }).click();

  row = thresholds.getByRole("group", { name: "Threshold in USD" });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  // No amount: the row says so, and nothing is saved.
  await expect(row.getByText("An amount such as 5,000.00.")).toBeVisible();
  await expect(row.getByLabel("Approved automatically up to")).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await row.getByLabel("Approved automatically up to").fill("-5");
  await row.getByLabel("Approved automatically up to").blur();
  await expect(row.getByText("An amount such as 5,000.00.")).toBeVisible();
  await row.getByLabel("Approved automatically up to").fill("400");
  await expect(row.getByText("An amount such as 5,000.00.")).toHaveCount(0);
  await expectNoAxeViolations(page, "settings with a currency threshold");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Company settings saved.")).toBeVisible();
  await page.reload();
  await expect(
    page
      .getByRole("group", { name: "Threshold in USD" })
      .getByLabel("Approved automatically up to"),
  ).toHaveValue("400.00");
  await screenshot(page, "settings-currency-thresholds");
  const settings = await apiQuery<{ purchaseOrderAutoApprovalThresholds: Record<string, string> }>(
    page,
    "settings.get",
    undefined,
  );
  expect(Number(settings.purchaseOrderAutoApprovalThresholds.USD)).toBe(400);

  // What the setting does: a USD PO of 300 completed is approved without a person.
  const { project, supplier } = await aProjectAndSupplier(page);
  const created = await apiMutation<{ id: string; number: string }>(page, "purchaseOrders.create", {
    projectId: project.id,
    supplierId: supplier.id,
    amount: "300.00",
    currency: "USD",
  });
  expect(created.status).toBe(200);
  const id = created.body.result!.data.json.id;
  await apiMutation(page, "purchaseOrders.transition", { id, action: "accept" });
  await apiMutation(page, "purchaseOrders.milestones.record", {
    purchaseOrderId: id,
    percentage: 100,
    confirmed: true,
  });
  const po = await apiQuery<{ status: string; isAutoApproved: boolean }>(
    page,
    "purchaseOrders.get",
    { id },
  );
  expect(po).toMatchObject({ status: "approved", isAutoApproved: true });

  // The list's currency filter offers every currency (the shared options), not a fixed few.
  await page.goto("/purchase-orders");
  const currency = page.getByLabel("Currency", { exact: true });
  await expect(currency.locator('option[value="AUD"]')).toHaveCount(1);
  // Only currencies the API takes (amounts have cents): no yen.
  await expect(currency.locator('option[value="JPY"]')).toHaveCount(0);
  await currency.selectOption("USD");
  await expect(page).toHaveURL(/currency=USD/);
  await expect(
    page.locator("tbody tr", { hasText: created.body.result!.data.json.number }),
  ).toHaveCount(1);
  await currency.selectOption("AUD");
  await expect(page).toHaveURL(/currency=AUD/);
  await expect(page.getByRole("heading", { name: "No purchase orders match" })).toBeVisible();

  // Back as it was, for the other specs.
  await page.goto("/settings");
  await page.getByRole("button", { name: "Remove USD" }).click();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Company settings saved.")).toBeVisible();
});

test("a move the server refuses is explained in German, naming the statuses by their German labels", async ({
  page,
}) => {
  await signIn(page, DEMO.teamLead);
  await page.goto("/purchase-orders/new");
  await page.getByLabel("Project", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Supplier", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Amount", { exact: true }).fill("1,240.50");
  await page.getByLabel("Target language", { exact: true }).fill("de");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(statusBadge(page)).toContainText("Pending");
  const id = page.url().split("/").at(-1)!;
  await switchLanguage(page, "DE");
  try {
    // Accepted meanwhile elsewhere (another tab, a colleague): this page still offers "Annehmen".
    const accepted = await page.request.post("/trpc/purchaseOrders.transition", {
      data: { json: { id, action: "accept" } },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(accepted.ok()).toBe(true);
    await page
      .getByRole("group", { name: "Aktionen" })
      .getByRole("button", { name: "Annehmen" })
      .click();
    await expect(
      page.getByText(
        "„Annehmen“ ist nicht möglich, solange diese Bestellung im Status „Angenommen“ ist.",
        { exact: false },
      ),
    ).toBeVisible();
  } finally {
    // The language is stored on the user: the specs after this one expect English.
    await switchLanguage(page, "EN");
  }
});
