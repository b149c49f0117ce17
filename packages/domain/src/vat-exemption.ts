import { toDecimal, type DecimalInput } from "./money.ts";

/**
 * Why an invoice charges no VAT. §14 (4) Nr. 8 UStG: an invoice without VAT must say why, and
 * an e-invoice (EN 16931) must name the VAT category (BT-118) and the exemption reason
 * (BT-120/121) that follow from it.
 */
export const VAT_EXEMPTIONS = ["reverse_charge", "small_business", "outside_scope"] as const;
export type VatExemption = (typeof VAT_EXEMPTIONS)[number];

/** The EU member states (ISO 3166-1 alpha-2): reverse charge applies between two of them. */
export const EU_COUNTRIES: readonly string[] = [
  "AT",
  "BE",
  "BG",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "HU",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SE",
  "SI",
  "SK",
];

export interface VatExemptionFacts {
  /** The company applies § 19 UStG (settings). */
  smallBusiness: boolean;
  sellerCountry: string;
  buyerCountry: string;
  buyerVatId: string | null;
  /** Every line's rate, in percent. */
  taxRates: readonly DecimalInput[];
}

/**
 * The reason a document charges no VAT, or null when it charges some (or when the zero rate's
 * reason is not one Ledgerline knows, such as a domestic exemption under § 4 UStG):
 * - a § 19 UStG small business never charges VAT;
 * - a business customer (VAT id) in another EU country owes the VAT itself (reverse charge);
 * - a customer outside the EU: the supply is not taxable in Germany (place of supply abroad).
 */
export function vatExemptionOf(facts: VatExemptionFacts): VatExemption | null {
  if (facts.smallBusiness) return "small_business";
  if (facts.taxRates.length === 0 || facts.taxRates.some((rate) => !toDecimal(rate).isZero())) {
    return null;
  }
  const seller = facts.sellerCountry.toUpperCase();
  const buyer = facts.buyerCountry.toUpperCase();
  if (buyer === seller) return null;
  if (!EU_COUNTRIES.includes(buyer)) return "outside_scope";
  return facts.buyerVatId ? "reverse_charge" : null;
}
