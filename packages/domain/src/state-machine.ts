import { AppError } from "./errors.ts";
import {
  appMessage,
  listParam,
  termParam,
  type AppMessageParam,
  type AppMessageTerm,
} from "./messages.ts";

/**
 * A status machine as a table of allowed moves. `assertMove` refuses a move that is not in the
 * table with an error that names the moves that are allowed from the current status.
 */
export interface StateMachine<S extends string> {
  readonly name: string;
  readonly moves: Readonly<Record<S, readonly S[]>>;
  allowedFrom(status: S): readonly S[];
  canMove(from: S, to: S): boolean;
  assertMove(from: S, to: S): void;
}

export function defineStateMachine<S extends string>(
  name: string,
  moves: Readonly<Record<S, readonly S[]>>,
  /** How a refusal names the record and its statuses in the UI's language (messages.ts). */
  terms: { record: AppMessageParam; status: AppMessageTerm },
): StateMachine<S> {
  const allowedFrom = (status: S) => moves[status] ?? [];
  return {
    name,
    moves,
    allowedFrom,
    canMove: (from, to) => allowedFrom(from).includes(to),
    assertMove(from, to) {
      const allowed = allowedFrom(from);
      if (allowed.includes(to)) return;
      const list = allowed.length > 0 ? allowed.join(", ") : "none (final status)";
      throw new AppError(
        "INVALID_TRANSITION",
        appMessage(allowed.length > 0 ? "state.cannotMove" : "state.cannotMoveFinal", {
          record: terms.record,
          from: termParam(terms.status, from),
          to: termParam(terms.status, to),
          allowed: listParam(allowed.map((status) => termParam(terms.status, status))),
        }),
        {
          english: `Cannot move this ${name} from "${from}" to "${to}". Allowed from "${from}": ${list}.`,
          details: { status: from, from, to, allowed: [...allowed] },
        },
      );
    },
  };
}
