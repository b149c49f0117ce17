import type { CustomerModel, LineItemModel, Prisma, SalesDocumentModel } from "@ledgerline/db";
import type { IsoDate } from "@ledgerline/domain";
import {
  selectList,
  withDecimals,
  type ColumnSql,
  type JsonText,
  type WithDecimals,
} from "../shared/raw-sql-rows.ts";
import { fromDbDate } from "./company-context.ts";

/**
 * The one row type of each table that sales documents read with raw SQL, taken from Prisma's
 * model types (so a column added to schema.prisma must be added here, or this does not
 * compile), the SQL that selects it, and the one mapping from the row to what use cases work
 * with. The lock (`lockDocumentFamily`), the detail read, the list and the settlement read their
 * documents through these.
 */

/** A row of `sales_documents` as raw SQL returns it: Prisma's model, columns as Prisma names them. */
export type SalesDocumentRow = SalesDocumentModel;

/** Each column of `sales_documents` (as `d`) as SQL selects it into `SalesDocumentRow`. */
const SALES_DOCUMENT_COLUMN_SQL: ColumnSql<SalesDocumentRow> = {
  id: "d.id::text",
  type: "d.type::text",
  number: "d.number",
  status: "d.status::text",
  invoiceKind: "d.invoice_kind::text",
  currency: "d.currency",
  locale: "d.locale",
  customerId: "d.customer_id::text",
  contactId: "d.contact_id::text",
  projectId: "d.project_id::text",
  sourceDocumentId: "d.source_document_id::text",
  customerName: "d.customer_name",
  billingAddress: "d.billing_address",
  customerVatId: "d.customer_vat_id",
  issuedDate: "d.issued_date",
  dueDate: "d.due_date",
  validUntil: "d.valid_until",
  servicePeriodStart: "d.service_period_start",
  servicePeriodEnd: "d.service_period_end",
  notes: "d.notes",
  terms: "d.terms",
  lineOrder: "d.line_order",
  cancelReason: "d.cancel_reason",
  subtotal: "d.subtotal",
  discountAmount: "d.discount_amount",
  netAmount: "d.net_amount",
  taxAmount: "d.tax_amount",
  total: "d.total",
  paidAmount: "d.paid_amount",
  submittedById: "d.submitted_by_id::text",
  approvedById: "d.approved_by_id::text",
  issuedById: "d.issued_by_id::text",
  submittedAt: "d.submitted_at",
  approvedAt: "d.approved_at",
  issuedAt: "d.issued_at",
  archivedAt: "d.archived_at",
  deletedAt: "d.deleted_at",
  deletedById: "d.deleted_by_id::text",
  createdAt: "d.created_at",
  updatedAt: "d.updated_at",
};

/** The columns `keys` of `sales_documents` as `d` (every column when omitted). */
export const salesDocumentColumns = <K extends keyof SalesDocumentRow>(
  keys?: readonly K[],
): Prisma.Sql =>
  selectList(SALES_DOCUMENT_COLUMN_SQL, keys ?? Object.keys(SALES_DOCUMENT_COLUMN_SQL));

const CALENDAR_DATES = [
  "issuedDate",
  "dueDate",
  "validUntil",
  "servicePeriodStart",
  "servicePeriodEnd",
] as const satisfies (keyof SalesDocumentRow)[];
type CalendarDateKey = (typeof CALENDAR_DATES)[number];

/** A row with its calendar dates as the domain reads them (`YYYY-MM-DD`). */
export type WithCalendarDates<R> = Omit<R, CalendarDateKey> & {
  [K in CalendarDateKey & keyof R]: IsoDate | null;
};

/** A sales document as use cases work with it. */
export type SalesDocumentRecord = WithCalendarDates<SalesDocumentRow>;

/** The one mapping from a row to a record: PostgreSQL `date` columns become `YYYY-MM-DD`. */
export function salesDocumentOf<R extends Partial<SalesDocumentRow>>(row: R): WithCalendarDates<R> {
  const record: Record<string, unknown> = { ...row };
  for (const key of CALENDAR_DATES) {
    if (key in row) record[key] = fromDbDate((row[key] as Date | null | undefined) ?? null);
  }
  return record as WithCalendarDates<R>;
}

// ---------------------------------------------------------------- line items

/** A row of `line_items` as raw SQL returns it: Prisma's model, columns as Prisma names them. */
export type LineItemRow = LineItemModel;

/** The amounts of a line (`numeric` columns): exact text when read inside JSON. */
const LINE_ITEM_DECIMALS = [
  "quantity",
  "unitPrice",
  "taxRate",
  "discountPercent",
  "subtotal",
  "discountAmount",
  "subtotalAfterDiscount",
  "taxAmount",
  "total",
] as const satisfies (keyof LineItemRow)[];
type LineItemDecimal = (typeof LINE_ITEM_DECIMALS)[number];

/** The fields `K` of a line read inside JSON (`json_build_object`): its amounts as exact text. */
export type LineItemJson<K extends keyof LineItemRow> = JsonText<
  Pick<LineItemRow, K>,
  K & LineItemDecimal
>;

/** The one mapping from a line read as JSON: each of its amounts back to a Decimal. */
export function lineItemOf<K extends keyof LineItemRow>(
  line: LineItemJson<K>,
): WithDecimals<Pick<LineItemRow, K>, K & LineItemDecimal> {
  const read = LINE_ITEM_DECIMALS.filter((key) => key in line) as (K & LineItemDecimal)[];
  return withDecimals(line, read) as unknown as WithDecimals<
    Pick<LineItemRow, K>,
    K & LineItemDecimal
  >;
}

// ---------------------------------------------------------------- customers

/** What a draft copies of its customer, and the customer's terms: `customers` as `c`. */
export type CustomerRow = Pick<
  CustomerModel,
  | "name"
  | "legalName"
  | "street"
  | "postalCode"
  | "city"
  | "country"
  | "vatId"
  | "defaultCurrency"
  | "paymentTermsDays"
  | "archivedAt"
>;

const CUSTOMER_COLUMN_SQL: ColumnSql<CustomerRow> = {
  name: "c.name",
  legalName: "c.legal_name",
  street: "c.street",
  postalCode: "c.postal_code",
  city: "c.city",
  country: "c.country",
  vatId: "c.vat_id",
  defaultCurrency: "c.default_currency",
  paymentTermsDays: "c.payment_terms_days",
  archivedAt: "c.archived_at",
};

const CUSTOMER_PREFIX = "customer.";

/** The `CustomerRow` of `c`, each column named `customer.<field>` beside a document's columns. */
export const CUSTOMER_COLUMNS = selectList(
  CUSTOMER_COLUMN_SQL,
  Object.keys(CUSTOMER_COLUMN_SQL),
  CUSTOMER_PREFIX,
);

/** Splits a row read with `CUSTOMER_COLUMNS` into the rest and its customer. */
export function withCustomer<R extends Record<string, unknown>>(
  row: R,
): { rest: Omit<R, `${typeof CUSTOMER_PREFIX}${string}`>; customer: CustomerRow } {
  const rest: Record<string, unknown> = {};
  const customer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith(CUSTOMER_PREFIX)) customer[key.slice(CUSTOMER_PREFIX.length)] = value;
    else rest[key] = value;
  }
  return {
    rest: rest as Omit<R, `${typeof CUSTOMER_PREFIX}${string}`>,
    customer: customer as CustomerRow,
  };
}
