import type { PrintablePage } from "@ledgerline/documents";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import type { Logger } from "../logger.ts";

/**
 * Chromium as a PDF printer: one long-lived browser per worker process with a pool of pages,
 * inline assets only (fonts, logo and QR code are in the page, so nothing waits for the
 * network), a timeout per render, and a new browser after `recycleAfter` renders (Chromium's
 * memory creeps up over thousands of pages) or when it crashes. Launching a browser per PDF is
 * ten times slower (docs/performance.md).
 *
 * Each page is loaded once with what every document shares (`sharedCss`: the font faces, 160
 * kB); a render then only swaps the document's own part in (language, title, styles, body) and
 * prints. A fresh `setContent` of the whole page per PDF made Chromium parse and decode the fonts
 * every time, about a third of a PDF's CPU (docs/performance.md).
 */
export interface PdfRendererOptions {
  executablePath: string;
  /** The CSS every printed page shares, loaded once per browser page. */
  sharedCss: string;
  /** Pages rendering at once. */
  pages: number;
  /** Renders after which the browser is replaced (after its pages finish). */
  recycleAfter: number;
  /** One render (setContent + print) may take this long. */
  renderTimeoutMs: number;
  logger: Logger;
}

export interface PdfRenderer {
  /** Prints the page (an A4 page size comes from its CSS) to PDF bytes. */
  render(page: PrintablePage): Promise<Uint8Array>;
  /** Renders so far, browsers launched so far. */
  stats(): { renders: number; launches: number; activePages: number };
  close(): Promise<void>;
}

export class PdfRenderTimeoutError extends Error {
  override readonly name = "PdfRenderTimeoutError";
}

