import SuperJSON from "superjson";
import { AppError } from "./errors.ts";
import { appMessage } from "./messages.ts";
import { DECIMAL_LIMITS, INPUT_LIMITS, readWireDecimal } from "./input-limits.ts";
import { isDecimal, type Decimal } from "./money.ts";
import { isPlainObject } from "./plain-object.ts";

/**
 * The wire format of the tRPC API: SuperJSON (Dates stay Dates) plus Decimal as its exact
 * string, so an amount never passes through a JavaScript float between server and browser.
 * A decimal beyond DECIMAL_LIMITS is refused as it is read (a bad request), before decimal.js
 * could spend seconds writing out a number such as `1e30000000`.
 */
export const transformer = new SuperJSON();
transformer.registerCustom<Decimal, string>(
  {
    isApplicable: (value): value is Decimal => isDecimal(value),
    serialize: (value) => value.toString(),
    deserialize: (value) => {
      const decimal = readWireDecimal(value);
      if (decimal) return decimal;
      throw new AppError(
        "BAD_REQUEST",
        appMessage("request.invalidDecimal", {
          digits: DECIMAL_LIMITS.maxSignificantDigits,
          exponent: DECIMAL_LIMITS.maxExponent,
        }),
      );
    },
  },
  "decimal",
);

/** What a request's input is written in: `{ json, meta }`, as `transformer.serialize` makes it. */
interface WirePayload {
  json?: unknown;
  meta?: { values?: unknown; referentialEqualities?: unknown; v?: unknown };
}

/**
 * The API reads request inputs with this: the same format as `transformer`, but first the type
 * annotations are held to what inputs use and what SuperJSON reads in bounded time. SuperJSON
 * follows them recursively and without limits: a deeply nested annotation ran out of stack, one
 * naming `lines.99999999` grew an array of a hundred million empty places, a BigInt of a million
 * digits took a sixth of a second to read. Responses are written with `transformer` unchanged.
 */
export const requestTransformer = {
  serialize: (value: unknown) => transformer.serialize(value),
  deserialize: (payload: unknown): unknown => {
    checkWirePayload(payload);
    return transformer.deserialize(payload as Parameters<typeof transformer.deserialize>[0]);
  },
};

/** The annotations an input may carry: no Map, Set, RegExp, Error, class or symbol. */
const INPUT_ANNOTATIONS = new Set(["undefined", "number", "Date", "bigint", "custom:decimal"]);
/** int8 holds at most 19 digits and a sign. */
const MAX_BIGINT_TEXT_LENGTH = 20;
/** An ISO date-time is 24 characters (27 with a 6-digit year). */
const MAX_ANNOTATED_TEXT_LENGTH = 64;

const refuse = (message: string): never => {
  throw new AppError("BAD_REQUEST", appMessage("request.notAccepted", { problem: message }));
};

