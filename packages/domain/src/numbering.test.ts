import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_NUMBER_PREFIXES,
  DOCUMENT_NUMBER_TYPES,
  formatDocumentNumber,
  parseDocumentNumber,
} from "./numbering.ts";

describe("formatDocumentNumber", () => {
  it.each([
    ["RE", 2025, 1, "RE-2025-0001"],
    ["BE", 2024, 42, "BE-2024-0042"],
    ["AN", 2025, 9999, "AN-2025-9999"],
    ["RE", 2025, 12345, "RE-2025-12345"],
  ] as const)("formats %s / %i / %i as %s", (prefix, year, sequence, expected) => {
    expect(formatDocumentNumber(prefix, year, sequence)).toBe(expected);
  });
});

describe("parseDocumentNumber", () => {
  it("reads the parts of a number", () => {
    expect(parseDocumentNumber("RE-2025-0001")).toEqual({ prefix: "RE", year: 2025, sequence: 1 });
    expect(parseDocumentNumber("GS-2024-12345")).toEqual({
      prefix: "GS",
      year: 2024,
      sequence: 12345,
    });
  });

  it("reads back every number it formats", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z]{1,6}$/),
        fc.integer({ min: 2000, max: 9999 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (prefix, year, sequence) => {
          expect(parseDocumentNumber(formatDocumentNumber(prefix, year, sequence))).toEqual({
            prefix,
            year,
            sequence,
          });
        },
      ),
    );
  });

  it.each([
    ["", "empty"],
    ["RE-2025-001", "fewer than four sequence digits"],
    ["re-2025-0001", "lower-case prefix"],
    ["RE-25-0001", "two-digit year"],
    ["RE2025-0001", "missing dash"],
    ["RE_2025_0001", "wrong separator"],
    ["ABCDEFG-2025-0001", "prefix longer than six letters"],
    ["R3-2025-0001", "digit in the prefix"],
    [" RE-2025-0001", "leading space"],
    ["RE-2025-0001 ", "trailing space"],
    ["RE-2025-0001-2", "extra part"],
  ])("refuses %j (%s)", (number) => {
    expect(parseDocumentNumber(number)).toBeNull();
  });
});

describe("DEFAULT_NUMBER_PREFIXES", () => {
  it("give every document type its own prefix", () => {
    const prefixes = DOCUMENT_NUMBER_TYPES.map((type) => DEFAULT_NUMBER_PREFIXES[type]);
    expect(new Set(prefixes).size).toBe(DOCUMENT_NUMBER_TYPES.length);
  });

  it("make numbers that parse back", () => {
    for (const type of DOCUMENT_NUMBER_TYPES) {
      const prefix = DEFAULT_NUMBER_PREFIXES[type];
      expect(parseDocumentNumber(formatDocumentNumber(prefix, 2025, 7)), type).toEqual({
        prefix,
        year: 2025,
        sequence: 7,
      });
    }
  });
});
