import { englishOf, messageOfSentence, type AppMessage } from "./messages.ts";

/**
 * The one application error. Use cases throw it; the API maps `code` to a tRPC/HTTP error in
 * exactly one place (apps/api/src/trpc/init.ts). It says what went wrong twice: as an English
 * sentence (`message`, for API clients and logs) and as a key with parameters from the
 * registry in messages.ts (`appMessage`), which the web shows in the person's language.
 * `fieldErrors` carries per-field messages so forms can show them inline; `fieldMessages` the
 * same by key.
 */
export const APP_ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_TRANSITION",
  "TOO_MANY_REQUESTS",
  "PAYLOAD_TOO_LARGE",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/**
 * The name API clients see for each code (`data.name` in the API's error answers), as seed 004
 * names its errors: a refused status move is an `InvalidStatusTransitionError`, whose details
 * carry the current `status` and the moves `allowed` from it.
 */
export const APP_ERROR_NAMES: Readonly<Record<AppErrorCode, string>> = {
  BAD_REQUEST: "ValidationError",
  UNAUTHORIZED: "AuthenticationError",
  FORBIDDEN: "PermissionDeniedError",
  NOT_FOUND: "NotFoundError",
  CONFLICT: "ConflictError",
  INVALID_TRANSITION: "InvalidStatusTransitionError",
  TOO_MANY_REQUESTS: "TooManyRequestsError",
  PAYLOAD_TOO_LARGE: "PayloadTooLargeError",
};

export type FieldErrors = Record<string, string[]>;
export type FieldMessages = Record<string, AppMessage[]>;

/** A field's message: by key, or a sentence a rule wrote (matched to its key when it has one). */
export type FieldMessageInput = AppMessage | string;

export interface AppErrorOptions {
  /** The English sentence when it says more than the template (the API's wording stays). */
  english?: string;
  fieldErrors?: Record<string, readonly FieldMessageInput[]>;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * What every refused status move carries (seed 004's `InvalidStatusTransitionError`): the record's
 * current `status` and the moves `allowed` from it (actions or statuses, as the refusing machine
 * names them; empty when nothing may move it). The compiler holds every refusal to it.
 */
export interface TransitionDetails extends Record<string, unknown> {
  status: string;
  allowed: readonly string[];
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly appMessage: AppMessage;
  readonly fieldErrors: FieldErrors | undefined;
  readonly fieldMessages: FieldMessages | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: "INVALID_TRANSITION",
    message: AppMessage,
    options: AppErrorOptions & { details: TransitionDetails },
  );
  constructor(
    code: Exclude<AppErrorCode, "INVALID_TRANSITION">,
    message: AppMessage,
    options?: AppErrorOptions,
  );
  constructor(code: AppErrorCode, message: AppMessage, options: AppErrorOptions = {}) {
    const english = options.english ?? englishOf(message);
    super(english, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.appMessage = message;
    this.details = options.details;
    if (options.fieldErrors) {
      const fieldErrors: FieldErrors = {};
      const fieldMessages: FieldMessages = {};
      for (const [path, entries] of Object.entries(options.fieldErrors)) {
        fieldErrors[path] = entries.map((entry) =>
          typeof entry === "string" ? entry : entry === message ? english : englishOf(entry),
        );
        fieldMessages[path] = entries.map((entry) =>
          typeof entry === "string" ? messageOfSentence(entry) : entry,
        );
      }
      this.fieldErrors = fieldErrors;
      this.fieldMessages = fieldMessages;
    } else {
      this.fieldErrors = undefined;
      this.fieldMessages = undefined;
    }
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/**
 * The same refusal with its field errors under other paths (a nested input's fields): code,
 * message and details as they were, so a transition refusal keeps its status and allowed moves.
 */
export function withFieldErrors(
  error: AppError,
  fieldErrors: Record<string, readonly FieldMessageInput[]>,
): AppError {
  // The overloads hold each new refusal to its details; this one only copies what an AppError
  // already carried, so it constructs through the implementation's signature.
  const Rewrapped = AppError as unknown as new (
    code: AppErrorCode,
    message: AppMessage,
    options: AppErrorOptions,
  ) => AppError;
  return new Rewrapped(error.code, error.appMessage, {
    english: error.message,
    fieldErrors,
    details: error.details,
    cause: error,
  });
}

/**
 * Refuses with the messages gathered per field, if any: BAD_REQUEST whose own message is the
 * first field's (a form shows each on its field, an API client reads the first).
 */
export function assertNoFieldErrors(
  fieldErrors: Record<string, readonly FieldMessageInput[]>,
): void {
  const first = Object.values(fieldErrors).flat()[0];
  if (first === undefined) return;
  throw new AppError("BAD_REQUEST", typeof first === "string" ? messageOfSentence(first) : first, {
    fieldErrors,
  });
}
