import { databaseRefusalOf, LEDGERLINE_SQLSTATE, Prisma } from "@ledgerline/db";
import {
  APP_ERROR_NAMES,
  AppError,
  appMessage,
  findInputProblems,
  isAppError,
  messageOfIssue,
  requestTransformer,
  transformer,
  type AppErrorCode,
  type FieldMessageInput,
  type Permission,
} from "@ledgerline/domain";
import { initTRPC, TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { z } from "zod";
import { surviveLostConnections } from "../http/database-outage.ts";
import type { Context } from "./context.ts";

/**
 * Every procedure says who may call it, read by the access middleware and by the test that
 * walks every procedure against every role.
 */
export type ProcedureMeta =
  | { access: "public" }
  | { access: "authenticated" }
  | { access: "permission"; permission: Permission };

const TRPC_CODE: Record<AppErrorCode, TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_TRANSITION: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
};

/**
 * The HTTP status of a refusal: the one tRPC answers for the code it becomes, so the file
 * endpoints outside tRPC (http/uploads.ts, http/record-pdf-files.ts) answer it alike.
 */
export const httpStatusOf = (code: AppErrorCode): number =>
  getHTTPStatusCodeFromError(new TRPCError({ code: TRPC_CODE[code] }));

/** A zod error's messages per path, by key (the English sentence stays the schema's own). */
const fieldErrorsOf = (
  error: z.ZodError,
): { english: FieldErrors; byKey: Record<string, FieldMessageInput[]> } => {
  const english: Record<string, string[]> = {};
  const byKey: Record<string, FieldMessageInput[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "_";
    (english[path] ??= []).push(issue.message);
    (byKey[path] ??= []).push(messageOfIssue(issue));
  }
  return { english, byKey };
};

type FieldErrors = Record<string, string[]>;

/** A trigger's DETAIL (JSON) as error details; anything else is left out. */
function detailsOf(detail: string | undefined): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(detail ?? "");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The one place where errors become tRPC errors: AppError by its code, zod errors as
 * BAD_REQUEST with field errors, the database's own refusals as conflicts. Anything else stays
 * an internal error whose message is not shown to the caller.
 */
export function toAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (error instanceof z.ZodError) {
    const { english, byKey } = fieldErrorsOf(error);
    const refusal = new AppError("BAD_REQUEST", appMessage("request.invalidFields"), {
      fieldErrors: byKey,
    });
    // API clients keep the schema's own sentences; the keys carry the same per field.
    return Object.assign(refusal, { fieldErrors: english });
  }
  const refusal = databaseRefusalOf(error);
  if (refusal?.code === LEDGERLINE_SQLSTATE.issuedDocumentChange) {
    // The database's immutability triggers (GoBD): the use cases refuse first, this is the net.
    return new AppError("CONFLICT", appMessage("issuedDocument.changed"), {
      details: detailsOf(refusal.detail),
    });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return new AppError("CONFLICT", appMessage("record.duplicate"));
    if (error.code === "P2003")
      return new AppError("CONFLICT", appMessage("record.stillReferenced"));
    if (error.code === "P2025") return new AppError("NOT_FOUND", appMessage("record.gone"));
  }
  return null;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Inputs are read within bounds (requestTransformer); answers are written as clients read them.
    transformer: { input: requestTransformer, output: transformer },
    errorFormatter({ shape, error }) {
      const appError = toAppError(error.cause);
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        // Internal errors are logged with their cause; the caller gets no stack or SQL.
        message: internal ? "Something went wrong on our side. Please try again." : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode: appError?.code ?? null,
          // `InvalidStatusTransitionError` for a refused move, and so on (APP_ERROR_NAMES).
          name: appError ? APP_ERROR_NAMES[appError.code] : null,
          fieldErrors: appError?.fieldErrors ?? null,
          // The same by key, for clients that say it in their person's language (the web).
          message: appError?.appMessage ?? null,
          fieldMessages: appError?.fieldMessages ?? null,
          details: appError?.details ?? null,
        },
      };
    },
  });

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const appError = toAppError(result.error.cause);
    if (appError) {
      throw new TRPCError({
        code: TRPC_CODE[appError.code],
        message: appError.message,
        cause: appError,
      });
    }
  }
  return result;
});

/**
 * Every input, before any procedure (or its access check) sees it, is held to the limits in
 * @ledgerline/domain's input-limits.ts: nesting, array lengths, keys, string lengths, and text
 * PostgreSQL can store (no NUL, no lone surrogate), in any field, known to the procedure or not.
 * One bounded walk, so the schemas after it and the SQL after them only meet bounded values, and
 * a refusal names the paths of what broke the limits, as a schema's field errors do.
 */
const boundInput = t.middleware(async ({ getRawInput, next }) => {
  const problems = findInputProblems(await getRawInput());
  const paths = Object.keys(problems);
  if (paths.length > 0) {
    const [path] = paths;
    throw new AppError(
      "BAD_REQUEST",
      appMessage("request.invalidField", { path: path!, problem: problems[path!]![0]! }),
      { fieldErrors: problems },
    );
  }
  return next();
});

/** A lost database connection: queries run once more, mutations answer 503 (database-outage.ts). */
const lostConnections = t.middleware(({ ctx, type, path, next }) =>
  surviveLostConnections({ type, path, log: ctx.log, next }),
);

export const baseProcedure = t.procedure.use(mapErrors).use(boundInput).use(lostConnections);
