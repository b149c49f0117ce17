import type { CreateCustomerInput, UpdateCustomerInput } from "@ledgerline/domain";
import type { RecordArea } from "../records/record-area.ts";
import type { CustomerRecord } from "./customer-form.ts";

/** Customers for the shared record screens: where they live, who may change them, their words. */
export const customerArea: RecordArea<
  CustomerRecord,
  CreateCustomerInput,
  UpdateCustomerInput["values"]
> = {
  path: "/customers",
  permissions: { write: "customer.write", delete: "customer.delete" },
  procedures: (trpc) => trpc.customers,
  messages: {
    title: "customers.title",
    description: "customers.description",
    search: "customers.search",
    create: "customers.new",
    empty: "customers.empty",
    emptyHint: "customers.emptyHint",
    noMatches: "customers.noMatches",
    formLegend: "customers.formLegend",
  },
};
