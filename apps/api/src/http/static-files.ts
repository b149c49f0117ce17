import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { isRefusal, readRequestTarget } from "./request-target.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/**
 * Serves the built web app: hashed assets are cached for a year, everything else is
 * revalidated, and unknown paths get index.html so the app's own router can show them.
 */
export function staticFileHandler(rootDir: string) {
  const root = resolve(rootDir);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    // app.ts has refused a URL that does not decode; this handler never decodes one itself.
    const target = readRequestTarget(req);
    if (isRefusal(target)) return false;
    const pathname = target.path;
    const candidate = normalize(join(root, pathname));
    if (candidate !== root && !candidate.startsWith(root + sep)) return false;

    let file = candidate;
    let info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      // Only page navigations fall back to the app; a missing script stays a 404.
      if (extname(pathname) !== "") return false;
      file = join(root, "index.html");
      info = await stat(file).catch(() => null);
      if (!info?.isFile()) return false;
    }
    const immutable = file.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": info.size,
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
    return true;
  };
}
