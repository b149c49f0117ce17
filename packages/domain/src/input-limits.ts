import type { FieldErrors } from "./errors.ts";
import { Decimal, isDecimal } from "./money.ts";
import { isPlainObject } from "./plain-object.ts";

/**
 * The bounds every input stays within, in one place. Each is far above what a real input needs
 * (the reason is beside it) and low enough that checking an input costs the same few
 * milliseconds whatever a caller sends: no value's cost may grow with a number the caller picks.
 * The API checks a request against them before any procedure reads it (apps/api/src/trpc/init.ts);
 * the schemas in ./schemas bound what they parse as well, so services called from the worker, the
 * seed or a test are as safe.
 */
export const INPUT_LIMITS = {
  /** Levels of nested objects and arrays; the deepest input today has 4 (update → values → lines → line). */
  maxDepth: 10,
  /**
   * Items of one array; the longest list an input holds is a purchase-order batch's 10,000 ids
   * (`MAX_BATCH_SIZE`, about 400 KB of JSON, within MAX_BODY_BYTES); everything else holds 500.
   */
  maxArrayLength: 10_000,
  /** Keys of one object; the widest input (company settings) has 25. */
  maxObjectKeys: 100,
  /** Values of a whole input, counted once per place; a 500-line document holds about 6,000. */
  maxValues: 20_000,
  /** Characters of one string; the longest text field (notes, terms, description) holds 4,000. */
  maxStringLength: 10_000,
  /** Characters of one key; field names are at most 40. */
  maxKeyLength: 100,
} as const;

/**
 * Bounds of a decimal, checked before it is converted: decimal.js reads `1e30000000` in no time
 * but writes it out (`toFixed`) digit by digit, and that took seconds while every other request
 * waited.
 */
export const DECIMAL_LIMITS = {
  /** Characters of a decimal as text; the widest column (numeric(14,4)) needs 16, `toString()` of
   * a Decimal within the bounds below at most 48. */
  maxTextLength: 50,
  /** Significant digits; money arithmetic (money.ts) carries 40. */
  maxSignificantDigits: 40,
  /** Powers of ten either way; the largest amount we store is below 10^12, the finest place 10^-4. */
  maxExponent: 40,
} as const;

// ---------------------------------------------------------------- text

// Without the `u` flag a pattern sees UTF-16 code units, so it can find a surrogate half alone.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text cannot be stored, or null: PostgreSQL text holds no NUL character, and half of a
 * UTF-16 surrogate pair is no character at all (UTF-8 cannot encode it; a JSON column refuses it).
 */
export function textProblem(value: string): string | null {
  if (value.includes("\u0000")) return "Contains a NUL character (U+0000), which text cannot hold.";
  if (LONE_SURROGATE.test(value)) {
    return "Contains half of a UTF-16 surrogate pair, which is no character (broken Unicode).";
  }
  return null;
}

// ---------------------------------------------------------------- whole inputs

/** At most this many problems are reported; the first ones are enough to fix a request. */
const MAX_REPORTED_PROBLEMS = 10;

type Path = readonly (string | number)[];

/**
 * What in `input` is beyond INPUT_LIMITS or cannot be stored as text, by path (as zod reports
 * paths: `lines.0.description`, `_` for the input itself); empty when nothing is. The walk stops at
 * the limits (it counts every place a value appears, so an input whose parts repeat one object
 * cannot make it long) and accepts only what JSON, Dates and Decimals can be.
 */
