import {
  listCustomersInputSchema,
  createCustomerInputSchema,
  updateCustomerInputSchema,
} from "@ledgerline/domain";
import * as services from "@ledgerline/services";
import { recordRouter } from "./record-router.ts";

export const customersRouter = recordRouter({
  resource: "customer",
  listInput: listCustomersInputSchema,
  recordInput: createCustomerInputSchema,
  updateInput: updateCustomerInputSchema,
  list: services.listCustomers,
  get: services.getCustomer,
  create: services.createCustomer,
  update: services.updateCustomer,
  archive: services.archiveCustomer,
  restore: services.restoreCustomer,
  delete: services.deleteCustomer,
});
