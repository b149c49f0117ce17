import { decimalSchema, parseLocaleDecimal } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { de } from "../i18n/de.ts";
import { en } from "../i18n/en.ts";
import { interpolate } from "../i18n/translate.ts";
import {
  decimalOfText,
  decimalProblemMessage,
  decimalText,
  tidyDecimalText,
  UNREADABLE_DECIMAL,
} from "./decimal-entry.ts";

const tDe = (key: keyof typeof de, params?: Record<string, string | number>) =>
  interpolate(de[key], params);
const tEn = (key: keyof typeof en, params?: Record<string, string | number>) =>
  interpolate(en[key], params);

describe("decimal entry", () => {
  it("hands the schema exact decimals, blank as blank, and a value no decimal schema takes", () => {
    expect(decimalOfText("1.234,50", "de")).toBe("1234.50");
    expect(decimalOfText("1,234.50", "en")).toBe("1234.50");
    expect(decimalOfText("  ", "de")).toBe("");
    expect(decimalOfText("12.50", "de")).toBe(UNREADABLE_DECIMAL);
    const schema = decimalSchema({ precision: 14, places: 2, invalid: "no" });
    expect(schema.safeParse(UNREADABLE_DECIMAL).success).toBe(false);
  });

  it("pre-fills the locale's way: amounts with cents, rates and quantities without trailing zeros", () => {
    expect(decimalText("1330.00", "de", "amount")).toBe("1.330,00");
    expect(decimalText("1330.00", "en", "amount")).toBe("1,330.00");
    expect(decimalText("7.50", "de", "percent")).toBe("7,5");
    expect(decimalText("2.000", "en", "quantity")).toBe("2");
    expect(decimalText("0.0875", "de", "amount")).toBe("0,0875");
    expect(decimalText(null, "de", "amount")).toBe("");
  });

  it("re-spells what it understood when a field is left", () => {
    expect(tidyDecimalText("1234,5", "de", "amount")).toBe("1.234,50");
    expect(tidyDecimalText("1.234", "de", "quantity")).toBe("1.234");
    expect(tidyDecimalText("12.50", "de", "amount")).toBeNull();
  });

  it("says why in the UI's language, with the locale's spelling as the way out", () => {
    expect(decimalProblemMessage(parseLocaleDecimal("1000.50", "de"), "de", tDe)).toBe(
      "Bitte 1000,50 schreiben: im Deutschen trennt das Komma die Nachkommastellen (1.234,50).",
    );
    expect(decimalProblemMessage(parseLocaleDecimal("12,5", "en"), "en", tEn)).toMatch(
      /^Write 12\.5:/,
    );
    expect(decimalProblemMessage(parseLocaleDecimal("1.23.4", "de"), "de", tDe)).toMatch(
      /Tausenderpunkte/,
    );
    expect(decimalProblemMessage(parseLocaleDecimal("abc", "en"), "en", tEn)).toBe(
      "Enter a number such as 1,234.50.",
    );
    expect(decimalProblemMessage(parseLocaleDecimal("", "en"), "en", tEn)).toBeUndefined();
  });
});
