import type { IncomingMessage } from "node:http";

/**
 * The body, up to `limit` bytes. Past the limit it stops keeping data but goes on reading (and
 * dropping) it, so the caller can answer 413 and the client, still sending, gets to read it.
 */
export function readRequestBody(
  req: IncomingMessage,
  limit: number,
): Promise<Buffer | "too large" | "aborted"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        resolve("too large");
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? "too large" : Buffer.concat(chunks, size)));
    req.on("close", () => resolve("aborted"));
    req.on("error", reject);
  });
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when JSON text nests objects and arrays deeper than `maxDepth`, found by one pass over its
 * characters without parsing it: parsing 1 MiB of `[[[[…` takes a tenth of a second, twenty
 * times as long as a flat body of the same size.
 */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return false;
}
