import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { INPUT_LIMITS } from "@ledgerline/domain";
import { createFileStore } from "@ledgerline/services";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { appRouter } from "./routers/app-router.ts";
import { contextFactory, type ApiDependencies } from "./trpc/context.ts";
import { allowedOrigins, checkTrpcRequest } from "./http/guard.ts";
import type { Refusal } from "./http/refusal.ts";
import { retryAfterWhenUnavailable, sendIfDatabaseUnavailable } from "./http/database-outage.ts";
import { handleHealth } from "./http/health.ts";
import { nestsDeeperThan, readRequestBody } from "./http/request-body.ts";
import { isRefusal, readRequestTarget } from "./http/request-target.ts";
import { staticFileHandler } from "./http/static-files.ts";
import { fileHandler } from "./http/uploads.ts";
import { recordPdfFileHandler } from "./http/record-pdf-files.ts";
import { createPurchaseOrderBatchQueue } from "./jobs/purchase-order-batches.ts";
import { createPdfJobQueue, queuePdfsOfIssuedRecords } from "./jobs/record-pdfs.ts";

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "content-security-policy":
    "default-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
} as const;

/**
 * A request body nests an input inside two levels of its own: the batch (`{"0": …}`) and the
 * call (`{"json": …, "meta": …}`); type annotations nest no deeper than that.
 */
const MAX_BODY_DEPTH = INPUT_LIMITS.maxDepth + 2;

function sendRefusal(res: ServerResponse, refusal: Refusal) {
  res.writeHead(refusal.status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message: refusal.message } }));
}

/**
 * The API's HTTP server: health endpoints, the tRPC endpoint under /trpc, file uploads and
 * downloads under /files, and (when WEB_DIST_DIR is set) the built web app, so one origin
 * serves the whole product.
 */
export function createApiServer(dependencies: ApiDependencies): Server {
  const deps = {
    ...dependencies,
    files: dependencies.files ?? createFileStore(dependencies.env.STORAGE_DIR),
    pdfJobs:
      dependencies.pdfJobs ?? createPdfJobQueue(dependencies.redis, dependencies.env.QUEUE_PREFIX),
    purchaseOrderBatchJobs:
      dependencies.purchaseOrderBatchJobs ??
      createPurchaseOrderBatchQueue(dependencies.redis, dependencies.env.QUEUE_PREFIX),
  };
  const { env, log } = deps;
  queuePdfsOfIssuedRecords(deps);
  const origins = allowedOrigins(env);
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: contextFactory(deps),
    maxBodySize: env.MAX_BODY_BYTES,
    // checkTrpcRequest refuses larger batches first, with a 413 that says so; this is a backstop.
    maxBatchSize: env.MAX_BATCH_SIZE,
    responseMeta: retryAfterWhenUnavailable,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        log.error({ err: error.cause ?? error, path }, "procedure failed");
    },
  });
  const serveFiles = fileHandler(deps, origins);
  const serveRecordPdfFiles = recordPdfFileHandler(deps);
  const serveStatic = env.WEB_DIST_DIR ? staticFileHandler(env.WEB_DIST_DIR) : null;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    // Once for every request: no handler after this meets a URL it cannot decode.
    const target = readRequestTarget(req);
    if (isRefusal(target)) return sendRefusal(res, target);
    if (await handleHealth(deps, req, res)) return;
    if (req.url?.startsWith("/trpc/")) {
      const refusal = checkTrpcRequest(req, target, env, origins);
      if (refusal) return sendRefusal(res, refusal);
      if (req.method === "POST") {
        const body = await readTrpcBody(req, env.MAX_BODY_BYTES);
        if (body === "aborted") return;
        if (typeof body !== "string") return sendRefusal(res, body);
        // tRPC takes a body read before it from `req.body`.
        (req as IncomingMessage & { body?: string }).body = body;
      }
      trpc(req, res);
      return;
    }
    if (await serveRecordPdfFiles(req, res)) return;
    if (await serveFiles(req, res)) return;
    if (serveStatic && (await serveStatic(req, res))) return;
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: "Not found" } }));
  };

  return createServer((req, res) => {
    const started = performance.now();
    const requestId = randomUUID();
    res.setHeader("x-request-id", requestId);
    res.on("finish", () => {
      const path = req.url?.split("?")[0];
      if (path === "/health" || path === "/ready") return;
      log.info(
        {
          requestId,
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          actor: (req as IncomingMessage & { actor?: string }).actor,
        },
        "request",
      );
    });
    handle(req, res).catch((error: unknown) => {
      if (sendIfDatabaseUnavailable(error, req, res)) return;
      log.error({ err: error, requestId }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Internal error" } }));
    });
  });
}

/**
 * A tRPC request's body, read here rather than by tRPC so its nesting is bounded before anything
 * parses it. An empty body is no input.
 */
async function readTrpcBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<string | Refusal | "aborted"> {
  const body = await readRequestBody(req, maxBytes);
  if (body === "aborted") return body;
  if (body === "too large") return tooLarge(maxBytes);
  const text = body.toString("utf8");
  if (text.trim() === "") return "{}";
  if (nestsDeeperThan(text, MAX_BODY_DEPTH)) {
    return {
      status: 400,
      message: `The request's input is nested too deeply (at most ${INPUT_LIMITS.maxDepth} levels).`,
    };
  }
  return text;
}

const tooLarge = (maxBytes: number): Refusal => ({
  status: 413,
  message: `A request body may be at most ${maxBytes} bytes.`,
});
