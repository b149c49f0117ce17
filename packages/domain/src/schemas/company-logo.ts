/** The company logo printed on every document: a PNG, JPEG or SVG file. */
export const LOGO_MIME_TYPES = ["image/png", "image/jpeg", "image/svg+xml"] as const;
export type LogoMimeType = (typeof LOGO_MIME_TYPES)[number];

/**
 * 512 KiB: a logo is inlined into every rendered document (base64), so a large one slows every
 * PDF; a crisp print logo is a few kilobytes as SVG and well under this as PNG.
 */
export const MAX_LOGO_BYTES = 512 * 1024;

export const isLogoMimeType = (value: string): value is LogoMimeType =>
  (LOGO_MIME_TYPES as readonly string[]).includes(value);

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
/** An SVG: an optional XML declaration, comments and doctype, then the `<svg` element. */
const SVG_START =
  /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i;

/**
 * True when the file's content is what its declared type says (the first bytes for PNG and
 * JPEG, the root element for SVG): the declared type alone is the client's claim.
 */
export function logoContentMatches(mimeType: LogoMimeType, bytes: Uint8Array): boolean {
  const startsWith = (magic: number[]) =>
    bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
  if (mimeType === "image/png") return startsWith(PNG_MAGIC);
  if (mimeType === "image/jpeg") return startsWith(JPEG_MAGIC);
  // The markup before the root element is ASCII; read byte by byte (after a UTF-8 BOM), which
  // needs no text decoder (this package has no platform APIs).
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = String.fromCharCode(...bytes.subarray(start, start + 4096));
  return SVG_START.test(head);
}
