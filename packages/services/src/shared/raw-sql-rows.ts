import { Prisma } from "@ledgerline/db";
import { toDecimal, type Decimal } from "@ledgerline/domain";

/**
 * Helpers for reads written in raw SQL (the detail and list reads of sales documents and
 * purchase orders): each table's row type is taken from Prisma's model, and a map from each of
 * its fields to the SQL that selects it (`ColumnSql`), so a column added to schema.prisma must be
 * added to the map, or the read does not compile.
 */

/** The SQL of each field of `Row`, every field required. */
export type ColumnSql<Row> = { readonly [K in keyof Row]-?: string };

/** `columns[key] AS "<prefix>key"` for each key, as one select list. */
export const selectList = (
  columns: Readonly<Record<string, string>>,
  keys: readonly string[],
  prefix = "",
): Prisma.Sql => Prisma.raw(keys.map((key) => `${columns[key]} AS "${prefix}${key}"`).join(", "));

/**
 * A row read as JSON (`json_build_object` inside a `json_agg`): numbers come as text (exact),
 * timestamps as ISO text, since JSON has neither decimals nor dates. Null stays null.
 */
export type JsonText<T, DecimalKeys extends keyof T, DateKeys extends keyof T = never> = Omit<
  T,
  DecimalKeys | DateKeys
> & { [K in DecimalKeys | DateKeys]: null extends T[K] ? string | null : string };

/** `T` with the fields `K` as the domain's Decimal (null where the column is nullable). */
export type WithDecimals<T, K extends keyof T> = Omit<T, K> & {
  [P in K]: null extends T[P] ? Decimal | null : Decimal;
};

/** The one mapping back from `JsonText`: each of `keys` (exact decimal text, or null) to a Decimal. */
export function withDecimals<R extends object, K extends keyof R>(
  row: R,
  keys: readonly K[],
): WithDecimals<R, K> {
  const record = { ...row } as Record<string, unknown>;
  for (const key of keys) {
    const text = record[key as string] as string | null;
    record[key as string] = text === null ? null : toDecimal(text);
  }
  return record as WithDecimals<R, K>;
}

/** `json_build_object('key', columns[key], …)` for each key: a row of a joined table as one value. */
export const jsonObject = (
  columns: Readonly<Record<string, string>>,
  keys: readonly string[],
): Prisma.Sql =>
  Prisma.raw(`json_build_object(${keys.map((key) => `'${key}', ${columns[key]}`).join(", ")})`);
