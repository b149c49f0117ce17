import { archivedFilterSchema } from "@ledgerline/domain";
import { matching, oneOf } from "./list-state.ts";

/** Active / archived / all, as the API's list inputs take it (active when not named). */
export const ARCHIVED_FILTER_VALUES = archivedFilterSchema.unwrap().options;
export type ArchivedFilterValue = (typeof ARCHIVED_FILTER_VALUES)[number];
export const archivedFilter = () => oneOf(ARCHIVED_FILTER_VALUES, "active");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const idFilter = () => matching(UUID, (raw) => raw.toLowerCase());
export const countryFilter = () => matching(/^[A-Z]{2}$/, (raw) => raw.toUpperCase());
