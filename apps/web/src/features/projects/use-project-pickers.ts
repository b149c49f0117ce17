import { MAX_PAGE_SIZE } from "@ledgerline/domain";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";

/** Pickers may show data up to a minute old: customers and managers change rarely. */
const PICKER_STALE_MS = 60_000;

/**
 * What the project screens offer to choose from: customers by name (`archived` says which) and
 * the people who can manage a project. Loads up to MAX_PAGE_SIZE customers.
 */
export function useProjectPickers(archived: "active" | "all") {
  const trpc = useTRPC();
  const customers = useQuery(
    trpc.customers.list.queryOptions(
      { archived, sortBy: "name", pageSize: MAX_PAGE_SIZE },
      { staleTime: PICKER_STALE_MS },
    ),
  );
  const managers = useQuery(
    trpc.users.listAssignable.queryOptions(undefined, { staleTime: PICKER_STALE_MS }),
  );
  return { customers, managers };
}
