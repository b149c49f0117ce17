import type { AppRouter } from "@ledgerline/api";
import { transformer, type AppMessage } from "@ledgerline/domain";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { createTRPCContext } from "@trpc/tanstack-react-query";

/**
 * The typed API client. Only the router's *type* comes from @ledgerline/api; values from an
 * app are never imported. The wire format is the domain's transformer (SuperJSON + Decimal),
 * the same one the server uses, so amounts arrive as Decimal and dates as Date.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** The API's batch limit is 20 calls (MAX_BATCH_SIZE); stay well below it. */
const MAX_BATCH_ITEMS = 10;

export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: "/trpc",
        transformer,
        maxItems: MAX_BATCH_ITEMS,
        // Long search inputs would make a GET URL too long; tRPC then splits the batch.
        maxURLLength: 2000,
        // Queries go out as GET and mutations as POST with a JSON body (the API's Origin check
        // and JSON-only rule apply to the latter); the session cookie travels with both.
        fetch: (url, options) =>
          fetch(url, { ...(options as RequestInit), credentials: "include" }),
      }),
    ],
  });
}

export type ApiError = TRPCClientError<AppRouter>;

export const isApiError = (error: unknown): error is ApiError => error instanceof TRPCClientError;

/** The tRPC error code ("UNAUTHORIZED", "CONFLICT" …), or null for network failures. */
export const errorCodeOf = (error: unknown): string | null =>
  isApiError(error) ? (error.data?.code ?? null) : null;

/** Per-field messages from the API (keyed by path such as `email` or `contacts.0.email`). */
export function serverFieldErrorsOf(error: unknown): Record<string, string[]> | null {
  if (!isApiError(error)) return null;
  const fieldErrors = error.data?.fieldErrors;
  return fieldErrors && Object.keys(fieldErrors).length > 0 ? fieldErrors : null;
}

/** What the server said, by key with its parameters (AppError), to be worded in the UI's language. */
export function serverMessageOf(error: unknown): AppMessage | null {
  return isApiError(error) ? (error.data?.message ?? null) : null;
}

/** The refusal's details (`AppError.details`: the ids and figures it names), or null. */
export function serverDetailsOf(error: unknown): Record<string, unknown> | null {
  return isApiError(error)
    ? ((error.data?.details as Record<string, unknown> | null) ?? null)
    : null;
}

/** The field errors by key, beside the English ones of `serverFieldErrorsOf`. */
export function serverFieldMessagesOf(error: unknown): Record<string, AppMessage[]> | null {
  if (!isApiError(error)) return null;
  const fieldMessages = error.data?.fieldMessages;
  return fieldMessages && Object.keys(fieldMessages).length > 0 ? fieldMessages : null;
}

/** True for an answer the server gave on purpose (4xx); only other failures are worth a retry. */
function isClientFault(error: unknown): boolean {
  const status = isApiError(error) ? error.data?.httpStatus : undefined;
  return status !== undefined && status >= 400 && status < 500;
}

// ------------------------------------------------------------------------ signed out by the API

const unauthorizedListeners = new Set<() => void>();

/** Called whenever the API says the session is gone (expired, signed out elsewhere, role changed). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function reportUnauthorized(error: unknown): void {
  if (!isApiError(error) || error.data?.code !== "UNAUTHORIZED") return;
  // A wrong password is UNAUTHORIZED too, but that belongs to the sign-in form.
  if (error.data.path === "auth.signIn") return;
  for (const listener of unauthorizedListeners) listener();
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: reportUnauthorized }),
    mutationCache: new MutationCache({ onError: reportUnauthorized }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => !isClientFault(error) && failureCount < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