/** The flags Chromium needs in containers and CI (docs: ENVIRONMENT). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--font-render-hinting=none",
];

interface Generation {
  browser: Promise<Browser>;
  renders: number;
  active: number;
  idle: Page[];
  retired: boolean;
  crashed: boolean;
}

/** The page every render starts from: the shared CSS, an empty style and body for the document. */
const shellHtml = (sharedCss: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title></title><style>${sharedCss}</style><style id="printable-page-css"></style></head><body></body></html>`;

/**
 * Puts a document into a shell page and resolves once it can be printed: its fonts loaded (a
 * face of a Unicode range the page has not used yet loads now) and its images loaded (their load
 * events, not `decode()`, which waits for a rendering opportunity a background page may not get).
 * Text, not a function, so that no transpiler helper ends up in the browser; the document goes in
 * as JSON (a JavaScript literal).
 */
const FILL_PAGE = `(async (page) => {
  document.documentElement.lang = page.language;
  document.title = page.title;
  document.getElementById("printable-page-css").textContent = page.css;
  document.body.innerHTML = page.body;
  await document.fonts.ready;
  await Promise.all(Array.from(document.images, (image) => image.complete ? undefined : new Promise((loaded) => {
    image.addEventListener("load", loaded, { once: true });
    image.addEventListener("error", loaded, { once: true });
  })));
})`;

export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  const { logger } = options;
  const shell = shellHtml(options.sharedCss);
  /** Pages that hold the shell (a page is only ever reused after a render that succeeded). */
  const prepared = new WeakSet<Page>();
  let current: Generation | undefined;
  let activeTotal = 0;
  let renders = 0;
  let launches = 0;
  let closed = false;
  const waiters: (() => void)[] = [];

  const launch = (): Generation => {
    launches += 1;
    const generation: Generation = {
      browser: puppeteer.launch({
        executablePath: options.executablePath,
        // Chromium's headless shell: no browser UI at all, the fastest to print.
        headless: "shell",
        args: CHROMIUM_ARGS,
        // The worker's own SIGTERM handling closes the browser; Chromium must not get it first.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      }),
      renders: 0,
      active: 0,
      idle: [],
      retired: false,
      crashed: false,
    };
    generation.browser.then(
      (browser) =>
        browser.on("disconnected", () => {
          if (generation.retired) return;
          generation.crashed = true;
          generation.retired = true;
          if (current === generation) current = undefined;
          logger.warn("Chromium went away: the next render starts a new browser");
        }),
      () => {
        generation.crashed = true;
        generation.retired = true;
        if (current === generation) current = undefined;
      },
    );
    return generation;
  };

  const closeBrowser = (generation: Generation) => {
    void generation.browser
      .then((browser) => (browser.connected ? browser.close() : undefined))
      .catch((error: unknown) => logger.warn({ err: error }, "could not close a retired Chromium"));
  };

  const retire = (generation: Generation, reason: string) => {
    if (generation.retired) return;
    generation.retired = true;
    if (current === generation) current = undefined;
    logger.info({ renders: generation.renders, reason }, "replacing Chromium");
    for (const page of generation.idle.splice(0)) void page.close().catch(() => undefined);
    if (generation.active === 0) closeBrowser(generation);
  };

  const acquire = async (): Promise<{ generation: Generation; page: Page }> => {
    while (activeTotal >= options.pages) {
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    if (closed) throw new Error("The PDF renderer is closed.");
    activeTotal += 1;
    current ??= launch();
    const generation = current;
    generation.active += 1;
    try {
      const page = generation.idle.pop() ?? (await (await generation.browser).newPage());
      return { generation, page };
    } catch (error) {
      release(generation, undefined, false);
      if (!generation.retired) retire(generation, "could not open a page");
      throw error;
    }
  };

  function release(generation: Generation, page: Page | undefined, reusable: boolean) {
    generation.active -= 1;
    activeTotal -= 1;
    if (page) {
      if (reusable && !generation.retired) generation.idle.push(page);
      else void page.close().catch(() => undefined);
    }
    if (generation.retired && generation.active === 0 && !generation.crashed)
      closeBrowser(generation);
    waiters.shift()?.();
  }

  const print = async (page: Page, printable: PrintablePage): Promise<Uint8Array> => {
    if (!prepared.has(page)) {
      await page.setContent(shell, { waitUntil: "load", timeout: options.renderTimeoutMs });
      prepared.add(page);
    }
    await page.evaluate(`${FILL_PAGE}(${JSON.stringify(printable)})`);
    return page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      timeout: options.renderTimeoutMs,
    });
  };

  const renderOnce = async (printable: PrintablePage): Promise<Uint8Array> => {
    const { generation, page } = await acquire();
    let timer: NodeJS.Timeout | undefined;
    let reusable = false;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new PdfRenderTimeoutError(
                `Rendering took longer than ${options.renderTimeoutMs} ms.`,
              ),
            ),
          options.renderTimeoutMs,
        );
      });
      const bytes = await Promise.race([print(page, printable), timeout]);
      reusable = true;
      return bytes;
    } finally {
      clearTimeout(timer);
      generation.renders += 1;
      renders += 1;
      // A page that timed out or failed may be stuck: it is closed, never reused.
      release(generation, page, reusable);
      if (generation.renders >= options.recycleAfter) retire(generation, "render limit reached");
    }
  };

  return {
    async render(printable) {
      try {
        return await renderOnce(printable);
      } catch (error) {
        // A browser that crashed under this render: once more on a fresh one, then give up
        // (the job's retries with backoff take over).
        if (error instanceof PdfRenderTimeoutError || closed || !isBrowserGone(error)) throw error;
        logger.warn({ err: error }, "render failed because Chromium went away; trying once more");
        return renderOnce(printable);
      }
    },
    stats: () => ({ renders, launches, activePages: activeTotal }),
    async close() {
      closed = true;
      const generation = current;
      current = undefined;
      for (const waiter of waiters.splice(0)) waiter();
      if (generation) {
        generation.retired = true;
        const browser = await generation.browser.catch(() => undefined);
        await browser?.close().catch(() => undefined);
      }
    },
  };
}

/** Errors puppeteer throws when the browser or its page has gone away under a render. */
function isBrowserGone(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Target closed|Session closed|Connection closed|browser has disconnected|Protocol error|detached/i.test(
    message,
  );
}
