export * from "./sales-document-view.ts";
export * from "./sales-document-pdfs.ts";
export * from "./sales-document-e-invoices.ts";
export * from "./document-preview.ts";
