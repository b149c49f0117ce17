import { describe, expect, it } from "vitest";
import { logoContentMatches } from "./company-logo.ts";
import { previewDocumentInputSchema } from "./settings.ts";

/** ASCII text as bytes (what the markup before an SVG's root element is). */
const bytes = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

describe("logoContentMatches", () => {
  it("takes PNG and JPEG by their first bytes, SVG by its root element", () => {
    expect(
      logoContentMatches(
        "image/png",
        Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
      ),
    ).toBe(true);
    expect(logoContentMatches("image/jpeg", Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(
      logoContentMatches("image/svg+xml", bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBe(true);
    expect(
      logoContentMatches(
        "image/svg+xml",
        Uint8Array.from([
          0xef,
          0xbb,
          0xbf,
          ...bytes('<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg>\n<svg>\n</svg>'),
        ]),
      ),
    ).toBe(true);
  });

  it("refuses content that is not what it claims", () => {
    expect(logoContentMatches("image/png", bytes("<svg></svg>"))).toBe(false);
    expect(logoContentMatches("image/jpeg", Uint8Array.from([0x89, 0x50]))).toBe(false);
    expect(logoContentMatches("image/svg+xml", bytes("<html><svg></svg></html>"))).toBe(false);
    expect(logoContentMatches("image/svg+xml", bytes("<svgx/>"))).toBe(false);
  });
});

describe("previewDocumentInputSchema", () => {
  it("takes what a person is in the middle of typing", () => {
    expect(
      previewDocumentInputSchema.parse({ legalName: " Neu ", iban: "DE02", country: "D" }),
    ).toMatchObject({ legalName: "Neu", iban: "DE02", country: "D", language: "de" });
  });

  it("still bounds every text", () => {
    expect(previewDocumentInputSchema.safeParse({ documentFooter: "x".repeat(1001) }).success).toBe(
      false,
    );
  });
});
