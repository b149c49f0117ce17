import { Decimal } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { chartMonths, currenciesOf, monthWindow, previousMonth } from "./statistics-chart.ts";

describe("the monthly chart", () => {
  it("counts back twelve months across the year", () => {
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(previousMonth("2026-10")).toBe("2026-09");
    expect(monthWindow("2026-03")).toEqual([
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
    ]);
  });

  it("fills empty months with zero and scales bars to the largest value, per currency", () => {
    const months = chartMonths(
      [
        { month: "2026-02", currency: "EUR", invoiced: new Decimal("1000.00"), paid: "250.00" },
        { month: "2026-03", currency: "EUR", invoiced: "400.00", paid: new Decimal("1000.00") },
        { month: "2026-03", currency: "CHF", invoiced: "999999.00", paid: "0.00" },
        { month: "2024-01", currency: "EUR", invoiced: "5000.00", paid: "0.00" },
      ],
      "EUR",
      "2026-03",
    );
    expect(months).toHaveLength(12);
    expect(months[0]).toMatchObject({ month: "2025-04", invoicedPercent: 0, paidPercent: 0 });
    expect(months[10]).toMatchObject({ month: "2026-02", invoicedPercent: 100, paidPercent: 25 });
    expect(months[11]).toMatchObject({ month: "2026-03", invoicedPercent: 40, paidPercent: 100 });
    expect(months[11]!.invoiced.toFixed(2)).toBe("400.00");
  });

  it("draws nothing when nothing happened", () => {
    const months = chartMonths([], "EUR", "2026-03");
    expect(months.every((month) => month.invoicedPercent === 0 && month.paidPercent === 0)).toBe(
      true,
    );
  });

  it("lists the currencies in the order they come", () => {
    expect(currenciesOf([{ currency: "EUR" }, { currency: "CHF" }, { currency: "EUR" }])).toEqual([
      "EUR",
      "CHF",
    ]);
  });
});
