import { customerSortSchema } from "@ledgerline/domain";
import { archivedFilter, countryFilter } from "../../lib/list-filters.ts";
import { defineListSpec } from "../../lib/list-state.ts";

/** The customer list's URL state: ?q=&archived=&country=&sort=&dir=&size=&page= */
export const customerListSpec = defineListSpec({
  sortKeys: customerSortSchema.options,
  defaultSortBy: "name",
  defaultSortDirection: "asc",
  filters: { archived: archivedFilter(), country: countryFilter() },
});
