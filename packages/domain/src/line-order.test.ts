import { describe, expect, it } from "vitest";
import { compareByLanguage, orderLines, type LanguageOrderedLine } from "./line-order.ts";

const line = (
  position: number,
  itemType: string,
  targetLanguage: string | null,
  sourceLanguage: string | null = "en",
): LanguageOrderedLine & { label: string } => ({
  position,
  itemType,
  targetLanguage,
  sourceLanguage,
  label: `${position}`,
});

describe("line order (seed 004 §2: target_lang null items first, then by item_type)", () => {
  const lines = [
    line(1, "language_pair", "fr"),
    line(2, "language_pair", "de"),
    line(3, "other", null, null),
    line(4, "additional_item", "de"),
    line(5, "language_pair", null, "de"),
    line(6, "additional_item", null, null),
  ];

  it("keeps the entered order for position, whatever the stored order", () => {
    const shuffled = [lines[3]!, lines[0]!, lines[5]!, lines[2]!, lines[1]!, lines[4]!];
    expect(orderLines(shuffled, "position").map((l) => l.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("puts lines without a target language first, then sorts by item type and languages", () => {
    // No target: additional_item (6), language_pair (5), other (3); then with a target:
    // additional_item de (4), language_pair en>de (2), language_pair en>fr (1).
    expect(orderLines(lines, "language").map((l) => l.position)).toEqual([6, 5, 3, 4, 2, 1]);
  });

  it("breaks ties by the entered position and never changes the lines or the input", () => {
    const twins = [line(9, "language_pair", "de"), line(7, "language_pair", "de")];
    const ordered = orderLines(twins, "language");
    expect(ordered.map((l) => l.position)).toEqual([7, 9]);
    expect(twins.map((l) => l.position)).toEqual([9, 7]);
    expect(ordered[0]).toBe(twins[1]);
  });

  it("compares by code point, the same on every machine", () => {
    expect(compareByLanguage(line(1, "other", "de-AT"), line(2, "other", "de-at"))).toBeLessThan(0);
    expect(compareByLanguage(line(1, "other", "pt"), line(2, "other", "pt-BR"))).toBeLessThan(0);
  });
});
