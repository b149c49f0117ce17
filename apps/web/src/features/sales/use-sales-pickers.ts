import { MAX_PAGE_SIZE } from "@ledgerline/domain";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";

/** Pickers may show data up to a minute old: customers and projects change rarely. */
const PICKER_STALE_MS = 60_000;

/**
 * What the document screens offer to choose from: customers by name, the projects of the chosen
 * customer (all projects when none is chosen), and that customer's contacts. Loads up to
 * MAX_PAGE_SIZE rows each.
 */
export function useSalesPickers(options: {
  archived: "active" | "all";
  customerId: string | undefined;
  /** The form needs the customer's contacts and currency; lists do not. */
  withCustomer?: boolean;
}) {
  const trpc = useTRPC();
  const { archived, customerId } = options;
  const customers = useQuery(
    trpc.customers.list.queryOptions(
      { archived, sortBy: "name", pageSize: MAX_PAGE_SIZE },
      { staleTime: PICKER_STALE_MS },
    ),
  );
  const projects = useQuery(
    trpc.projects.list.queryOptions(
      {
        archived,
        ...(customerId ? { customerId } : {}),
        sortBy: "name",
        sortDirection: "asc",
        pageSize: MAX_PAGE_SIZE,
      },
      { staleTime: PICKER_STALE_MS },
    ),
  );
  const customer = useQuery(
    trpc.customers.get.queryOptions(
      options.withCustomer && customerId ? { id: customerId } : skipToken,
      { staleTime: PICKER_STALE_MS },
    ),
  );
  return { customers, projects, customer };
}

/** The company settings (default tax rate, approval threshold); every role may read them. */
export function useCompanySettings() {
  const trpc = useTRPC();
  return useQuery(trpc.settings.get.queryOptions(undefined, { staleTime: PICKER_STALE_MS }));
}
