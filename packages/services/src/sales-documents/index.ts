/**
 * Sales documents (quotes, order confirmations, sales orders, pro forma, invoices, credit notes,
 * cancellations): the use cases the API and the worker call. docs/domain-model.md §1, §3-§6.
 */
export { COMPANY_TIME_ZONE, companyToday } from "./company-context.ts";
export {
  getSalesDocument,
  getSalesDocumentByNumber,
  type SalesDocumentDetail,
} from "./read-sales-document.ts";
export {
  listSalesDocuments,
  salesDocumentSelectionTotals,
  type SelectionTotal,
} from "./list-sales-documents.ts";
export { salesDocumentStatistics } from "./sales-document-statistics.ts";
export {
  salesDocumentsToday,
  type MonthFigures,
  type OverdueFigures,
  type RecentPayment,
  type SalesDocumentsToday,
} from "./sales-documents-today.ts";
export { createSalesDocument } from "./create-sales-document.ts";
export {
  addSalesDocumentItem,
  getSalesDocumentItem,
  listSalesDocumentItems,
  removeSalesDocumentItem,
  updateSalesDocumentItem,
} from "./sales-document-items.ts";
export {
  addBillableExpenses,
  recalculateSalesDocument,
  updateSalesDocumentDraft,
  updateSalesDocumentNotes,
} from "./edit-sales-document.ts";
export {
  archiveSalesDocument,
  deleteSalesDocument,
  restoreDeletedSalesDocument,
  restoreSalesDocument,
} from "./delete-sales-document.ts";
export {
  acceptQuote,
  approveSalesDocument,
  bulkUpdateSalesDocumentStatus,
  cancelSalesDocument,
  declineQuote,
  issueSalesDocument,
  returnSalesDocumentToDraft,
  submitSalesDocument,
  updateSalesDocumentStatus,
} from "./status-actions.ts";
export { convertSalesDocument, transformSalesOrder } from "./convert-sales-document.ts";
export { cancelWithDocument, createCreditNote, refundInvoice } from "./correct-invoice.ts";
export { sweepDueDates, type SweepResult } from "./sweep-due-dates.ts";