export function findInputProblems(input: unknown, limits = INPUT_LIMITS): FieldErrors {
  const problems: FieldErrors = {};
  let reported = 0;
  const report = (path: Path, message: string) => {
    reported += 1;
    (problems[path.join(".") || "_"] ??= []).push(message);
  };
  const stack: { value: unknown; path: Path; depth: number }[] = [
    { value: input, path: [], depth: 0 },
  ];
  let visited = 0;
  while (stack.length > 0 && reported < MAX_REPORTED_PROBLEMS) {
    const { value, path, depth } = stack.pop()!;
    visited += 1;
    if (visited > limits.maxValues) {
      report([], `The input holds more than ${limits.maxValues} values.`);
      break;
    }
    if (typeof value === "string") {
      if (value.length > limits.maxStringLength) {
        report(path, `At most ${limits.maxStringLength} characters.`);
      } else {
        const problem = textProblem(value);
        if (problem) report(path, problem);
      }
      continue;
    }
    if (value === null || typeof value !== "object") {
      if (typeof value === "function" || typeof value === "symbol") {
        report(path, "This kind of value is not accepted.");
      }
      continue;
    }
    if (value instanceof Date || isDecimal(value)) continue;
    const isArray = Array.isArray(value);
    if (!isArray && !isPlainObject(value)) {
      report(path, "This kind of value is not accepted.");
      continue;
    }
    if (depth + 1 > limits.maxDepth) {
      report(path, `Nested too deeply (at most ${limits.maxDepth} levels).`);
      continue;
    }
    if (isArray) {
      // The length first: an array can claim millions of empty places without holding them.
      if (value.length > limits.maxArrayLength) {
        report(path, `At most ${limits.maxArrayLength} items.`);
        continue;
      }
      for (let index = value.length - 1; index >= 0; index -= 1) {
        stack.push({ value: value[index], path: [...path, index], depth: depth + 1 });
      }
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > limits.maxObjectKeys) {
      report(path, `At most ${limits.maxObjectKeys} fields.`);
      continue;
    }
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const key = keys[index]!;
      if (key.length > limits.maxKeyLength) {
        report(path, `A field name is longer than ${limits.maxKeyLength} characters.`);
        continue;
      }
      const problem = textProblem(key);
      if (problem) {
        report(path, `A field name is not valid. ${problem}`);
        continue;
      }
      stack.push({ value: value[key], path: [...path, key], depth: depth + 1 });
    }
  }
  return problems;
}

// ---------------------------------------------------------------- decimals

/** A decimal as a person writes it: digits with an optional point, no exponent, no grouping. */
const PLAIN_DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;
const DECIMAL_WITH_COMMA = /^-?\d+,\d+$/;
/** A decimal as `Decimal.toString()` writes it: also `1.5e+25` or `1e-7`. */
const WIRE_DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d{1,3})?$/i;

const withinDecimalLimits = (value: Decimal): boolean =>
  value.isFinite() &&
  Math.abs(value.e) <= DECIMAL_LIMITS.maxExponent &&
  value.sd() <= DECIMAL_LIMITS.maxSignificantDigits;

export type DecimalReading =
  | { ok: true; value: Decimal }
  /** `format`: no decimal; `comma`: a decimal comma; `bounds`: beyond DECIMAL_LIMITS. */
  | { ok: false; problem: "format" | "comma" | "bounds" };

/**
 * A decimal from what a form or a program sends: a plain decimal string (surrounding spaces
 * allowed) or a Decimal instance. Bounded before anything is converted, so its cost never depends
 * on the digits or the exponent sent.
 */
export function readDecimal(input: unknown): DecimalReading {
  if (isDecimal(input)) {
    return withinDecimalLimits(input)
      ? { ok: true, value: new Decimal(input) }
      : { ok: false, problem: input.isFinite() ? "bounds" : "format" };
  }
  if (typeof input !== "string") return { ok: false, problem: "format" };
  if (input.length > DECIMAL_LIMITS.maxTextLength) return { ok: false, problem: "bounds" };
  const text = input.trim();
  if (DECIMAL_WITH_COMMA.test(text)) return { ok: false, problem: "comma" };
  if (!PLAIN_DECIMAL.test(text)) return { ok: false, problem: "format" };
  const value = new Decimal(text);
  return withinDecimalLimits(value) ? { ok: true, value } : { ok: false, problem: "bounds" };
}

/**
 * A Decimal from its wire text (`Decimal.toString()`, exponent allowed), or null when the text is
 * no decimal or beyond DECIMAL_LIMITS.
 */
export function readWireDecimal(text: unknown): Decimal | null {
  if (typeof text !== "string" || text.length > DECIMAL_LIMITS.maxTextLength) return null;
  if (!WIRE_DECIMAL.test(text)) return null;
  const value = new Decimal(text);
  return withinDecimalLimits(value) ? value : null;
}
