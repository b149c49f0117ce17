import { Prisma } from "@ledgerline/db";

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
