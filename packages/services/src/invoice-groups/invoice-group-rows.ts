import type { InvoiceGroupModel, Prisma, SalesDocumentModel } from "@ledgerline/db";
import type { IsoDate } from "@ledgerline/domain";
import { fromDbDate } from "../sales-documents/company-context.ts";
import type { LineItemJson } from "../sales-documents/sales-document-rows.ts";
import { selectList, type ColumnSql, type JsonText } from "../shared/raw-sql-rows.ts";

/**
 * The one row type of `invoice_groups` that the group's reads in raw SQL (the detail, the list)
 * select, taken from Prisma's model (a column added to schema.prisma must be added to the map
 * below, or this does not compile), and the one mapping of its calendar dates. Who made, issued
 * and deleted a group is not shown, so not read.
 */
export type InvoiceGroupRow = Omit<InvoiceGroupModel, "createdById" | "issuedById" | "deletedById">;

/** Each column of `invoice_groups` (as `g`) as SQL selects it into `InvoiceGroupRow`. */
const INVOICE_GROUP_COLUMN_SQL: ColumnSql<InvoiceGroupRow> = {
  id: "g.id::text",
  number: "g.number",
  status: "g.status",
  customerId: "g.customer_id::text",
  currency: "g.currency",
  invoiceDate: "g.invoice_date",
  dueDate: "g.due_date",
  notes: "g.notes",
  includeInvoices: "g.include_invoices",
  includeJobTitles: "g.include_job_titles",
  includeWordRates: "g.include_word_rates",
  lineOrder: "g.line_order",
  issuedAt: "g.issued_at",
  archivedAt: "g.archived_at",
  deletedAt: "g.deleted_at",
  createdAt: "g.created_at",
  updatedAt: "g.updated_at",
};

/** The columns `keys` of `invoice_groups` as `g` (every column of the row when omitted). */
export const invoiceGroupColumns = <K extends keyof InvoiceGroupRow>(
  keys?: readonly K[],
): Prisma.Sql =>
  selectList(INVOICE_GROUP_COLUMN_SQL, keys ?? Object.keys(INVOICE_GROUP_COLUMN_SQL));

/** A row with the group's calendar dates as the API returns them (`YYYY-MM-DD`). */
export type WithInvoiceGroupDates<R extends Pick<InvoiceGroupRow, "invoiceDate" | "dueDate">> =
  Omit<R, "invoiceDate" | "dueDate"> & { invoiceDate: IsoDate; dueDate: IsoDate | null };

/** The one mapping of a group's `date` columns (invoice and due date) to `YYYY-MM-DD`. */
export const withInvoiceGroupDates = <R extends Pick<InvoiceGroupRow, "invoiceDate" | "dueDate">>(
  row: R,
): WithInvoiceGroupDates<R> => ({
  ...row,
  invoiceDate: fromDbDate(row.invoiceDate)!,
  dueDate: fromDbDate(row.dueDate),
});

/** Of an invoice in a group, what the detail read and the statement show: `sales_documents` as JSON. */
export const GROUP_INVOICE_DECIMALS = [
  "netAmount",
  "taxAmount",
  "total",
  "paidAmount",
] as const satisfies (keyof SalesDocumentModel)[];
export type GroupInvoiceSource = Pick<
  SalesDocumentModel,
  | "id"
  | "number"
  | "status"
  | "issuedDate"
  | "dueDate"
  | "currency"
  | (typeof GROUP_INVOICE_DECIMALS)[number]
>;
export type GroupInvoiceJson = JsonText<
  GroupInvoiceSource,
  (typeof GROUP_INVOICE_DECIMALS)[number],
  "issuedDate" | "dueDate"
>;

/** Of an invoice's line, what the statement shows (word rates: the unit price). */
export type GroupLineKey =
  | "position"
  | "description"
  | "itemType"
  | "sourceLanguage"
  | "targetLanguage"
  | "unit"
  | "quantity"
  | "unitPrice"
  | "total";
export type GroupLineJson = LineItemJson<GroupLineKey>;
