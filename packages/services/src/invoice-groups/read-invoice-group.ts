import type { Db, Tx } from "@ledgerline/db";
import {
  compareByLanguage,
  idSchema,
  invoiceGroupAllowedActions,
  invoiceGroupTotalsOf,
  toDecimal,
  type Decimal,
  type InvoiceGroupAllowedAction,
  type InvoiceGroupLineOrder,
  type InvoiceGroupStatus,
  type InvoiceGroupTotal,
  type LineItemType,
  type SalesDocumentStatus,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { fromDbDate, roleOf } from "../sales-documents/company-context.ts";
import { invoiceGroupNotFound } from "./invoice-group-records.ts";

/** A line of an invoice in a group, as the statement shows it (word rates: the unit price). */
export interface InvoiceGroupLine {
  position: number;
  description: string;
  itemType: LineItemType;
  sourceLanguage: string | null;
  targetLanguage: string | null;
  quantity: Decimal;
  unit: string | null;
  unitPrice: Decimal;
  total: Decimal;
}

export interface InvoiceGroupInvoice {
  id: string;
  number: string | null;
  status: SalesDocumentStatus;
  issuedDate: string | null;
  dueDate: string | null;
  currency: string;
  /** The job's (project's) title, seed 004 "job titles". */
  projectName: string | null;
  netAmount: Decimal;
  taxAmount: Decimal;
  total: Decimal;
  paidAmount: Decimal;
  addedAt: string;
  /** In the group's line order. */
  lines: InvoiceGroupLine[];
}

export interface InvoiceGroupDetail {
  id: string;
  number: string | null;
  status: InvoiceGroupStatus;
  customerId: string;
  customerName: string;
  currency: string;
  invoiceDate: string;
  dueDate: string | null;
  notes: string | null;
  includeInvoices: boolean;
  includeJobTitles: boolean;
  includeWordRates: boolean;
  lineOrder: InvoiceGroupLineOrder;
  issuedAt: Date | null;
  /** Set while archived: out of the default list. */
  archivedAt: Date | null;
  /** Set while soft-deleted: hidden from lists, kept with its number and invoices. */
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  invoices: InvoiceGroupInvoice[];
  /** Sums of the invoices per currency, computed here and never stored. */
  totals: InvoiceGroupTotal[];
  allowedActions: InvoiceGroupAllowedAction[];
}

interface DetailRow {
  id: string;
  number: string | null;
  status: InvoiceGroupStatus;
  customerId: string;
  customerName: string;
  currency: string;
  invoiceDate: Date;
  dueDate: Date | null;
  notes: string | null;
  includeInvoices: boolean;
  includeJobTitles: boolean;
  includeWordRates: boolean;
  lineOrder: InvoiceGroupLineOrder;
  issuedAt: Date | null;
  /** Set while archived: out of the default list. */
  archivedAt: Date | null;
  /** Set while soft-deleted: hidden from lists, kept with its number and invoices. */
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  invoices: Array<{
    id: string;
    number: string | null;
    status: SalesDocumentStatus;
    issuedDate: string | null;
    dueDate: string | null;
    currency: string;
    projectName: string | null;
    netAmount: string;
    taxAmount: string;
    total: string;
    paidAmount: string;
    addedAt: string;
    lines: Array<{
      position: number;
      description: string;
      itemType: LineItemType;
      sourceLanguage: string | null;
      targetLanguage: string | null;
      quantity: string;
      unit: string | null;
      unitPrice: string;
      total: string;
    }>;
  }>;
}

/**
 * Seed 004 `GET /invoice-groups/{uuid}`: the group with its invoices (in the order they were
 * added), their lines (in the group's line order) and the totals per currency, read in one
 * statement so the totals and the invoices are of the same moment. Amounts travel as text
 * inside the JSON so no digit is lost to a float.
 */
export async function getInvoiceGroup(
  client: Db | Tx,
  actor: Actor,
  rawId: string,
): Promise<InvoiceGroupDetail> {
  const id = idSchema.parse(rawId);
  const [row] = await client.$queryRaw<DetailRow[]>`
    SELECT g.id::text AS "id", g.number, g.status, g.customer_id::text AS "customerId",
           c.name AS "customerName", g.currency, g.invoice_date AS "invoiceDate",
           g.due_date AS "dueDate", g.notes, g.include_invoices AS "includeInvoices",
           g.include_job_titles AS "includeJobTitles", g.include_word_rates AS "includeWordRates",
           g.line_order AS "lineOrder", g.issued_at AS "issuedAt", g.created_at AS "createdAt",
           g.archived_at AS "archivedAt", g.deleted_at AS "deletedAt",
           g.updated_at AS "updatedAt",
           coalesce((
             SELECT json_agg(json_build_object(
                      'id', d.id, 'number', d.number, 'status', d.status,
                      'issuedDate', d.issued_date, 'dueDate', d.due_date, 'currency', d.currency,
                      'projectName', p.name,
                      'netAmount', d.net_amount::text, 'taxAmount', d.tax_amount::text,
                      'total', d.total::text, 'paidAmount', d.paid_amount::text,
                      'addedAt', m.added_at,
                      'lines', coalesce((
                        SELECT json_agg(json_build_object(
                                 'position', l.position, 'description', l.description,
                                 'itemType', l.item_type, 'sourceLanguage', l.source_language,
                                 'targetLanguage', l.target_language,
                                 'quantity', l.quantity::text, 'unit', l.unit,
                                 'unitPrice', l.unit_price::text, 'total', l.total::text)
                               ORDER BY l.position)
                        FROM line_items l WHERE l.sales_document_id = d.id), '[]'::json))
                    ORDER BY m.added_at, d.number)
             FROM invoice_group_invoices m
             JOIN sales_documents d ON d.id = m.invoice_id
             LEFT JOIN projects p ON p.id = d.project_id
             WHERE m.group_id = g.id), '[]'::json) AS "invoices"
    FROM invoice_groups g
    JOIN customers c ON c.id = g.customer_id
    WHERE g.id = ${id}::uuid`;
  if (!row) throw invoiceGroupNotFound();
  const invoices: InvoiceGroupInvoice[] = row.invoices.map((invoice) => {
    const lines = invoice.lines.map((line) => ({
      ...line,
      quantity: toDecimal(line.quantity),
      unitPrice: toDecimal(line.unitPrice),
      total: toDecimal(line.total),
    }));
    if (row.lineOrder === "language") lines.sort(compareByLanguage);
    return {
      ...invoice,
      netAmount: toDecimal(invoice.netAmount),
      taxAmount: toDecimal(invoice.taxAmount),
      total: toDecimal(invoice.total),
      paidAmount: toDecimal(invoice.paidAmount),
      lines,
    };
  });
  return {
    ...row,
    invoiceDate: fromDbDate(row.invoiceDate)!,
    dueDate: fromDbDate(row.dueDate),
    invoices,
    totals: invoiceGroupTotalsOf(invoices),
    allowedActions: invoiceGroupAllowedActions(
      {
        status: row.status,
        invoiceCount: invoices.length,
        archivedAt: row.archivedAt,
        deletedAt: row.deletedAt,
      },
      roleOf(actor),
    ),
  };
}
