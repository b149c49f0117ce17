import type { CreateSupplierInput, UpdateSupplierInput } from "@ledgerline/domain";
import type { RecordArea } from "../records/record-area.ts";
import type { SupplierRecord } from "./supplier-form.ts";

/** Suppliers for the shared record screens: where they live, who may change them, their words. */
export const supplierArea: RecordArea<
  SupplierRecord,
  CreateSupplierInput,
  UpdateSupplierInput["values"]
> = {
  path: "/suppliers",
  permissions: { write: "supplier.write", delete: "supplier.delete" },
  procedures: (trpc) => trpc.suppliers,
  messages: {
    title: "suppliers.title",
    description: "suppliers.description",
    search: "suppliers.search",
    create: "suppliers.new",
    empty: "suppliers.empty",
    emptyHint: "suppliers.emptyHint",
    noMatches: "suppliers.noMatches",
    formLegend: "suppliers.formLegend",
  },
};
