import { z } from "zod";
import { isoDateOf } from "../calendar-date.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import { messageOfSentence } from "../messages.ts";
import { isDecimal } from "../money.ts";
import { idSchema } from "./common.ts";

/**
 * Partial updates (seed 000: "fields left out stay as they are"), built from the create schemas
 * in one way so that no entity's update can drift from its create rules:
 *
 * 1. `updateSchemaOf(createSchema)` is the input of an update: every field optional, no default
 *    (a default would invent a value for a field nobody sent), each field keeping its own
 *    validation, unknown keys refused (a misspelt field would otherwise be a silent no-op). A
 *    list of records with an `id` (a customer's contacts, a draft's lines) becomes a list of
 *    partial items too: an item with an `id` changes that stored item, one without is new.
 * 2. `mergeUpdate(createSchema, stored, patch)` lays the sent fields over the stored record and
 *    parses the result with the create schema, so the record after an update satisfies exactly
 *    the rules a new one must (rules across fields included), whichever fields were sent.
 *
 * Absent (or `undefined`) keeps a field; `null` or `""` clears an optional one (the field's own
 * schema decides, as on create); a required field cannot be cleared.
 */

type AnyObject = z.ZodObject<z.core.$ZodShape, z.core.$ZodObjectConfig>;

/** `T` without the `.default()` / `.prefault()` wrappers that fill a missing value. */
type WithoutDefault<T> =
  T extends z.ZodDefault<infer Inner>
    ? WithoutDefault<Inner>
    : T extends z.ZodPrefault<infer Inner>
      ? WithoutDefault<Inner>
      : T;

/** A list of records with ids becomes a list of partial records. */
type PartialField<T> =
  WithoutDefault<T> extends z.ZodArray<infer Element>
    ? Element extends z.ZodObject<infer Shape>
      ? "id" extends keyof Shape
        ? z.ZodArray<UpdateSchemaOf<Element>>
        : WithoutDefault<T>
      : WithoutDefault<T>
    : WithoutDefault<T>;

export type UpdateSchemaOf<S extends AnyObject> = z.ZodObject<
  { -readonly [K in keyof S["shape"]]: z.ZodOptional<PartialField<S["shape"][K]>> },
  z.core.$strict
>;

/** `schema` with `checks` (taken from another schema's definition) attached after its own. */
const withChecks = (schema: z.ZodType, checks: readonly z.core.$ZodCheck<never>[] = []) =>
  checks.length > 0 ? schema.check(...(checks as unknown as z.core.$ZodCheck<unknown>[])) : schema;

/**
 * The schema without its default, keeping every check: a refinement written after `.default()`
 * (`.default([]).refine(...)`) is attached to the default's wrapper and moves to what it wraps.
 */
function withoutDefault(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
    return withChecks(withoutDefault(schema.def.innerType as z.ZodType), schema.def.checks);
  }
  return schema;
}

/** The object schema of a list's items, when the field is a list of records with ids. */
function listItemSchemaOf(field: z.ZodType): AnyObject | null {
  const schema = withoutDefault(field);
  if (!(schema instanceof z.ZodArray)) return null;
  const element = schema.element as z.ZodType;
  return element instanceof z.ZodObject && "id" in element.shape ? (element as AnyObject) : null;
}

function partialField(key: string, field: z.ZodType): z.ZodType {
  let schema = withoutDefault(field);
  const itemSchema = listItemSchemaOf(schema);
  if (itemSchema) {
    // The list's own checks (at most 50 contacts, one primary) stay; the items become partial.
    schema = withChecks(z.array(updateSchemaOf(itemSchema)), schema.def.checks);
  }
  // A default hidden inside another wrapper would still fill the key: refuse to build such a
  // schema rather than ship an update that invents values (the unit test parses `{}` too).
  if (schema._zod.optin === "defaulted") {
    throw new Error(`updateSchemaOf: the field "${key}" still fills a missing value.`);
  }
  return schema.optional();
}

/**
 * The input schema of a partial update of records made with `createSchema` (a `z.object`, with
 * or without refinements): every field optional and without its default, each keeping its own
 * validation; unknown keys are refused. Rules across fields are not applied here, they need the
 * whole record: `mergeUpdate` applies them to the stored record with the update laid over it.
 */
