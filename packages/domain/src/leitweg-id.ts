/**
 * The Leitweg-ID (KoSIT "Formatspezifikation Leitweg-ID" 2.0): how public buyers in Germany are
 * addressed in XRechnung (BT-10, buyer reference). Three parts joined by hyphens:
 *
 * - Grobadressierung: 2 to 12 digits (e.g. `991` the federal administration, `04011000` a city),
 * - Feinadressierung: optional, 1 to 30 letters and digits,
 * - Prüfziffer: 2 digits, ISO/IEC 7064 MOD 97-10 over the first two parts without hyphens
 *   (letters as 10 to 35, as in an IBAN): 98 minus (the number × 100 mod 97).
 *
 * Private buyers use BT-10 for any reference of theirs ("PO 4711"); only a text that begins as
 * a Leitweg-ID does (2 to 12 digits and a hyphen) is held to this rule.
 */
const LEITWEG_ID = /^(\d{2,12})(?:-([A-Za-z0-9]{1,30}))?-(\d{2})$/;

/** True when `value` begins the way a Leitweg-ID does, so it must be a valid one. */
export const looksLikeLeitwegId = (value: string): boolean => /^\d{2,12}-/.test(value.trim());

/** The two check digits for the Grob- and Feinadressierung (without hyphens). */
export function leitwegIdCheckDigits(addressing: string): string {
  let remainder = 0;
  for (const char of `${addressing.toUpperCase()}00`) {
    const digits = char >= "A" ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return String(98 - remainder).padStart(2, "0");
}

export function isValidLeitwegId(value: string): boolean {
  const match = LEITWEG_ID.exec(value.trim());
  if (!match) return false;
  const [, coarse, fine, check] = match;
  return leitwegIdCheckDigits(`${coarse}${fine ?? ""}`) === check;
}
