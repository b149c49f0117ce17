export * from "./sales-document-view.ts";
export * from "./record-pdfs.ts";
export * from "./sales-document-pdfs.ts";
export * from "./sales-document-e-invoices.ts";
export * from "./document-preview.ts";
export * from "./purchase-order-view.ts";
export * from "./invoice-group-view.ts";
