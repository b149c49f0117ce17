import type { Tx } from "@ledgerline/db";
import {
  checkOverInvoicing,
  countsAsInvoiced,
  invoicedAmountOf,
  isOrderType,
  toDecimal,
  type EarlierInvoice,
  type OrderInvoice,
  type OrderType,
  type SalesDocumentType,
} from "@ledgerline/domain";
import type { JsonText } from "../shared/raw-sql-rows.ts";
import { lockRowForUpdate } from "../shared/row-locks.ts";
import { fromDbDate } from "./company-context.ts";
import type { LockedDocument } from "./document-records.ts";
import type { LineItemJson, SalesDocumentRow } from "./sales-document-rows.ts";
import {
  creditedAmountSql,
  creditNotesOf,
  issuedCreditNoteSql,
  settlementInvoiceIdSql,
} from "./settlement-read-model.ts";

/**
 * The database side of "an order is invoiced once" (§5.4a); the rules are in packages/domain
 * (`order-invoicing.ts`), these functions read what they need.
 */

export type StoredOrderInvoice = OrderInvoice & Pick<SalesDocumentRow, "issuedDate">;

/** An invoice of an order as `readOrderInvoices` reads it: amounts as exact text. */
type OrderInvoiceRow = JsonText<
  Pick<SalesDocumentRow, "id" | "number" | "status" | "total" | "issuedDate">,
  "total"
> & { creditedAmount: string };

/** A line of an earlier invoice or of its issued credit notes, with the invoice it counts for. */
type EarlierLineRow = LineItemJson<
  "quantity" | "unitPrice" | "taxRate" | "discountPercent" | "subtotalAfterDiscount" | "taxAmount"
> & { invoiceId: string };

/** The invoices made from an order, oldest first, with what their issued credit notes took back. */
export async function readOrderInvoices(tx: Tx, orderId: string): Promise<StoredOrderInvoice[]> {
  const rows = await tx.$queryRaw<OrderInvoiceRow[]>`
    SELECT i.id::text, i.number, i.status::text AS status, i.total::text AS total,
           i.issued_date AS "issuedDate",
           (SELECT ${creditedAmountSql("note")}::text FROM sales_documents note
            WHERE ${creditNotesOf("i", "note")}) AS "creditedAmount"
    FROM sales_documents i
    WHERE i.source_document_id = ${orderId}::uuid AND i.type = 'invoice'
    ORDER BY i.created_at, i.id`;
  return rows;
}

/**
 * The earlier invoices a final invoice deducts: the issued, not cancelled invoices of the order,
 * each with its lines and the lines of its issued credit notes (which give part of it back).
 */
export async function readEarlierInvoices(
  tx: Tx,
  invoices: readonly StoredOrderInvoice[],
): Promise<EarlierInvoice[]> {
  const counted = invoices.filter((invoice) => countsAsInvoiced(invoice.status));
  if (counted.length === 0) return [];
  const ids = counted.map((invoice) => invoice.id);
  const lines = await tx.$queryRaw<EarlierLineRow[]>`
    SELECT ${settlementInvoiceIdSql("d")}::text AS "invoiceId",
           l.quantity::text AS quantity, l.unit_price::text AS "unitPrice",
           l.tax_rate::text AS "taxRate", l.discount_percent::text AS "discountPercent",
           l.subtotal_after_discount::text AS "subtotalAfterDiscount",
           l.tax_amount::text AS "taxAmount"
    FROM line_items l
    JOIN sales_documents d ON d.id = l.sales_document_id
    WHERE d.id = ANY(${ids}::uuid[])
       OR (${issuedCreditNoteSql("d")} AND d.source_document_id = ANY(${ids}::uuid[]))
    ORDER BY d.created_at, l.position`;
  return counted.map((invoice) => ({
    number: invoice.number ?? "",
    issuedDate: fromDbDate(invoice.issuedDate) ?? "",
    lines: lines.filter((line) => line.invoiceId === invoice.id),
  }));
}

/** The order an invoice was made from, locked, or null when it was made from none. */
async function lockOrderOf(
  tx: Tx,
  invoice: LockedDocument,
): Promise<{ id: string; type: OrderType; currency: string; total: string } | null> {
  if (invoice.type !== "invoice" || !invoice.sourceDocumentId) return null;
  await lockRowForUpdate(tx, "sales_documents", invoice.sourceDocumentId);
  const [order] = await tx.$queryRaw<
    Array<{ id: string; type: SalesDocumentType; currency: string; total: string }>
  >`
    SELECT id::text, type::text AS type, currency, total::text AS total
    FROM sales_documents WHERE id = ${invoice.sourceDocumentId}::uuid`;
  if (!order || !isOrderType(order.type)) return null;
  return { ...order, type: order.type };
}

/**
 * Before an invoice made from an order is issued, submitted or approved: refuses it when it
 * would push what is invoiced of the order above the order's total, unless the person confirmed
 * it. The order's row is locked first (`lockRowForUpdate`), so two invoices of one order are
 * decided one after the other and cannot both pass the limit. Returns the facts the audit event
 * records when the person confirmed invoicing more, else null.
 */
export async function checkInvoiceWithinOrder(
  tx: Tx,
  invoice: LockedDocument,
  confirmed: boolean,
): Promise<ReturnType<typeof checkOverInvoicing>> {
  const order = await lockOrderOf(tx, invoice);
  if (!order) return null;
  const others = (await readOrderInvoices(tx, order.id)).filter((other) => other.id !== invoice.id);
  return checkOverInvoicing({
    order,
    invoicedAmount: invoicedAmountOf(others),
    invoiceTotal: toDecimal(invoice.total),
    confirmed,
  });
}

/** `{ overInvoicing: … }` for an audit event's extra facts, or nothing. */
export const overInvoicingAudit = (
  facts: ReturnType<typeof checkOverInvoicing>,
): Record<string, unknown> => (facts ? { overInvoicing: facts } : {});
