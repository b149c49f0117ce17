import type { LineItemModel, Prisma, Tx } from "@ledgerline/db";
import {
  AppError,
  computeDocumentTotals,
  Decimal,
  SALES_DOCUMENT_TYPE_LABELS,
  type DocumentTotals,
  type LineItemType,
  type SalesDocumentType,
  appMessage,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import {
  CUSTOMER_COLUMNS,
  salesDocumentColumns,
  salesDocumentOf,
  withCustomer,
  type CustomerRow,
  type SalesDocumentRecord,
  type SalesDocumentRow,
} from "./sales-document-rows.ts";
import {
  salesSettingsOf,
  settlementInvoiceIdSql,
  type SalesSettings,
} from "./settlement-read-model.ts";
import {
  COMPANY_SETTINGS_JOIN,
  SALES_SETTINGS_SQL,
  type SalesSettingsRow,
} from "../settings/company-settings-rows.ts";

/** The audit trail's name for sales documents (history reads it back). */
export const SALES_DOCUMENT_ENTITY = "salesDocument";

/** A sales document's header as a use case works with it, read under a row lock. */
export interface LockedDocument extends SalesDocumentRecord {
  /** The customer as it is now (the document's copy follows it while a draft). */
  customer: LockedCustomer;
}

export type LockedCustomer = CustomerRow;

export const documentNotFound = () => new AppError("NOT_FOUND", appMessage("document.notFound"));

/** A soft-deleted document (§5.10) allows nothing but being restored. */
export const deletedDocumentError = () =>
  new AppError("CONFLICT", appMessage("document.deleted"), { details: { allowed: [] } });

export interface LockOptions {
  /**
   * Lock a soft-deleted document too (restore, the due-date sweep); by default a deleted
   * document is refused with `CONFLICT`, so no use case changes it by accident.
   */
  allowDeleted?: boolean;
}

export interface LockedFamily {
  document: LockedDocument;
  /**
   * The invoice whose settlement the document belongs to: the document itself for an invoice,
   * the credited invoice for a credit note, else null.
   */
  invoice: LockedDocument | null;
  /** The company's sales settings, read by the same statement. */
  settings: SalesSettings;
}

/**
 * Locks a document for the rest of the transaction (`SELECT … FOR NO KEY UPDATE`: writers of
 * the document wait, foreign-key checks of other transactions on it do not, see
 * `lockRowForUpdate`), and for a credit note its invoice too. The invoice row is the one lock for everything that moves an invoice's
 * settlement (its payments, its credit notes and their refunds), and it is always taken first,
 * in the same statement, so two writers can neither both pass a limit nor deadlock. The
 * customer comes along (unlocked) for the copy a draft carries, and the company's sales settings
 * for the rules that need them (approval threshold, number prefixes), saving a round trip.
 */
export async function lockDocumentFamily(
  tx: Tx,
  id: string,
  options: LockOptions = {},
): Promise<LockedFamily> {
  const rows = await tx.$queryRaw<Array<Record<string, unknown>>>`
    SELECT ${salesDocumentColumns()}, ${CUSTOMER_COLUMNS}, ${SALES_SETTINGS_SQL} AS "settings"
    FROM sales_documents d JOIN customers c ON c.id = d.customer_id
    ${COMPANY_SETTINGS_JOIN}
    WHERE d.id = ${id}::uuid
       OR d.id = (SELECT ${settlementInvoiceIdSql("member")} FROM sales_documents member
                  WHERE member.id = ${id}::uuid)
    ORDER BY (d.id = ${id}::uuid) ASC
    FOR NO KEY UPDATE OF d`;
  const documents = rows.map((row): LockedDocument => {
    const { rest, customer } = withCustomer(row);
    const { settings: _settings, ...document } = rest as SalesDocumentRow & { settings: unknown };
    return { ...salesDocumentOf(document), customer };
  });
  const document = documents.find((row) => row.id === id);
  if (!document) throw documentNotFound();
  if (document.deletedAt && !options.allowDeleted) throw deletedDocumentError();
  const invoice =
    document.type === "invoice"
      ? document
      : (documents.find((row) => row.id !== id && row.type === "invoice") ?? null);
  return {
    document,
    invoice,
    settings: salesSettingsOf(rows[0]!.settings as SalesSettingsRow | null),
  };
}

/** Locks one document (no family): for actions that never touch a settlement. */
export async function lockDocument(
  tx: Tx,
  id: string,
  options: LockOptions = {},
): Promise<LockedDocument> {
  return (await lockDocumentFamily(tx, id, options)).document;
}

// ---------------------------------------------------------------- lines and totals

/** A line as it will be stored, before its position and amounts are added. */
export interface UnpricedLine {
  id?: string;
  description: string;
  quantity: string;
  unit: string | null;
  unitPrice: string;
  taxRate: string;
  discountPercent: string;
  itemType: LineItemType;
  sourceLanguage: string | null;
  targetLanguage: string | null;
  sourceLineItemId: string | null;
  expenseId: string | null;
}

export interface PricedLine extends UnpricedLine {
  position: number;
  subtotal: string;
  discountAmount: string;
  subtotalAfterDiscount: string;
  taxAmount: string;
  total: string;
}

export interface PricedDocument {
  lines: PricedLine[];
  header: {
    subtotal: string;
    discountAmount: string;
    netAmount: string;
    taxAmount: string;
    total: string;
  };
  totals: DocumentTotals;
}

/** numeric(14,2) holds less than 10^12. */
const MONEY_LIMIT = new Decimal(10).pow(12);

/**
 * Positions 1..n in the given order and every amount from the one rule
 * (`computeDocumentTotals`), the same function the browser form calls.
 */
export function priceLines(lines: readonly UnpricedLine[]): PricedDocument {
  const totals = computeDocumentTotals(lines);
  // Totals include up to 100 % tax, so the largest figure of a line is its total.
  const tooLarge = totals.lines.findIndex((amounts) => amounts.total.abs().gte(MONEY_LIMIT));
  if (
    tooLarge >= 0 ||
    totals.total.abs().gte(MONEY_LIMIT) ||
    totals.subtotal.abs().gte(MONEY_LIMIT)
  ) {
    const field = tooLarge >= 0 ? `lines.${tooLarge}.quantity` : "lines";
    const message = appMessage("field.amountTooLarge");
    throw new AppError("BAD_REQUEST", message, { fieldErrors: { [field]: [message] } });
  }
  return {
    lines: lines.map((line, index) => {
      const amounts = totals.lines[index]!;
      return {
        ...line,
        position: index + 1,
        subtotal: amounts.subtotal.toFixed(2),
        discountAmount: amounts.discountAmount.toFixed(2),
        subtotalAfterDiscount: amounts.subtotalAfterDiscount.toFixed(2),
        taxAmount: amounts.taxAmount.toFixed(2),
        total: amounts.total.toFixed(2),
      };
    }),
    header: {
      subtotal: totals.subtotal.toFixed(2),
      discountAmount: totals.discountAmount.toFixed(2),
      netAmount: totals.netAmount.toFixed(2),
      taxAmount: totals.taxAmount.toFixed(2),
      total: totals.total.toFixed(2),
    },
    totals,
  };
}

/**
 * Writes priced lines of a document; an existing line keeps its id. One statement over arrays
 * (`unnest`) whose text is the same for any number of lines, so PostgreSQL prepares and plans it
 * once per connection: a `createMany` is a new statement for every count, built each time.
 */
export async function insertLines(
  tx: Tx,
  salesDocumentId: string,
  lines: readonly PricedLine[],
): Promise<void> {
  if (lines.length === 0) return;
  const column = <K extends keyof PricedLine>(key: K) => lines.map((line) => line[key] ?? null);
  await tx.$executeRaw`
    INSERT INTO line_items
      (id, sales_document_id, position, description, quantity, unit, unit_price, tax_rate,
       discount_percent, item_type, source_language, target_language, source_line_item_id,
       expense_id, subtotal, discount_amount, subtotal_after_discount, tax_amount, total)
    SELECT coalesce(l.id, gen_random_uuid()), ${salesDocumentId}::uuid, l.position, l.description,
           l.quantity, l.unit, l.unit_price, l.tax_rate, l.discount_percent,
           l.item_type::line_item_type, l.source_language, l.target_language,
           l.source_line_item_id, l.expense_id, l.subtotal, l.discount_amount,
           l.subtotal_after_discount, l.tax_amount, l.total
    FROM unnest(
      ${column("id")}::uuid[], ${column("position")}::int[], ${column("description")}::text[],
      ${column("quantity")}::numeric[], ${column("unit")}::text[], ${column("unitPrice")}::numeric[],
      ${column("taxRate")}::numeric[], ${column("discountPercent")}::numeric[],
      ${column("itemType")}::text[], ${column("sourceLanguage")}::text[],
      ${column("targetLanguage")}::text[], ${column("sourceLineItemId")}::uuid[],
      ${column("expenseId")}::uuid[], ${column("subtotal")}::numeric[],
      ${column("discountAmount")}::numeric[], ${column("subtotalAfterDiscount")}::numeric[],
      ${column("taxAmount")}::numeric[], ${column("total")}::numeric[]
    ) AS l(id, position, description, quantity, unit, unit_price, tax_rate, discount_percent,
           item_type, source_language, target_language, source_line_item_id, expense_id,
           subtotal, discount_amount, subtotal_after_discount, tax_amount, total)`;
}

/** Everything a line stores: what the API returns, the audit trail and re-pricing read. */
export const lineItemSelect = {
  id: true,
  position: true,
  description: true,
  quantity: true,
  unit: true,
  unitPrice: true,
  taxRate: true,
  discountPercent: true,
  itemType: true,
  sourceLanguage: true,
  targetLanguage: true,
  sourceLineItemId: true,
  expenseId: true,
  subtotal: true,
  discountAmount: true,
  subtotalAfterDiscount: true,
  taxAmount: true,
  total: true,
} satisfies Prisma.LineItemSelect;

/** What a line is priced from again, or copied from (§5.11); `lineItemSelect` reads more. */
export type StoredLine = Pick<
  LineItemModel,
  | "id"
  | "description"
  | "quantity"
  | "unit"
  | "unitPrice"
  | "taxRate"
  | "discountPercent"
  | "itemType"
  | "sourceLanguage"
  | "targetLanguage"
  | "sourceLineItemId"
  | "expenseId"
>;

/**
 * A stored line as a line to price: the one mapping from the stored decimals to the places
 * their columns hold. As it is (its id and links kept) when a draft is re-priced; with
 * `copy`, as a new line on another document, linked back to this one, with the copy's quantity.
 */
export function unpricedLineOfStored(line: StoredLine, copy?: { quantity: Decimal }): UnpricedLine {
  const values = {
    description: line.description,
    quantity: (copy?.quantity ?? line.quantity).toFixed(3),
    unit: line.unit,
    unitPrice: line.unitPrice.toFixed(4),
    taxRate: line.taxRate.toFixed(2),
    discountPercent: line.discountPercent.toFixed(2),
    itemType: line.itemType,
    sourceLanguage: line.sourceLanguage,
    targetLanguage: line.targetLanguage,
  };
  return copy
    ? { ...values, sourceLineItemId: line.id, expenseId: null }
    : {
        id: line.id,
        ...values,
        sourceLineItemId: line.sourceLineItemId,
        expenseId: line.expenseId,
      };
}

/** A stored line copied onto another document (conversions, corrections) with `quantity`. */
export const copiedLine = (line: StoredLine, quantity: Decimal): UnpricedLine =>
  unpricedLineOfStored(line, { quantity });

// ---------------------------------------------------------------- the customer copy

export const customerCopySelect = {
  id: true,
  name: true,
  legalName: true,
  street: true,
  postalCode: true,
  city: true,
  country: true,
  vatId: true,
  defaultCurrency: true,
  paymentTermsDays: true,
  archivedAt: true,
} satisfies Prisma.CustomerSelect;

export interface CustomerForCopy {
  name: string;
  legalName: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  vatId: string | null;
}

/** The customer as the document prints it; follows the customer while draft, frozen on issue. */
export const customerCopyOf = (customer: CustomerForCopy) => ({
  customerName: customer.name,
  billingAddress: {
    name: customer.legalName ?? customer.name,
    street: customer.street,
    postalCode: customer.postalCode,
    city: customer.city,
    country: customer.country,
  },
  customerVatId: customer.vatId,
});

// ---------------------------------------------------------------- audit

/** What the audit trail keeps of a document's header (lines are added where they change). */
export const headerSnapshot = (document: Partial<LockedDocument> & { status: string }) => ({
  type: document.type,
  number: document.number,
  status: document.status,
  currency: document.currency,
  customerId: document.customerId,
  projectId: document.projectId,
  issuedDate: document.issuedDate,
  dueDate: document.dueDate,
  validUntil: document.validUntil,
  total: document.total,
});

/** One audit event of a sales document; `before.status`/`after.status` make its history. */
export const recordDocumentEvent = (
  tx: Tx,
  actor: Actor,
  id: string,
  action: string,
  before: unknown,
  after: unknown,
) =>
  recordAuditEvent(tx, actor, {
    action,
    entityType: SALES_DOCUMENT_ENTITY,
    entityId: id,
    before,
    after,
  });

export const labelOf = (type: SalesDocumentType) => SALES_DOCUMENT_TYPE_LABELS[type];
