import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidBic, isValidIban, normalizeIban } from "./iban.ts";

/** Published example IBANs (the banks' and registries' own examples), as people write them. */
const VALID_IBANS = [
  "DE89 3704 0044 0532 0130 00",
  "GB82 WEST 1234 5698 7654 32",
  "FR14 2004 1010 0505 0001 3M02 606",
  "CH93 0076 2011 6238 5295 7",
  "NL91 ABNA 0417 1643 00",
  "AT61 1904 3002 3457 3201",
  "NO93 8601 1117 947",
];

/**
 * An independent reference for the check digits (ISO 7064 mod 97-10 with BigInt), so the
 * property below builds valid IBANs without asking the code under test.
 */
function withCheckDigits(country: string, bban: string): string {
  const numeric = [...`${bban}${country}00`]
    .map((char) => (/\d/.test(char) ? char : String(char.charCodeAt(0) - 55)))
    .join("");
  const check = 98n - (BigInt(numeric) % 97n);
  return `${country}${String(check).padStart(2, "0")}${bban}`;
}

const countryArbitrary = fc.stringMatching(/^[A-Z]{2}$/);
const bbanArbitrary = fc.stringMatching(/^[A-Z0-9]{11,30}$/);
const validIbanArbitrary = fc
  .tuple(countryArbitrary, bbanArbitrary)
  .map(([country, bban]) => withCheckDigits(country, bban));

/** The positions of an IBAN (without spaces) that hold a digit, check digits included. */
const digitPositions = (iban: string) =>
  [...iban].flatMap((char, index) => (/\d/.test(char) ? [index] : []));

const replaceAt = (value: string, index: number, char: string) =>
  value.slice(0, index) + char + value.slice(index + 1);

describe("normalizeIban", () => {
  it("removes all whitespace and upper-cases", () => {
    expect(normalizeIban(" gb82 west\t1234 5698\n7654 32 ")).toBe("GB82WEST12345698765432");
  });
});

describe("isValidIban", () => {
  it.each(VALID_IBANS)("accepts %s", (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it("accepts the same IBANs without spaces and in lower case", () => {
    for (const iban of VALID_IBANS) {
      expect(isValidIban(iban.replace(/ /g, "")), iban).toBe(true);
      expect(isValidIban(iban.toLowerCase()), iban).toBe(true);
    }
  });

  it.each([
    ["DE89 3704 0044 0532 0130 01", "last digit changed"],
    ["DE88 3704 0044 0532 0130 00", "check digit changed"],
    ["GB82 WEST 1234 5698 7654 33", "last digit changed"],
    ["FR14 2004 1010 0505 0001 3M02 607", "last digit changed"],
    ["CH93 0076 2011 6238 5295 8", "last digit changed"],
    ["NL91 ABNA 0417 1643 01", "last digit changed"],
    ["DE89 3704 0044 0532 0310 00", "two digits swapped"],
  ])("refuses %s (%s)", (iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  it.each([
    ["", "empty"],
    ["DE89 3704 0044", "too short for any country"],
    [`GB82 WEST 1234 5698 7654 32${"0".repeat(20)}`, "longer than 34 characters"],
    ["1289 3704 0044 0532 0130 00", "no country letters"],
    ["DEXX 3704 0044 0532 0130 00", "letters as check digits"],
    ["DE89 3704 0044 0532 0130 0!", "punctuation"],
  ])("refuses %j (%s)", (iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  it("refuses a correct checksum outside the 15 to 34 characters of ISO 13616", () => {
    expect(isValidIban(withCheckDigits("NO", "86011117947"))).toBe(true);
    expect(isValidIban(withCheckDigits("NO", "8601111794"))).toBe(false);
    expect(isValidIban(withCheckDigits("MT", "A".repeat(30)))).toBe(true);
    expect(isValidIban(withCheckDigits("MT", "A".repeat(31)))).toBe(false);
  });

  it("accepts every IBAN whose check digits the reference computes", () => {
    fc.assert(fc.property(validIbanArbitrary, (iban) => isValidIban(iban)));
  });

  it("refuses a valid IBAN with any one digit changed", () => {
    const withOneDigitChanged = validIbanArbitrary.chain((iban) =>
      fc.record({
        iban: fc.constant(iban),
        index: fc.constantFrom(...digitPositions(iban)),
        shift: fc.integer({ min: 1, max: 9 }),
      }),
    );
    fc.assert(
      fc.property(withOneDigitChanged, ({ iban, index, shift }) => {
        const changed = replaceAt(iban, index, String((Number(iban[index]) + shift) % 10));
        expect(changed).not.toBe(iban);
        expect(isValidIban(changed)).toBe(false);
      }),
    );
  });

  it("refuses the published examples with any one digit changed", () => {
    for (const written of VALID_IBANS) {
      const iban = normalizeIban(written);
      for (const index of digitPositions(iban)) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === iban[index]) continue;
          const changed = replaceAt(iban, index, String(digit));
          expect(isValidIban(changed), changed).toBe(false);
        }
      }
    }
  });
});

describe("isValidBic", () => {
  it.each(["COBADEFF", "COBADEFFXXX", "DEUTDEDB110", "cobadeff", "COBA DE FF XXX"])(
    "accepts %s",
    (bic) => {
      expect(isValidBic(bic)).toBe(true);
    },
  );

  it.each([
    "",
    "COBADE",
    "COBADEF",
    "COBADEFFX",
    "COBADEFFXX",
    "COBADEFFXXXX",
    "C0BADEFF",
    "COBA1EFF",
  ])("refuses %j", (bic) => {
    expect(isValidBic(bic)).toBe(false);
  });
});
