import type { RouterOutputs } from "../../lib/trpc.ts";

/** What the sales screens receive from `salesDocuments.*` and `payments.*`. */
export type SalesDocument = RouterOutputs["salesDocuments"]["get"];
export type SalesDocumentPage = RouterOutputs["salesDocuments"]["list"];
export type SalesDocumentRow = SalesDocumentPage["items"][number];
export type SelectionTotal = RouterOutputs["salesDocuments"]["selectionTotals"][number];
export type LineItem = SalesDocument["lineItems"][number];
export type Payment = SalesDocument["payments"][number];
export type HistoryEntry = SalesDocument["history"][number];
/** The source document or a follow-up: enough to name, link and badge it. */
export type RelatedDocument = Pick<
  SalesDocument["followUps"][number],
  "id" | "type" | "number" | "status"
>;
export type SalesStatistics = RouterOutputs["salesDocuments"]["statistics"];
export type BulkStatusResult = RouterOutputs["salesDocuments"]["bulkStatusUpdate"];
