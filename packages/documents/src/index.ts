export * from "./document-view.ts";
export * from "./document-kinds.ts";
export * from "./format.ts";
export * from "./girocode.ts";
export * from "./labels.ts";
export { DOCUMENT_FONT_FAMILY } from "./fonts.ts";
export * from "./render-document-html.ts";
