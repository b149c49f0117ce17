import type { IncomingMessage, Server, ServerResponse } from "node:http";

export interface GracefulStop {
  /** True from the moment `drain` is called (readiness answers 503 from then on). */
  readonly draining: boolean;
  /**
   * Stops accepting connections, closes idle keep-alive connections at once, lets the requests
   * in flight finish (each answered with `Connection: close`, so the client does not send
   * another on that connection), and resolves when the last connection has closed: "drained",
   * or "timed out" after `timeoutMs`, when the remaining connections have been cut.
   */
  drain(timeoutMs: number): Promise<"drained" | "timed out">;
}

/** How often, while draining, connections that became idle are closed. */
const IDLE_SWEEP_MS = 100;

/**
 * The API's stop under load. `server.close()` alone waits for every keep-alive connection: a
 * client that keeps sending requests keeps its connection busy, so the close never completed
 * and the process was killed with requests in flight. Here every response that starts after
 * the stop began says `Connection: close` (Node then closes the socket after it), and
 * connections that fall idle are closed, so draining takes as long as the slowest request.
 *
 * Call it before the server handles its first request: it tracks the responses in flight.
 */
export function gracefulStop(server: Server): GracefulStop {
  const inFlight = new Set<ServerResponse>();
  let draining = false;

  const closeAfterThisResponse = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader("connection", "close");
  };

  // Runs before the app's own request handler, so even a response written at once carries it.
  server.prependListener("request", (_req: IncomingMessage, res: ServerResponse) => {
    if (draining) closeAfterThisResponse(res);
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
  });

  return {
    get draining() {
      return draining;
    },
    async drain(timeoutMs) {
      draining = true;
      inFlight.forEach(closeAfterThisResponse);
      const closed = new Promise<"drained">((resolve) => server.close(() => resolve("drained")));
      server.closeIdleConnections();
      // A response whose headers went out before the stop still said keep-alive: close its
      // connection as soon as it falls idle.
      const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timed out">((resolve) => {
        timer = setTimeout(() => resolve("timed out"), timeoutMs);
      });
      try {
        const outcome = await Promise.race([closed, timedOut]);
        if (outcome === "timed out") server.closeAllConnections();
        return outcome;
      } finally {
        clearInterval(sweep);
        clearTimeout(timer);
      }
    },
  };
}
