import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { printablePageSharedCss, renderDocument } from "@ledgerline/documents";
import { SAMPLE_LOGO_DATA_URL, sampleDocumentView } from "@ledgerline/documents/testing";
import { pino } from "pino";
import puppeteer from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, createPdfRenderer, type PdfRenderer } from "./pdf-renderer.ts";

/**
 * The renderer keeps its pages and swaps only each document's own part in (its fonts stay
 * loaded). These tests print several different documents one after another on a single page and
 * read each PDF back: nothing of the document before may remain in the next one, and each looks
 * exactly as the same document's whole HTML printed by a fresh page.
 */
const run = promisify(execFile);
let renderer: PdfRenderer;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ledgerline-renderer-"));
  renderer = createPdfRenderer({
    executablePath: "/usr/bin/chromium",
    sharedCss: printablePageSharedCss(),
    pages: 1,
    recycleAfter: 1_000,
    renderTimeoutMs: 20_000,
    logger: pino({ level: "silent" }),
  });
});

afterAll(async () => {
  await renderer.close();
  await rm(dir, { recursive: true, force: true });
});

/** Page one as pixels (pdftoppm), to compare two PDFs by what a person sees. */
async function pixels(file: string): Promise<Buffer> {
  await run("pdftoppm", ["-r", "50", "-png", "-singlefile", file, file]);
  return readFile(`${file}.png`);
}

async function print(name: string, view: ReturnType<typeof sampleDocumentView>) {
  const { page, html } = await renderDocument(view);
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, await renderer.render(page));
  // The same document as one whole page in a browser of its own: what the renderer must match.
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: "shell",
    args: CHROMIUM_ARGS,
  });
  const fresh = join(dir, `${name}-fresh.pdf`);
  try {
    const tab = await browser.newPage();
    await tab.setContent(html, { waitUntil: "load" });
    await tab.evaluate("document.fonts.ready.then(() => undefined)");
    await writeFile(fresh, await tab.pdf({ preferCSSPageSize: true, printBackground: true }));
  } finally {
    await browser.close();
  }
  const [{ stdout: text }, { stdout: info }, { stdout: fonts }, seen, expected] = await Promise.all(
    [
      run("pdftotext", ["-layout", file, "-"]),
      run("pdfinfo", [file]),
      run("pdffonts", [file]),
      pixels(file),
      pixels(fresh),
    ],
  );
  return {
    text,
    title: /^Title:\s+(.*)$/m.exec(info)?.[1],
    fonts,
    looksAsFresh: seen.equals(expected),
  };
}

describe("a PDF renderer page reused for the next document", () => {
  it("prints each document alone: language, title, watermark, logo and fonts of its own", async () => {
    const draft = await print("draft", {
      ...sampleDocumentView({ language: "de", number: null, watermark: "ENTWURF" }),
      company: { ...sampleDocumentView().company, logoDataUrl: SAMPLE_LOGO_DATA_URL },
    });
    expect(draft.text).toContain("Seite 1 von 1");
    expect(draft.title).toBe("RECHNUNG Entwurf");
    // Watermark (rotated, not in the text layer) and logo are compared as pixels.
    expect(draft.looksAsFresh).toBe(true);

    const english = await print(
      "english",
      sampleDocumentView({ language: "en", kind: "credit_note", number: "GS-2026-0007" }),
    );
    expect(english.text).not.toContain("Seite");
    expect(english.text).toContain("Page 1 of 1");
    expect(english.text).toContain("GS-2026-0007");
    expect(english.title).toBe("CREDIT NOTE GS-2026-0007");
    // The typeface the page loaded once is the one every later document prints in.
    expect(english.fonts).toContain("Inter-Regular");
    expect(english.fonts).toContain("Inter-SemiBold");
    // No watermark, no logo, the credit note's colour: as a fresh page prints it.
    expect(english.looksAsFresh).toBe(true);

    const second = await print(
      "second-german",
      sampleDocumentView({ customer: { ...sampleDocumentView().customer, name: "Zweite GmbH" } }),
    );
    expect(second.text).toContain("Zweite GmbH");
    expect(second.text).not.toContain("GS-2026-0007");
    expect(second.looksAsFresh).toBe(true);
    expect(renderer.stats().launches).toBe(1);
  });
});
