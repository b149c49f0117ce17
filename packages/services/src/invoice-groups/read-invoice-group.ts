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
  type InvoiceGroupTotal,
  type IsoDate,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { roleOf } from "../sales-documents/company-context.ts";
import { isRecordVisibleTo } from "../shared/record-visibility.ts";
import { INVOICE_CREDITED_SQL } from "../sales-documents/settlement-read-model.ts";
import { withDecimals, type WithDecimals } from "../shared/raw-sql-rows.ts";
import { lineItemOf } from "../sales-documents/sales-document-rows.ts";
import { invoiceGroupFactsOf, invoiceGroupNotFound } from "./invoice-group-records.ts";
import {
  GROUP_INVOICE_DECIMALS,
  invoiceGroupColumns,
  withInvoiceGroupDates,
  type GroupInvoiceJson,
  type GroupInvoiceSource,
  type GroupLineJson,
  type GroupLineKey,
  type InvoiceGroupRow,
  type WithInvoiceGroupDates,
} from "./invoice-group-rows.ts";

/** A line of an invoice in a group, as the statement shows it (word rates: the unit price). */
export type InvoiceGroupLine = ReturnType<typeof lineItemOf<GroupLineKey>>;

export type InvoiceGroupInvoice = Omit<
  WithDecimals<GroupInvoiceSource, (typeof GROUP_INVOICE_DECIMALS)[number]>,
  "issuedDate" | "dueDate"
> & {
  issuedDate: IsoDate | null;
  dueDate: IsoDate | null;
  /** The job's (project's) title, seed 004 "job titles". */
  projectName: string | null;
  /** `creditedAmountOf` the invoice: what its issued credit notes took off. */
  creditedAmount: Decimal;
  addedAt: string;
  /** In the group's line order. */
  lines: InvoiceGroupLine[];
};

export type InvoiceGroupDetail = WithInvoiceGroupDates<
  Omit<InvoiceGroupRow, "lineOrder"> & { lineOrder: InvoiceGroupLineOrder }
> & {
  customerName: string;
  invoices: InvoiceGroupInvoice[];
  /** Sums of the invoices per currency, computed here and never stored. */
  totals: InvoiceGroupTotal[];
  allowedActions: InvoiceGroupAllowedAction[];
};

type DetailRow = InvoiceGroupRow & {
  customerName: string;
  invoices: Array<
    GroupInvoiceJson & {
      projectName: string | null;
      creditedAmount: string;
      addedAt: string;
      lines: GroupLineJson[];
    }
  >;
};

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
    SELECT ${invoiceGroupColumns()}, c.name AS "customerName",
           coalesce((
             SELECT json_agg(json_build_object(
                      'id', d.id, 'number', d.number, 'status', d.status,
                      'issuedDate', d.issued_date, 'dueDate', d.due_date, 'currency', d.currency,
                      'projectName', p.name,
                      'netAmount', d.net_amount::text, 'taxAmount', d.tax_amount::text,
                      'total', d.total::text, 'paidAmount', d.paid_amount::text,
                      'creditedAmount', ${INVOICE_CREDITED_SQL}::text,
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
  if (!row || !isRecordVisibleTo(actor, "invoiceGroup", row)) throw invoiceGroupNotFound();
  const invoices: InvoiceGroupInvoice[] = row.invoices.map((invoice) => {
    const lines = invoice.lines.map((line) => lineItemOf(line));
    if (row.lineOrder === "language") lines.sort(compareByLanguage);
    return {
      ...withDecimals(invoice, GROUP_INVOICE_DECIMALS),
      issuedDate: invoice.issuedDate as IsoDate | null,
      dueDate: invoice.dueDate as IsoDate | null,
      creditedAmount: toDecimal(invoice.creditedAmount),
      lines,
    };
  });
  const group = { ...row, lineOrder: row.lineOrder as InvoiceGroupLineOrder };
  return {
    ...withInvoiceGroupDates(group),
    invoices,
    totals: invoiceGroupTotalsOf(invoices),
    allowedActions: invoiceGroupAllowedActions(
      invoiceGroupFactsOf({ ...row, _count: { invoices: invoices.length } }),
      roleOf(actor),
    ),
  };
}
