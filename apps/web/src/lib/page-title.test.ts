import { describe, expect, it } from "vitest";
import { pageTitle } from "./page-title.ts";

describe("pageTitle", () => {
  it("puts the most specific part first and leaves out empty and repeated parts", () => {
    expect(pageTitle(["RE-2026-0005", "Invoices"])).toBe("RE-2026-0005 · Invoices · Ledgerline");
    expect(pageTitle(["Invoices", "Invoices"])).toBe("Invoices · Ledgerline");
    expect(pageTitle([undefined, " ", "Customers"])).toBe("Customers · Ledgerline");
    expect(pageTitle([])).toBe("Ledgerline");
  });
});
