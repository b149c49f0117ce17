import { languagePairSchema, SUPPLIER_KINDS, supplierSortSchema } from "@ledgerline/domain";
import { archivedFilter } from "../../lib/list-filters.ts";
import { defineListSpec, oneOf, type FilterSpec } from "../../lib/list-state.ts";

/** A language pair such as "en>de", by the same rule the API filters with. */
export const languagePairFilter: FilterSpec = {
  parse: (raw) => {
    const result = languagePairSchema.safeParse(raw);
    return result.success ? result.data : undefined;
  },
};

/** The supplier list's URL state: ?q=&kind=&languagePair=&archived=&sort=&dir=&size=&page= */
export const supplierListSpec = defineListSpec({
  sortKeys: supplierSortSchema.options,
  defaultSortBy: "name",
  defaultSortDirection: "asc",
  filters: {
    kind: oneOf(SUPPLIER_KINDS),
    languagePair: languagePairFilter,
    archived: archivedFilter(),
  },
});
