import { Prisma, type Db } from "@ledgerline/db";
import {
  AppError,
  allowedActions,
  paymentActionsOf,
  refundActionAmountOf,
  computeDocumentTotals,
  computeReadValues,
  idSchema,
  invoiceRefundDue,
  recordActionsOf,
  requiresApproval,
  type InvoiceGroupStatus,
  type SalesDocumentStatus,
  toDecimal,
  ZERO,
  type Decimal,
  type SalesDocumentType,
  documentNumberSchema,
  appMessage,
  isOrderType,
  lineOrderOf,
  orderInvoicingOf,
  orderLines,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { historyEntryOf, historySql, type HistoryJson } from "../audit/history.ts";
import type { JsonText } from "../shared/raw-sql-rows.ts";
import { isRecordVisibleTo } from "../shared/record-visibility.ts";
import { approverOf, companyToday, fromDbDate } from "./company-context.ts";
import {
  documentNotFound,
  type lineItemSelect,
  SALES_DOCUMENT_ENTITY,
} from "./document-records.ts";
import {
  lineItemOf,
  salesDocumentColumns,
  salesDocumentOf,
  type LineItemJson,
  type SalesDocumentRow,
} from "./sales-document-rows.ts";
import {
  creditedAmountSql,
  creditNotesOf,
  refundedAmountSql,
  salesSettingsOf,
  settlementInvoiceIdSql,
} from "./settlement-read-model.ts";
import {
  COMPANY_SETTINGS_JOIN,
  SALES_SETTINGS_SQL,
  type SalesSettingsRow,
} from "../settings/company-settings-rows.ts";

/** The detail read's one row: the document and everything it refers to (`readHeader`). */
interface HeaderRow extends SalesDocumentRow {
  submittedByName: string | null;
  approvedByName: string | null;
  issuedByName: string | null;
  deletedByName: string | null;
  currentCustomerName: string;
  currentCustomerEmail: string | null;
  currentCustomerArchivedAt: Date | null;
  projectNumber: number | null;
  projectName: string | null;
  contactName: string | null;
  contactEmail: string | null;
  sourceType: SalesDocumentType | null;
  sourceNumber: string | null;
  sourceStatus: SalesDocumentStatus | null;
  groupId: string | null;
  groupNumber: string | null;
  groupStatus: InvoiceGroupStatus | null;
  settings: SalesSettingsRow | null;
  familyTotal: Decimal | null;
  familyPaidAmount: Decimal | null;
  creditedAmount: Decimal | null;
  refundedAmount: Decimal | null;
  lineItems: LineItemJson<keyof typeof lineItemSelect>[];
  payments: PaymentJson[];
  followUps: FollowUpJson[];
  history: HistoryJson<SalesDocumentStatus>[];
}

type PaymentView = ReturnType<
  typeof toPaymentView<Prisma.PaymentGetPayload<{ select: typeof paymentSelect }>>
>;
type PaymentJson = JsonText<PaymentView, "amount", "createdAt" | "updatedAt">;
/** A follow-up with what its issued credit notes took back (invoices; 0 for the others). */
type FollowUpJson = JsonText<
  Pick<SalesDocumentRow, "id" | "type" | "number" | "status" | "total"> & {
    creditedAmount: Decimal;
  },
  "total" | "creditedAmount"
>;

/**
 * The header with everything it refers to in one statement: customer, project, contact, source
 * document, the invoice group it is in, the people who submitted, approved and issued it, the approval threshold, and the
 * settlement figures of its invoice (itself, or the invoice a credit note credits).
 */
const readHeader = (db: Db, where: Prisma.Sql) =>
  db.$queryRaw<HeaderRow[]>`
    SELECT ${salesDocumentColumns()},
           submitter.name AS "submittedByName", approver.name AS "approvedByName",
           issuer.name AS "issuedByName", deleter.name AS "deletedByName",
           c.name AS "currentCustomerName", c.email AS "currentCustomerEmail",
           c.archived_at AS "currentCustomerArchivedAt",
           p.number AS "projectNumber", p.name AS "projectName",
           contact.name AS "contactName", contact.email AS "contactEmail",
           source.type::text AS "sourceType", source.number AS "sourceNumber",
           source.status::text AS "sourceStatus",
           grp.id::text AS "groupId", grp.number AS "groupNumber", grp.status::text AS "groupStatus",
           ${SALES_SETTINGS_SQL} AS "settings",
           family.total AS "familyTotal", family.paid_amount AS "familyPaidAmount",
           credits.credited AS "creditedAmount", credits.refunded AS "refundedAmount",
           ${PARTS}
    FROM sales_documents d
    JOIN customers c ON c.id = d.customer_id
    LEFT JOIN projects p ON p.id = d.project_id
    LEFT JOIN contacts contact ON contact.id = d.contact_id
    LEFT JOIN sales_documents source ON source.id = d.source_document_id
    LEFT JOIN invoice_group_invoices member ON member.invoice_id = d.id
    LEFT JOIN invoice_groups grp ON grp.id = member.group_id
    LEFT JOIN users submitter ON submitter.id = d.submitted_by_id
    LEFT JOIN users approver ON approver.id = d.approved_by_id
    LEFT JOIN users issuer ON issuer.id = d.issued_by_id
    LEFT JOIN users deleter ON deleter.id = d.deleted_by_id
    ${COMPANY_SETTINGS_JOIN}
    LEFT JOIN sales_documents family
      ON family.type = 'invoice' AND family.id = ${settlementInvoiceIdSql("d")}
    LEFT JOIN LATERAL (
      SELECT ${creditedAmountSql("note")} AS credited, ${refundedAmountSql("note")} AS refunded
      FROM sales_documents note
      WHERE ${creditNotesOf("family", "note")}
    ) credits ON family.id IS NOT NULL
    WHERE ${where}`;

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

/**
 * Lines in order, payments newest first, follow-ups in the order they were made, and the history
 * in the order it was written (every write to a document holds its row lock, so that is the
 * order of the changes): each as a JSON array, so the whole document is one statement.
 */
const PARTS = Prisma.sql`
  (SELECT coalesce(json_agg(json_build_object(
            'id', l.id, 'position', l.position, 'description', l.description,
            'quantity', l.quantity::text, 'unit', l.unit, 'unitPrice', l.unit_price::text,
            'taxRate', l.tax_rate::text, 'discountPercent', l.discount_percent::text,
            'itemType', l.item_type, 'sourceLanguage', l.source_language,
            'targetLanguage', l.target_language, 'sourceLineItemId', l.source_line_item_id,
            'expenseId', l.expense_id, 'subtotal', l.subtotal::text,
            'discountAmount', l.discount_amount::text,
            'subtotalAfterDiscount', l.subtotal_after_discount::text,
            'taxAmount', l.tax_amount::text, 'total', l.total::text) ORDER BY l.position), '[]')
     FROM line_items l WHERE l.sales_document_id = d.id) AS "lineItems",
  (SELECT coalesce(json_agg(json_build_object(
            'id', p.id, 'salesDocumentId', p.sales_document_id, 'amount', p.amount::text,
            'paymentDate', p.payment_date, 'method', p.method, 'reference', p.reference,
            'note', p.note, 'createdAt', p.created_at, 'updatedAt', p.updated_at)
            ORDER BY p.payment_date DESC, p.created_at DESC), '[]')
     FROM payments p WHERE p.sales_document_id = d.id) AS "payments",
  (SELECT coalesce(json_agg(json_build_object(
            'id', f.id, 'type', f.type, 'number', f.number, 'status', f.status,
            'total', f.total::text,
            'creditedAmount', (SELECT ${creditedAmountSql("note")}::text FROM sales_documents note
                               WHERE ${creditNotesOf("f", "note")}))
            ORDER BY f.created_at, f.id), '[]')
     FROM sales_documents f WHERE f.source_document_id = d.id) AS "followUps",
  ${historySql(SALES_DOCUMENT_ENTITY, Prisma.sql`d.id::text`)} AS "history"`;

export const paymentSelect = {
  id: true,
  salesDocumentId: true,
  amount: true,
  paymentDate: true,
  method: true,
  reference: true,
  note: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.PaymentSelect;

/** A payment as the API returns it: its date as `YYYY-MM-DD`. */
export const toPaymentView = <T extends { paymentDate: Date }>(payment: T) => ({
  ...payment,
  paymentDate: fromDbDate(payment.paymentDate)!,
});

type Where = { id: string } | { number: string };

async function readSalesDocument(db: Db, actor: Actor, where: Where) {
  const [header] = await readHeader(
    db,
    "number" in where
      ? Prisma.sql`d.number = ${where.number}`
      : Prisma.sql`d.id = ${where.id}::uuid`,
  );
  if (!header) throw documentNotFound();
  // A soft-deleted document is found by id only by those who may delete (and restore) it: the
  // rule every way to the document and its files asks (`assertRecordVisible`), read here from
  // the header already in hand.
  if (!isRecordVisibleTo(actor, "salesDocument", header)) throw documentNotFound();
  const lineItems = header.lineItems.map(lineItemOf);
  const payments = header.payments.map((payment) => ({
    ...payment,
    amount: toDecimal(payment.amount),
    createdAt: new Date(payment.createdAt),
    updatedAt: new Date(payment.updatedAt),
  }));
  const followUps = header.followUps.map((followUp) => ({
    ...followUp,
    total: toDecimal(followUp.total),
    creditedAmount: toDecimal(followUp.creditedAmount),
  }));
  const history = header.history.map(historyEntryOf);
  const {
    submittedByName,
    approvedByName,
    issuedByName,
    deletedByName,
    currentCustomerName,
    currentCustomerEmail,
    currentCustomerArchivedAt,
    projectNumber,
    projectName,
    contactName,
    contactEmail,
    sourceType,
    sourceNumber,
    sourceStatus,
    groupId,
    groupNumber,
    groupStatus,
    settings,
    familyTotal,
    familyPaidAmount,
    creditedAmount,
    refundedAmount,
    lineItems: _lineItems,
    payments: _payments,
    followUps: _followUps,
    history: _history,
    ...row
  } = header;

  const document = salesDocumentOf(row);
  const today = companyToday();
  const { type, status } = document;
  const paidAmount = payments.reduce((sum, payment) => sum.plus(payment.amount), ZERO);
  const family =
    familyTotal !== null && familyPaidAmount !== null
      ? {
          total: familyTotal,
          paidAmount: familyPaidAmount,
          creditedAmount: toDecimal(creditedAmount ?? 0),
          refundedAmount: toDecimal(refundedAmount ?? 0),
        }
      : null;
  const readValues = computeReadValues({
    type,
    status,
    total: document.total,
    paidAmount,
    creditedAmount: type === "invoice" ? family?.creditedAmount : undefined,
    refundedAmount: type === "invoice" ? family?.refundedAmount : undefined,
    invoiceRefundDue: type === "credit_note" && family ? invoiceRefundDue(family) : null,
    dueDate: document.dueDate,
    today,
  });
  const { vatBreakdown } = computeDocumentTotals(lineItems);
  const salesSettings = salesSettingsOf(settings);
  const approvalRequired = requiresApproval({
    type,
    total: document.total,
    threshold: salesSettings.invoiceApprovalThreshold,
  });
  const sourceDocument =
    document.sourceDocumentId && sourceType && sourceStatus
      ? {
          id: document.sourceDocumentId,
          type: sourceType,
          number: sourceNumber,
          status: sourceStatus,
        }
      : null;
  const actionActor = await approverOf(db, actor, document);
  const actions = allowedActions(
    {
      type,
      status,
      total: document.total,
      paidAmount,
      submittedById: document.submittedById,
      followUps,
      source: sourceDocument,
      customerArchived: currentCustomerArchivedAt !== null,
      deleted: document.deletedAt !== null,
    },
    salesSettings,
    actionActor,
  );

  const invoicing = orderInvoicingOfDocument(document, followUps);

  return {
    ...document,
    ...readValues,
    invoicedAmount: invoicing?.invoicedAmount ?? null,
    remainingAmount: invoicing?.remainingAmount ?? null,
    invoiceInProgress: invoicing?.invoiceInProgress ?? null,
    customer: {
      id: document.customerId,
      name: currentCustomerName,
      email: currentCustomerEmail,
      archivedAt: currentCustomerArchivedAt,
    },
    project:
      document.projectId && projectNumber !== null
        ? { id: document.projectId, number: projectNumber, name: projectName ?? "" }
        : null,
    contact: document.contactId
      ? { id: document.contactId, name: contactName ?? "", email: contactEmail }
      : null,
    sourceDocument,
    /** The invoice group (statement) this invoice is in (seed 004 `invoice_groupid`). */
    invoiceGroup:
      groupId && groupStatus ? { id: groupId, number: groupNumber, status: groupStatus } : null,
    submittedBy: person(document.submittedById, submittedByName),
    approvedBy: person(document.approvedById, approvedByName),
    issuedBy: person(document.issuedById, issuedByName),
    deletedBy: person(document.deletedById, deletedByName),
    // In the document's line order (seed 004's language order, or as entered); each line keeps
    // its `position`, which the draft form edits by.
    lineOrder: lineOrderOf(document.lineOrder),
    lineItems: orderLines(lineItems, lineOrderOf(document.lineOrder)),
    payments,
    vatBreakdown,
    followUps,
    history,
    approvalRequired,
    allowedActions: actions,
    recordActions: recordActionsOf(document, actionActor.role),
    /** What Refund would pay back now (invoices; `refundActionAmountOf`). */
    refundAmount: type === "invoice" && family ? refundActionAmountOf(family) : null,
    paymentActions: paymentActionsOf(
      {
        type,
        status,
        deleted: document.deletedAt !== null,
        open: readValues.outstandingAmount,
        invoiceStatus:
          type === "invoice" ? status : type === "credit_note" ? (sourceStatus ?? null) : null,
      },
      actionActor.role,
    ),
  };
}

/**
 * An order's invoicing figures (§5.4a): for a quote, an order confirmation, a sales order or a
 * pro forma, what its invoices invoiced and what is left; null for the other types, and for a
 * quote that became an order confirmation (its order confirmation is invoiced instead).
 */
function orderInvoicingOfDocument(
  document: { type: SalesDocumentType; total: Decimal },
  followUps: readonly {
    id: string;
    type: SalesDocumentType;
    number: string | null;
    status: SalesDocumentStatus;
    total: Decimal;
    creditedAmount: Decimal;
  }[],
) {
  if (!isOrderType(document.type)) return null;
  const confirmed = followUps.some(
    (followUp) => followUp.type === "order_confirmation" && followUp.status !== "cancelled",
  );
  if (document.type === "quote" && confirmed) return null;
  return orderInvoicingOf(
    document.total,
    followUps.filter((followUp) => followUp.type === "invoice"),
  );
}

export type SalesDocumentDetail = Awaited<ReturnType<typeof readSalesDocument>>;

/**
 * One sales document with everything a detail screen shows: lines in order, payments newest
 * first, the VAT breakdown, the values computed on read (§6, as of today in the company's time
 * zone), customer, project, the document it came from and its follow-ups, its history, and the
 * actions the caller's role may take now.
 */
export function getSalesDocument(db: Db, actor: Actor, rawId: string) {
  return readSalesDocument(db, actor, { id: idSchema.parse(rawId) });
}

/** Seed 000 `GET /by-number/{invoice_number}`: the same as by id. */
export async function getSalesDocumentByNumber(db: Db, actor: Actor, rawNumber: string) {
  const number = documentNumberSchema.parse(rawNumber);
  try {
    return await readSalesDocument(db, actor, { number });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      throw new AppError("NOT_FOUND", appMessage("document.numberNotFound", { number }));
    }
    throw error;
  }
}
