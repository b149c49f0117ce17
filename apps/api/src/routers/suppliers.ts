import {
  listSuppliersInputSchema,
  createSupplierInputSchema,
  updateSupplierInputSchema,
} from "@ledgerline/domain";
import * as services from "@ledgerline/services";
import { recordRouter } from "./record-router.ts";

export const suppliersRouter = recordRouter({
  resource: "supplier",
  listInput: listSuppliersInputSchema,
  recordInput: createSupplierInputSchema,
  updateInput: updateSupplierInputSchema,
  list: services.listSuppliers,
  get: services.getSupplier,
  create: services.createSupplier,
  update: services.updateSupplier,
  archive: services.archiveSupplier,
  restore: services.restoreSupplier,
  delete: services.deleteSupplier,
});
