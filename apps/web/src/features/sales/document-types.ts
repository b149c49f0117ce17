import {
  CREATABLE_SALES_DOCUMENT_TYPES,
  SALES_DOCUMENT_TYPES,
  type CreatableSalesDocumentType,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "@ledgerline/domain";

/**
 * Where each document type's list lives and the words for it. Every type has a list of its own
 * (`/invoices`, `/quotes`, …, reached by the list's type switch); a single document is at
 * `/documents/:id` whatever its type, its draft form at `/documents/:id/edit`, and a new one
 * at `<list>/new` for the types a person creates directly.
 */
export const DOCUMENT_LIST_PATHS = {
  invoice: "/invoices",
  quote: "/quotes",
  order_confirmation: "/order-confirmations",
  sales_order: "/sales-orders",
  pro_forma: "/pro-forma-invoices",
  credit_note: "/credit-notes",
  cancellation: "/cancellations",
} as const satisfies Record<SalesDocumentType, string>;

/** The order of the list's type switch: the everyday types first. */
export const LIST_TYPE_ORDER: readonly SalesDocumentType[] = [
  "invoice",
  "quote",
  "order_confirmation",
  "credit_note",
  "cancellation",
  "sales_order",
  "pro_forma",
];

export const documentPath = (id: string): string => `/documents/${id}`;
export const documentEditPath = (id: string): string => `/documents/${id}/edit`;
export const newDocumentPath = (type: CreatableSalesDocumentType): string =>
  `${DOCUMENT_LIST_PATHS[type]}/new`;

export const isCreatableType = (type: SalesDocumentType): type is CreatableSalesDocumentType =>
  (CREATABLE_SALES_DOCUMENT_TYPES as readonly SalesDocumentType[]).includes(type);

export const typeOfListPath = (path: string): SalesDocumentType | undefined =>
  SALES_DOCUMENT_TYPES.find((type) => DOCUMENT_LIST_PATHS[type] === path);

/** Badge colours: open work blue, waiting amber, done green, problems red, dead ends grey. */
export const STATUS_TONES = {
  draft: "neutral",
  pending: "warning",
  sent: "info",
  partial: "warning",
  paid: "success",
  overdue: "danger",
  cancelled: "neutral",
  refunded: "neutral",
  accepted: "success",
  declined: "danger",
  expired: "neutral",
  transformed: "success",
} as const satisfies Record<
  SalesDocumentStatus,
  "neutral" | "info" | "warning" | "success" | "danger"
>;
