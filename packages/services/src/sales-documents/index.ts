/**
 * Sales documents (quotes, order confirmations, sales orders, pro forma, invoices, credit notes,
 * cancellations): the use cases the API and the worker call. docs/domain-model.md §1, §3-§6.
 */
export { COMPANY_TIME_ZONE, companyToday } from "./company-context.ts";
export {
  getSalesDocument,
  getSalesDocumentByNumber,
  getByNumberInputSchema,
  type SalesDocumentDetail,
} from "./read-sales-document.ts";
export {
  listSalesDocuments,
  salesDocumentSelectionTotals,
  type SelectionTotal,
} from "./list-sales-documents.ts";
export {
  salesDocumentStatistics,
  salesStatisticsInputSchema,
  type SalesStatisticsInput,
} from "./sales-document-statistics.ts";
export { createSalesDocument } from "./create-sales-document.ts";
export {
  addBillableExpenses,
  addBillableExpensesInputSchema,
  recalculateSalesDocument,
  updateSalesDocumentDraft,
  updateSalesDocumentNotes,
  type AddBillableExpensesInput,
} from "./edit-sales-document.ts";
export {
  archiveSalesDocument,
  deleteSalesDocument,
  restoreSalesDocument,
} from "./delete-sales-document.ts";
export {
  acceptQuote,
  approveSalesDocument,
  bulkUpdateSalesDocumentStatus,
  cancelSalesDocument,
  declineQuote,
  issueInputSchema,
  issueSalesDocument,
  reasonInputSchema,
  returnSalesDocumentToDraft,
  submitSalesDocument,
  updateSalesDocumentStatus,
  type IssueInput,
  type ReasonInput,
} from "./status-actions.ts";
export {
  convertInputSchema,
  convertSalesDocument,
  transformSalesOrder,
  type ConvertInput,
} from "./convert-sales-document.ts";
export { cancelWithDocument, createCreditNote } from "./correct-invoice.ts";
export { sweepDueDates, type SweepResult } from "./sweep-due-dates.ts";
