import type { IncomingMessage } from "node:http";
import { textProblem } from "@ledgerline/domain";
import type { Refusal } from "./refusal.ts";

/** A request's URL, and its path with the percent-encoding decoded. */
export interface RequestTarget {
  url: URL;
  path: string;
}

/**
 * The request's URL, or a 400 when it cannot be read: a path whose percent-encoding is broken
 * (`/%E0%A4%A`) or decodes to a NUL. Checked once for every request, before any handler decodes
 * the path itself.
 */
export function readRequestTarget(req: IncomingMessage): RequestTarget | Refusal {
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://localhost");
  } catch {
    return { status: 400, message: "The request's URL is not valid." };
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, message: "The URL's path has a malformed percent-encoding." };
  }
  const problem = textProblem(path);
  if (problem) return { status: 400, message: `The URL's path is not valid. ${problem}` };
  return { url, path };
}

export const isRefusal = (value: RequestTarget | Refusal): value is Refusal => "status" in value;
