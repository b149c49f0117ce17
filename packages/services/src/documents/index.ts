export * from "./sales-document-view.ts";
export * from "./sales-document-pdfs.ts";
