import { Prisma, type Tx } from "@ledgerline/db";
import {
  AppError,
  toDecimal,
  ZERO,
  type Decimal,
  appMessage,
  moneyParam,
  assertNoFieldErrors,
  type FieldMessageInput,
} from "@ledgerline/domain";
import { creditNotesOf, submittedOrIssuedCreditNoteSql } from "./settlement-read-model.ts";

export interface CreditLine {
  /** The invoice line credited, or null for a goodwill line. */
  sourceLineItemId: string | null;
  /** Negative, as stored. */
  quantity: Decimal;
}

/**
 * Which other credit notes of the invoice count: when a credit note is drafted, every other
 * credit note (a second draft must not credit the same hours twice); when it is issued, only the
 * submitted and issued ones (abandoned drafts do not block it).
 */
export type CreditScope = "every" | "submittedOrIssued";

/** The credit notes `d` of the invoice that count in `scope`, less the one `exclude` names. */
const creditNotesInScope = (invoiceId: string, scope: CreditScope, exclude: string | null) =>
  Prisma.join(
    [
      creditNotesOf({ id: invoiceId }, "d"),
      ...(exclude === null ? [] : [Prisma.sql`d.id <> ${exclude}::uuid`]),
      ...(scope === "submittedOrIssued" ? [submittedOrIssuedCreditNoteSql("d")] : []),
    ],
    " AND ",
  );

/**
 * The quantity of each invoice line its credit notes in `scope` (less `exclude`) credited, by
 * line id (positive).
 */
export async function creditedQuantities(
  tx: Tx,
  invoiceId: string,
  options: { scope: CreditScope; exclude?: string | null },
): Promise<Map<string, Decimal>> {
  const rows = await tx.$queryRaw<{ lineId: string; quantity: Decimal }[]>`
    SELECT li.source_line_item_id::text AS "lineId", sum(-li.quantity) AS quantity
    FROM line_items li JOIN sales_documents d ON d.id = li.sales_document_id
    WHERE ${creditNotesInScope(invoiceId, options.scope, options.exclude ?? null)}
      AND li.source_line_item_id IS NOT NULL
    GROUP BY li.source_line_item_id`;
  return new Map(rows.map((row) => [row.lineId, toDecimal(row.quantity)]));
}

/**
 * §5.7: per invoice line the credited quantity may not exceed the original, and all credit
 * notes together may not take back more than the invoice total. Reads under the invoice's lock.
 * `fieldOf(index)` names the input field of a line for the message.
 */
export async function assertCreditWithinInvoice(
  tx: Tx,
  options: {
    invoice: { id: string; total: Decimal; currency: string };
    creditNoteId: string | null;
    lines: readonly CreditLine[];
    total: Decimal;
    scope: CreditScope;
    fieldOf: (index: number) => string;
  },
): Promise<void> {
  const { invoice, lines, scope, fieldOf } = options;
  const exclude = options.creditNoteId;
  const [invoiceLines, creditedBefore, creditedTotals] = [
    await tx.lineItem.findMany({
      where: { salesDocumentId: invoice.id },
      select: { id: true, position: true, description: true, quantity: true },
    }),
    await creditedQuantities(tx, invoice.id, { scope, exclude }),
    await tx.$queryRaw<{ credited: Decimal | null }[]>`
      SELECT sum(-d.total) AS credited FROM sales_documents d
      WHERE ${creditNotesInScope(invoice.id, scope, exclude)}`,
  ];
  const original = new Map(invoiceLines.map((line) => [line.id, line]));
  const creditedHere = new Map<string, Decimal>();
  const fieldErrors: Record<string, FieldMessageInput[]> = {};
  lines.forEach((line, index) => {
    if (line.sourceLineItemId === null) return;
    const source = original.get(line.sourceLineItemId);
    if (!source) {
      (fieldErrors[fieldOf(index)] ??= []).push(appMessage("document.notALineOfInvoice"));
      return;
    }
    const here = (creditedHere.get(source.id) ?? ZERO).minus(line.quantity);
    creditedHere.set(source.id, here);
    const remaining = toDecimal(source.quantity).minus(creditedBefore.get(source.id) ?? ZERO);
    if (here.greaterThan(remaining)) {
      const params = {
        position: source.position,
        description: source.description,
        remaining: remaining.toFixed(),
        quantity: toDecimal(source.quantity).toFixed(),
      };
      const message = remaining.greaterThan(0)
        ? appMessage("document.lineCreditLimit", params)
        : appMessage("document.lineCreditedInFull", params);
      (fieldErrors[fieldOf(index)] ??= []).push(message);
    }
  });
  assertNoFieldErrors(fieldErrors);
  const alreadyCredited = toDecimal(creditedTotals[0]?.credited ?? 0);
  const open = invoice.total.minus(alreadyCredited);
  const takesBack = options.total.negated();
  if (takesBack.greaterThan(open)) {
    const message = open.greaterThan(0)
      ? appMessage("document.creditExceedsOpen", {
          amount: moneyParam(takesBack, invoice.currency),
          open: moneyParam(open, invoice.currency),
        })
      : appMessage("document.invoiceCreditedInFull");
    throw new AppError("BAD_REQUEST", message, {
      fieldErrors: { lines: [message] },
      details: {
        creditNoteTotal: takesBack.toFixed(2),
        notCreditedYet: open.toFixed(2),
        currency: invoice.currency,
      },
    });
  }
}