function checkWirePayload(payload: unknown): asserts payload is WirePayload {
  if (!isPlainObject(payload)) refuse("send it as { json, meta } (the API's wire format).");
  const { json, meta } = payload as WirePayload;
  if (meta === undefined) return;
  if (!isPlainObject(meta)) refuse("its meta is not an object.");
  // SuperJSON reads paths the old way (dots never escaped) unless the payload says version 1.
  const legacyPaths = ((meta.v ?? 0) as number) < 1;
  let annotations = 0;
  const count = () => {
    annotations += 1;
    if (annotations > INPUT_LIMITS.maxValues) refuse("it carries too many type annotations.");
  };

  const { values, referentialEqualities } = meta;
  if (Array.isArray(values)) {
    count();
    checkAnnotation(values, json);
  } else if (isPlainObject(values)) {
    for (const [path, annotation] of Object.entries(values)) {
      count();
      checkAnnotation(annotation, valueAt(json, path, legacyPaths));
    }
  } else if (values !== undefined) {
    refuse("its type annotations are not readable.");
  }

  if (referentialEqualities === undefined) return;
  // { path: [paths that are the same object] }, or [rootPaths] / [rootPaths, { path: [paths] }].
  const groups: unknown[] = [];
  if (Array.isArray(referentialEqualities)) {
    const [rootPaths, others, ...rest] = referentialEqualities as unknown[];
    if (rest.length > 0 || !Array.isArray(rootPaths)) refuse("its references are not readable.");
    groups.push(["", rootPaths]);
    if (others !== undefined) {
      if (!isPlainObject(others)) refuse("its references are not readable.");
      groups.push(...Object.entries(others as Record<string, unknown>));
    }
  } else if (isPlainObject(referentialEqualities)) {
    groups.push(...Object.entries(referentialEqualities));
  } else {
    refuse("its references are not readable.");
  }
  for (const group of groups) {
    const [path, samePaths] = group as [string, unknown];
    if (path !== "") valueAt(json, path, legacyPaths);
    if (!Array.isArray(samePaths)) refuse("its references are not readable.");
    for (const samePath of samePaths as unknown[]) {
      count();
      if (typeof samePath !== "string") refuse("its references are not readable.");
      valueAt(json, samePath as string, legacyPaths);
    }
  }
}

/** An annotation is `[type]`; SuperJSON also reads `[type, children]`, which inputs never need. */
function checkAnnotation(annotation: unknown, value: unknown) {
  if (!Array.isArray(annotation) || annotation.length !== 1)
    refuse("a type annotation is not readable.");
  const [type] = annotation as unknown[];
  const name = Array.isArray(type) ? type.join(":") : type;
  if (typeof name !== "string" || !INPUT_ANNOTATIONS.has(name)) {
    refuse(`inputs carry no values of type ${JSON.stringify(name).slice(0, 40)}.`);
  }
  if (name === "undefined") return;
  if (typeof value !== "string") refuse(`a value of type ${name} is not written as text.`);
  const limit = name === "bigint" ? MAX_BIGINT_TEXT_LENGTH : MAX_ANNOTATED_TEXT_LENGTH;
  if ((value as string).length > limit) refuse(`a value of type ${name} is too long.`);
}

/**
 * The value an annotation's path names, which must exist: SuperJSON would otherwise create it
 * (`lines.99999999` makes an array of that length). Paths are split as SuperJSON splits them.
 */
function valueAt(json: unknown, path: string, legacyPaths: boolean): unknown {
  if (
    typeof path !== "string" ||
    path.length > INPUT_LIMITS.maxDepth * (INPUT_LIMITS.maxKeyLength + 1)
  ) {
    refuse("a path in its type annotations is too long.");
  }
  let value = json;
  for (const segment of splitPath(path, legacyPaths)) {
    const exists = Array.isArray(value)
      ? /^(0|[1-9]\d*)$/.test(segment) && Number(segment) < value.length
      : isPlainObject(value) && Object.hasOwn(value, segment);
    if (!exists) refuse("its type annotations name a value it does not hold.");
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** SuperJSON's path syntax: segments joined by ".", with "\." and "\\" escaped (not in legacy paths). */
function splitPath(path: string, legacyPaths: boolean): string[] {
  const segments: string[] = [];
  let segment = "";
  for (let index = 0; index < path.length; index += 1) {
    const char = path[index]!;
    if (char === "\\" && !legacyPaths) {
      const next = path[index + 1];
      if (next !== "\\" && next !== ".") refuse("a path in its type annotations is not readable.");
      segment += next;
      index += 1;
    } else if (char === "\\" && legacyPaths && path[index + 1] === ".") {
      segment += ".";
      index += 1;
    } else if (char === ".") {
      segments.push(segment);
      segment = "";
    } else {
      segment += char;
    }
    if (segments.length > INPUT_LIMITS.maxDepth)
      refuse("a path in its type annotations is too deep.");
  }
  segments.push(segment);
  return segments;
}
