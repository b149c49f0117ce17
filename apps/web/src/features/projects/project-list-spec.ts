import { PROJECT_STATUSES, projectSortSchema } from "@ledgerline/domain";
import { archivedFilter, idFilter } from "../../lib/list-filters.ts";
import { defineListSpec, oneOf } from "../../lib/list-state.ts";

/** The project list's URL state: ?q=&status=&customerId=&managerId=&archived=&sort=&dir=&size=&page= */
export const projectListSpec = defineListSpec({
  sortKeys: projectSortSchema.options,
  defaultSortBy: "number",
  defaultSortDirection: "desc",
  filters: {
    status: oneOf(PROJECT_STATUSES),
    customerId: idFilter(),
    managerId: idFilter(),
    archived: archivedFilter(),
  },
});
