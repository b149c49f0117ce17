/**
 * Invoice groups (seed 004 §3): the use cases the API calls. docs/domain-model.md §1
 * InvoiceGroup and §5.10.
 */
export {
  getInvoiceGroup,
  type InvoiceGroupDetail,
  type InvoiceGroupInvoice,
  type InvoiceGroupLine,
} from "./read-invoice-group.ts";
export { listInvoiceGroups, type InvoiceGroupListItem } from "./list-invoice-groups.ts";
export {
  createInvoiceGroup,
  deleteInvoiceGroup,
  restoreDeletedInvoiceGroup,
  setInvoiceGroupArchived,
  updateInvoiceGroup,
} from "./write-invoice-group.ts";
export {
  addInvoiceToGroup,
  listEligibleInvoices,
  removeInvoiceFromGroup,
  type EligibleInvoice,
} from "./invoice-group-members.ts";
export { transitionInvoiceGroup } from "./invoice-group-actions.ts";