export function updateSchemaOf<S extends AnyObject>(createSchema: S): UpdateSchemaOf<S> {
  const shape = Object.fromEntries(
    Object.entries(createSchema.shape).map(([key, field]) => [
      key,
      partialField(key, field as z.ZodType),
    ]),
  );
  return z.strictObject(shape) as unknown as UpdateSchemaOf<S>;
}

/** `{ id, values }`: the input of an update procedure whose record is made with `createSchema`. */
export const updateInputOf = <S extends AnyObject>(createSchema: S) =>
  z.object({ id: idSchema, values: updateSchemaOf(createSchema) });

// ---------------------------------------------------------------- merging

type Row = Record<string, unknown>;

/** A stored value as the create schema takes it: decimals as strings, calendar dates as ISO. */
function inputValueOf(value: unknown, itemSchema: AnyObject | null): unknown {
  if (isDecimal(value)) return value.toFixed();
  if (value instanceof Date) return isoDateOf(value);
  if (itemSchema && Array.isArray(value)) {
    return value.map((item: unknown) => storedValuesOf(itemSchema, item as Row));
  }
  return value;
}

/**
 * The stored record as the create schema's input: the schema's fields only, decimals as strings
 * and `date` columns as `YYYY-MM-DD`, lists of records item by item. A field the row does not
 * have is left out (the create schema's default or rule then applies).
 */
export function storedValuesOf(createSchema: AnyObject, row: Row): Row {
  const values: Row = {};
  for (const [key, field] of Object.entries(createSchema.shape)) {
    if (row[key] === undefined) continue;
    values[key] = inputValueOf(row[key], listItemSchemaOf(field as z.ZodType));
  }
  return values;
}

export interface MergeOptions {
  /**
   * Per list of records with ids, the message for an item whose id is not one of the stored
   * record's items (a contact of another customer, a line of another draft).
   */
  foreignItem?: Record<string, string>;
}

/** The sent fields of a partial item, without the ones left out. */
const sentFields = (patch: Row): Row =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));

/**
 * The record after an update: the stored record (`stored`, a row as read from the database)
 * with the sent fields (`patch`, parsed by `updateSchemaOf(createSchema)`) laid over it, parsed
 * by `createSchema`, so it meets every create rule. In a list of records, an item with an id is
 * that stored item with its sent fields changed, an item without an id is new, and the list
 * given is the new list (items not in it are removed); a list left out stays as it is.
 *
 * @throws AppError BAD_REQUEST naming `<list>.<index>.id` when an item's id is not one of the
 *   stored record's; ZodError (field errors) when the merged record breaks a create rule.
 */
export function mergeUpdate<S extends AnyObject>(
  createSchema: S,
  stored: Row,
  patch: Row,
  options: MergeOptions = {},
): z.output<S> {
  const current = storedValuesOf(createSchema, stored);
  const merged: Row = { ...current };
  const fieldErrors: FieldErrors = {};
  for (const [key, value] of Object.entries(sentFields(patch))) {
    const field = createSchema.shape[key] as z.ZodType | undefined;
    if (field && listItemSchemaOf(field) && Array.isArray(value)) {
      const storedItems = new Map(
        ((current[key] as Row[] | undefined) ?? []).map((item) => [item.id, item]),
      );
      merged[key] = value.map((item: Row, index) => {
        if (item.id === undefined) return sentFields(item);
        const storedItem = storedItems.get(item.id);
        if (!storedItem) {
          const message = options.foreignItem?.[key] ?? "This item is not one of this record's.";
          (fieldErrors[`${key}.${index}.id`] ??= []).push(message);
          return item;
        }
        return { ...storedItem, ...sentFields(item) };
      });
    } else {
      merged[key] = value;
    }
  }
  const messages = Object.values(fieldErrors).flat();
  if (messages.length > 0) {
    throw new AppError("BAD_REQUEST", messageOfSentence(messages[0]!), { fieldErrors });
  }
  return createSchema.parse(merged);
}
