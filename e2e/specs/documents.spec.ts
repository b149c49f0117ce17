import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO, screenshot, signIn } from "../support/session.ts";

/**
 * An issued invoice's PDF, rendered by the real worker that `pnpm start` runs, as a person sees
 * it on the document page: the job's state turns to ready, the PDF downloads, and the
 * XRechnung and ZUGFeRD buttons give the e-invoices.
 */
test("issuing an invoice renders its PDF in the worker; PDF and e-invoices download from the page", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.finance);
  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: "Invoices" })
    .click();
  await page.getByRole("button", { name: "New invoice" }).click();
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Blauwal Reisen GmbH" });
  await page.getByLabel("Line 1: Description").fill("Übersetzung Katalog DE>EN");
  await page.getByLabel("Line 1: Quantity").fill("3");
  await page.getByLabel("Line 1: Unit price").fill("411.50");
  await page.getByRole("button", { name: "Save and issue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/RE-\d{4}-\d{4}/);
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.match(
    /RE-\d{4}-\d{4}/,
  )![0];

  const panel = page.getByRole("region", { name: "PDF and e-invoices" });
  await expect(panel.getByTestId("pdf-state")).toContainText("PDF ready (version 1", {
    timeout: 60_000,
  });
  await screenshot(page, "invoice-pdf-ready");

  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("link", { name: "Download PDF" }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`${number}.pdf`);
  const pdfBytes = await readFile((await pdf.path())!);
  expect(pdfBytes.subarray(0, 5).toString()).toBe("%PDF-");

  for (const [name, file, start] of [
    ["XRechnung (UBL)", `${number}.xrechnung-ubl.xml`, "<?xml"],
    ["XRechnung (CII)", `${number}.xrechnung-cii.xml`, "<?xml"],
    ["ZUGFeRD PDF", `${number}.zugferd.pdf`, "%PDF-"],
  ] as const) {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByRole("link", { name }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(file);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, start.length).toString()).toBe(start);
  }
});
