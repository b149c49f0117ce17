import type { Db, Tx } from "@ledgerline/db";
import {
  creditedAmountOf,
  deriveCreditNoteStatus,
  deriveInvoiceStatus,
  invoiceRefundDue,
  isIssuedCreditNote,
  isSettledInvoiceStatus,
  refundedAmountOf,
  STATUS_MACHINES,
  type Decimal,
  type IsoDate,
  type SalesDocumentStatus,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { fromDbDate } from "./company-context.ts";
import { recordDocumentEvent } from "./document-records.ts";
import { salesDocumentColumns, type SalesDocumentRow } from "./sales-document-rows.ts";
import { creditNotesOf } from "./settlement-read-model.ts";

const FAMILY_COLUMNS = [
  "id",
  "type",
  "status",
  "total",
  "paidAmount",
  "dueDate",
] as const satisfies (keyof SalesDocumentRow)[];

type FamilyRow = Pick<SalesDocumentRow, (typeof FAMILY_COLUMNS)[number]>;

export interface InvoiceFamily {
  invoice: FamilyRow;
  creditNotes: FamilyRow[];
  /** Sum of abs(total) of its issued credit notes. */
  creditedAmount: Decimal;
  /** Sum of refunds paid out on its credit notes. */
  refundedAmount: Decimal;
  /** What is still to be paid back (`invoiceRefundDue`). */
  refundDue: Decimal;
}

function familyOf(rows: FamilyRow[], invoiceId: string): InvoiceFamily | null {
  const invoice = rows.find((row) => row.id === invoiceId && row.type === "invoice");
  if (!invoice) return null;
  const creditNotes = rows.filter((row) => row.type === "credit_note");
  const creditedAmount = creditedAmountOf(creditNotes);
  const refundedAmount = refundedAmountOf(creditNotes);
  return {
    invoice,
    creditNotes,
    creditedAmount,
    refundedAmount,
    refundDue: invoiceRefundDue({
      total: invoice.total,
      creditedAmount,
      paidAmount: invoice.paidAmount,
      refundedAmount,
    }),
  };
}

/** An invoice with all its credit notes and the figures the settlement function needs. */
export async function readInvoiceFamily(
  client: Tx | Db,
  invoiceId: string,
): Promise<InvoiceFamily> {
  const rows = await client.$queryRaw<FamilyRow[]>`
    SELECT ${salesDocumentColumns(FAMILY_COLUMNS)} FROM sales_documents d
    WHERE d.id = ${invoiceId}::uuid
       OR ${creditNotesOf({ id: invoiceId }, "d")}`;
  const family = familyOf(rows, invoiceId);
  if (!family) throw new Error(`Invoice ${invoiceId} is missing from its own family.`);
  return family;
}

/**
 * Re-derives the settlement status of an invoice and of each of its issued credit notes (§5.2)
 * inside the caller's transaction, after a payment, a refund or a credit note changed the
 * figures. The caller holds the invoice's row lock. Every move is checked against the type's
 * status machine and audited as `settle`, except for the document `quietId` names: the caller is
 * issuing it and records the move in its own event.
 *
 * @returns the resulting status of every document of the family, by id.
 */
export async function settleInvoice(
  tx: Tx,
  actor: Actor,
  invoiceId: string,
  today: IsoDate,
  options: { quietId?: string } = {},
): Promise<Map<string, SalesDocumentStatus>> {
  const family = await readInvoiceFamily(tx, invoiceId);
  const { invoice } = family;
  const statuses = new Map<string, SalesDocumentStatus>(
    [invoice, ...family.creditNotes].map((row) => [row.id, row.status]),
  );
  const moves: { row: FamilyRow; to: SalesDocumentStatus }[] = [];
  if (isSettledInvoiceStatus(invoice.status)) {
    const to = deriveInvoiceStatus({
      total: invoice.total,
      creditedAmount: family.creditedAmount,
      paidAmount: invoice.paidAmount,
      refundedAmount: family.refundedAmount,
      dueDate: fromDbDate(invoice.dueDate),
      today,
    });
    if (to !== invoice.status) moves.push({ row: invoice, to });
  }
  for (const note of family.creditNotes) {
    if (!isIssuedCreditNote(note)) continue;
    const to = deriveCreditNoteStatus({
      invoiceRefundDue: family.refundDue,
      paidAmount: note.paidAmount,
    });
    if (to !== note.status) moves.push({ row: note, to });
  }
  for (const { row, to } of moves) {
    STATUS_MACHINES[row.type].assertMove(row.status, to);
    await tx.salesDocument.update({
      where: { id: row.id },
      data: { status: to },
      select: { id: true },
    });
    statuses.set(row.id, to);
    if (row.id !== options.quietId) {
      await recordDocumentEvent(
        tx,
        actor,
        row.id,
        "settle",
        { status: row.status },
        { status: to },
      );
    }
  }
  return statuses;
}
