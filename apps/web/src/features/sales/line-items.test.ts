import { Decimal, lineItemInputSchema } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import {
  computeLiveTotals,
  decimalInputText,
  emptyLine,
  lineDraftOf,
  lineInputOf,
  moveLine,
  type LineDraft,
} from "./line-items.ts";

const line = (values: Partial<LineDraft>): LineDraft => ({ ...emptyLine("19"), ...values });

describe("line drafts and the line schema", () => {
  it("become the schema's input: decimals as text, an empty discount as none", () => {
    const draft = line({
      description: "Translation EN>DE",
      quantity: "2",
      unitPrice: "85",
      discountPercent: "",
    });
    const input = lineInputOf(draft, "en");
    expect(input).toMatchObject({
      description: "Translation EN>DE",
      quantity: "2",
      unitPrice: "85",
      taxRate: "19",
      discountPercent: "0",
      itemType: "other",
    });
    expect(input).not.toHaveProperty("id");
    expect(lineItemInputSchema.parse(input)).toMatchObject({
      quantity: "2.000",
      unitPrice: "85.0000",
      taxRate: "19.00",
      discountPercent: "0.00",
      unit: null,
    });
  });

  it("keep a stored line's id so its links survive saving", () => {
    const id = "0c4f2d1b-6e5a-4f8b-8c9d-4e5f6a7b8c93";
    expect(lineInputOf(line({ id, description: "x" }), "de")).toMatchObject({ id });
  });

  it("read numbers the way the UI's language writes them", () => {
    const german = line({ description: "x", quantity: "1,5", unitPrice: "1.234,50" });
    expect(lineItemInputSchema.parse(lineInputOf(german, "de"))).toMatchObject({
      quantity: "1.500",
      unitPrice: "1234.5000",
    });
    // German "1.234" is one thousand two hundred thirty-four, never 1.234.
    expect(lineInputOf(line({ unitPrice: "1.234" }), "de").unitPrice).toBe("1234");
    expect(lineInputOf(line({ unitPrice: "1,234.50" }), "en").unitPrice).toBe("1234.50");
  });

  it("hand the schema something it refuses for a number the locale cannot read", () => {
    for (const unitPrice of ["12.50", "1.23.4", "abc"]) {
      const input = lineInputOf(line({ description: "x", unitPrice }), "de");
      expect(lineItemInputSchema.safeParse(input).success).toBe(false);
    }
  });

  it("come from stored lines without trailing zeros, prices with their cents, in the locale", () => {
    const stored: Parameters<typeof lineDraftOf>[0] = {
      id: "0c4f2d1b-6e5a-4f8b-8c9d-4e5f6a7b8c93",
      description: "Proofreading",
      quantity: new Decimal("2.500"),
      unit: null,
      unitPrice: new Decimal("85.0000"),
      taxRate: new Decimal("19.00"),
      discountPercent: new Decimal("7.50"),
      itemType: "other",
      sourceLanguage: null,
      targetLanguage: null,
    };
    expect(lineDraftOf(stored, "en")).toMatchObject({
      key: "0c4f2d1b-6e5a-4f8b-8c9d-4e5f6a7b8c93",
      quantity: "2.5",
      unit: "",
      unitPrice: "85.00",
      taxRate: "19",
      discountPercent: "7.5",
    });
    expect(lineDraftOf({ ...stored, unitPrice: new Decimal("1234.5000") }, "de")).toMatchObject({
      quantity: "2,5",
      unitPrice: "1.234,50",
      discountPercent: "7,5",
    });
    expect(decimalInputText("0.0875", 2)).toBe("0.0875");
    expect(decimalInputText("-3.000")).toBe("-3");
    expect(decimalInputText(null)).toBe("");
  });
});

describe("live totals", () => {
  it("are the domain's totals: seed 000's line 2 x 85.00 at 19 %", () => {
    const live = computeLiveTotals(
      [line({ description: "a", quantity: "2", unitPrice: "85.00" })],
      "en",
    );
    expect(live.skipped).toBe(0);
    expect(live.lines[0]?.total.toFixed(2)).toBe("202.30");
    expect(live.totals.netAmount.toFixed(2)).toBe("170.00");
    expect(live.totals.taxAmount.toFixed(2)).toBe("32.30");
    expect(live.totals.total.toFixed(2)).toBe("202.30");
  });

  it("round per line and break VAT down per rate", () => {
    const live = computeLiveTotals(
      [
        line({ quantity: "3", unitPrice: "19,99", taxRate: "7", discountPercent: "10" }),
        line({ quantity: "1", unitPrice: "100", taxRate: "19" }),
        line({ quantity: "0,5", unitPrice: "0,01", taxRate: "19" }),
      ],
      "de",
    );
    expect(live.lines.map((amounts) => amounts?.total.toFixed(2))).toEqual([
      "57.75",
      "119.00",
      "0.01",
    ]);
    expect(live.totals.discountAmount.toFixed(2)).toBe("6.00");
    expect(live.totals.total.toFixed(2)).toBe("176.76");
    expect(
      live.totals.vatBreakdown.map((row) => [
        row.taxRate.toFixed(2),
        row.netAmount.toFixed(2),
        row.taxAmount.toFixed(2),
      ]),
    ).toEqual([
      ["19.00", "100.01", "19.00"],
      ["7.00", "53.97", "3.78"],
    ]);
  });

  it("leave out a line whose numbers are not valid, and say so", () => {
    const live = computeLiveTotals(
      [
        line({ quantity: "2", unitPrice: "85" }),
        line({ quantity: "abc", unitPrice: "10" }),
        line({ quantity: "1", unitPrice: "10", taxRate: "" }),
        line({ quantity: "1", unitPrice: "10", discountPercent: "101" }),
        line({ quantity: "1", unitPrice: "10" }),
        // A German screen never reads "1.5" as one and a half: the line waits.
        line({ quantity: "1.5", unitPrice: "10" }),
      ],
      "de",
    );
    expect(live.skipped).toBe(4);
    expect(live.lines.map((amounts) => amounts?.total.toFixed(2) ?? null)).toEqual([
      "202.30",
      null,
      null,
      null,
      "11.90",
      null,
    ]);
    expect(live.totals.total.toFixed(2)).toBe("214.20");
  });

  it("are zero without lines", () => {
    const live = computeLiveTotals([], "de");
    expect(live.totals.total.toFixed(2)).toBe("0.00");
    expect(live.totals.vatBreakdown).toEqual([]);
  });
});

describe("moveLine", () => {
  it("moves a line up or down and leaves the list alone otherwise", () => {
    expect(moveLine(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    expect(moveLine(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveLine(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveLine(["a", "b", "c"], 2, 3)).toEqual(["a", "b", "c"]);
  });
});
