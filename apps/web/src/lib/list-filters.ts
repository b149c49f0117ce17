import {
  archivedFilterSchema,
  deletedFilterSchema,
  isCurrencyCode,
  isIsoDate,
} from "@ledgerline/domain";
import { matching, oneOf, type FilterSpec } from "./list-state.ts";

/** Active / archived / all, as the API's list inputs take it (active when not named). */
export const ARCHIVED_FILTER_VALUES = archivedFilterSchema.unwrap().options;
export type ArchivedFilterValue = (typeof ARCHIVED_FILTER_VALUES)[number];
export const archivedFilter = () => oneOf(ARCHIVED_FILTER_VALUES, "active");

/** Hidden / only deleted, for the lists of records kept forever once issued. */
export const DELETED_FILTER_VALUES = deletedFilterSchema.unwrap().options;
export type DeletedFilterValue = (typeof DELETED_FILTER_VALUES)[number];
export const deletedFilter = () => oneOf(DELETED_FILTER_VALUES, "hidden");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const idFilter = () => matching(UUID, (raw) => raw.toLowerCase());
export const countryFilter = () => matching(/^[A-Z]{2}$/, (raw) => raw.toUpperCase());

/** A calendar day (`YYYY-MM-DD`) from the URL; anything else is no filter. */
export const isoDateFilter = (): FilterSpec => ({
  parse: (raw) => (isIsoDate(raw.trim()) ? raw.trim() : undefined),
});

/** A currency code from the URL, upper-cased; anything else is no filter. */
export const currencyFilter = (): FilterSpec => ({
  parse: (raw) => {
    const code = raw.trim().toUpperCase();
    return isCurrencyCode(code) ? code : undefined;
  },
});

/** An end before its start is a typing slip: that end is not applied (the field says why). */
export const rangeInvalid = (from: string | undefined, to: string | undefined): boolean =>
  Boolean(from && to && to < from);
