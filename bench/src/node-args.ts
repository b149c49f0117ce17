/**
 * Extra Node.js flags for the processes a bench starts, to profile them: BENCH_API_NODE_ARGS
 * and BENCH_WORKER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (Node refuses
 * --cpu-prof in NODE_OPTIONS). The profile is written when the process exits.
 */
export const benchNodeArgs = (process: "api" | "worker"): string[] =>
  globalThis.process.env[`BENCH_${process.toUpperCase()}_NODE_ARGS`]?.split(" ").filter(Boolean) ??
  [];
