import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * The documents' typeface, Inter (SIL OFL), from the pinned npm package @fontsource/inter and
 * inlined as base64 `@font-face` rules. Shipping the font with the code rather than relying on
 * a system font (Debian's fonts-dejavu) makes a PDF look the same, and come out byte for byte
 * the same, on every machine, whatever fonts it has; inlining means Chromium never waits for a
 * request. Latin and Latin Extended cover German and the other EU languages' names; two weights
 * keep the HTML small (about 160 kB of CSS per document).
 */
const require = createRequire(import.meta.url);

const FACES = [
  {
    subset: "latin",
    weight: 400,
    range:
      "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
  },
  {
    subset: "latin",
    weight: 600,
    range:
      "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
  },
  {
    subset: "latin-ext",
    weight: 400,
    range:
      "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF",
  },
  {
    subset: "latin-ext",
    weight: 600,
    range:
      "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF",
  },
] as const;

export const DOCUMENT_FONT_FAMILY = "Ledgerline Inter";

let cached: string | undefined;

/** The `@font-face` rules, read once per process. */
export function documentFontFaces(): string {
  cached ??= FACES.map(({ subset, weight, range }) => {
    const path = require.resolve(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff2`);
    const base64 = readFileSync(path).toString("base64");
    return `@font-face{font-family:"${DOCUMENT_FONT_FAMILY}";font-style:normal;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${base64}) format("woff2");unicode-range:${range};}`;
  }).join("\n");
  return cached;
}
