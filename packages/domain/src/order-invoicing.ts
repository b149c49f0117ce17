import type { IsoDate } from "./calendar-date.ts";
import { AppError } from "./errors.ts";
import { formatLocaleDate } from "./locale-dates.ts";
import { appMessage, moneyParam, termParam } from "./messages.ts";
import { roundToCents, toDecimal, ZERO, type Decimal, type DecimalInput } from "./money.ts";
import {
  isInvoiceInProgress,
  isIssuedStatus,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "./sales-documents.ts";
import { computeLineAmounts } from "./totals.ts";

/**
 * An order is invoiced once (docs/domain-model.md §5.4a): the documents invoices are made from
 * (a quote converted to an invoice, an order confirmation, a sales order or pro forma) know how
 * much of them is invoiced; further invoices are for the remainder, the final one deducts the
 * earlier ones, and invoicing more than the order needs a person's confirmation.
 */

/** The types an invoice is made from. */
export const ORDER_TYPES = [
  "quote",
  "order_confirmation",
  "sales_order",
  "pro_forma",
] as const satisfies SalesDocumentType[];
export type OrderType = (typeof ORDER_TYPES)[number];

export const isOrderType = (type: SalesDocumentType): type is OrderType =>
  (ORDER_TYPES as readonly SalesDocumentType[]).includes(type);

/** An invoice made from an order, with what its issued credit notes took back. */
export interface OrderInvoice {
  id: string;
  number: string | null;
  status: SalesDocumentStatus;
  total: DecimalInput;
  /** `creditedAmount` (§6): abs(total) of its issued credit notes; 0 when none. */
  creditedAmount: DecimalInput;
}

/**
 * An invoice counts towards what is invoiced of its order once it is issued (numbered) and not
 * cancelled. Drafts and pending invoices are "in progress": they count when they are issued.
 */
export const countsAsInvoiced = (status: SalesDocumentStatus): boolean =>
  isIssuedStatus(status) && status !== "cancelled";

/**
 * What is invoiced of an order: the totals of its issued, not cancelled invoices less what
 * their issued credit notes took back (a credited invoice gives that part of the order back).
 */
export function invoicedAmountOf(invoices: readonly OrderInvoice[]): Decimal {
  return invoices
    .filter((invoice) => countsAsInvoiced(invoice.status))
    .reduce(
      (sum, invoice) => sum.plus(toDecimal(invoice.total)).minus(toDecimal(invoice.creditedAmount)),
      ZERO,
    );
}

export interface OrderInvoicing {
  orderTotal: Decimal;
  invoicedAmount: Decimal;
  /** orderTotal - invoicedAmount: negative when more than the order was invoiced (confirmed). */
  remainingAmount: Decimal;
  /** The draft or pending invoice made from the order, if any (at most one). */
  invoiceInProgress: { id: string; status: SalesDocumentStatus; total: Decimal } | null;
}

/** The invoicing figures of an order (the read model's `invoicedAmount`, `remainingAmount`). */
export function orderInvoicingOf(
  orderTotal: DecimalInput,
  invoices: readonly OrderInvoice[],
): OrderInvoicing {
  const invoicedAmount = invoicedAmountOf(invoices);
  const inProgress = invoices.find((invoice) => isInvoiceInProgress(invoice.status));
  return {
    orderTotal: toDecimal(orderTotal),
    invoicedAmount,
    remainingAmount: toDecimal(orderTotal).minus(invoicedAmount),
    invoiceInProgress: inProgress
      ? { id: inProgress.id, status: inProgress.status, total: toDecimal(inProgress.total) }
      : null,
  };
}

/**
 * Refuses a new invoice from an order while an earlier one is still a draft or pending: issue or
 * delete that one first, so every new invoice is made for what is really left.
 */
export function assertNoInvoiceInProgress(
  order: { type: OrderType; currency: string },
  invoicing: OrderInvoicing,
): void {
  const open = invoicing.invoiceInProgress;
  if (!open) return;
  throw new AppError(
    "CONFLICT",
    appMessage("order.invoiceInProgress", {
      type: termParam("documentType", order.type),
      amount: moneyParam(open.total, order.currency),
      status: termParam("salesStatus", open.status),
    }),
    { details: { invoiceId: open.id, status: open.status } },
  );
}

/**
 * Whether an invoice of `invoiceTotal` pushes what is invoiced of the order above its total.
 * Refused unless the person confirmed it (`confirmOverInvoicing`); returns the facts the audit
 * event records when it goes ahead, or null when the invoice stays within the order.
 */
export function checkOverInvoicing(options: {
  order: { id: string; type: OrderType; currency: string; total: DecimalInput };
  invoicedAmount: DecimalInput;
  invoiceTotal: DecimalInput;
  confirmed: boolean;
}): { orderId: string; orderTotal: string; invoicedBefore: string; confirmed: true } | null {
  const { order, confirmed } = options;
  const orderTotal = toDecimal(order.total);
  const invoicedBefore = toDecimal(options.invoicedAmount);
  const after = invoicedBefore.plus(toDecimal(options.invoiceTotal));
  if (after.lessThanOrEqualTo(orderTotal)) return null;
  if (!confirmed) {
    throw new AppError(
      "CONFLICT",
      appMessage("order.overInvoicing", {
        type: termParam("documentType", order.type),
        amount: moneyParam(options.invoiceTotal, order.currency),
        invoiced: moneyParam(after, order.currency),
        total: moneyParam(orderTotal, order.currency),
      }),
      {
        details: {
          overInvoicing: true,
          orderId: order.id,
          orderTotal: orderTotal.toFixed(2),
          invoicedBefore: invoicedBefore.toFixed(2),
          invoiceTotal: toDecimal(options.invoiceTotal).toFixed(2),
        },
      },
    );
  }
  return {
    orderId: order.id,
    orderTotal: orderTotal.toFixed(2),
    invoicedBefore: invoicedBefore.toFixed(2),
    confirmed: true,
  };
}

/** Refuses a new invoice from an order that is invoiced in full, unless the person confirmed it. */
export function assertSomethingRemains(
  order: { id: string; type: OrderType; currency: string },
  invoicing: OrderInvoicing,
  confirmed: boolean,
): void {
  if (invoicing.remainingAmount.greaterThan(0) || confirmed) return;
  throw new AppError(
    "CONFLICT",
    appMessage("order.fullyInvoiced", {
      type: termParam("documentType", order.type),
      invoiced: moneyParam(invoicing.invoicedAmount, order.currency),
      total: moneyParam(invoicing.orderTotal, order.currency),
    }),
    {
      details: {
        overInvoicing: true,
        orderId: order.id,
        orderTotal: invoicing.orderTotal.toFixed(2),
        invoicedBefore: invoicing.invoicedAmount.toFixed(2),
      },
    },
  );
}

// ---------------------------------------------------------------- the lines of partial and final invoices

/** A stored line of an order or an earlier invoice (its amounts as stored). */
export interface StoredAmountsLine {
  quantity: DecimalInput;
  unitPrice: DecimalInput;
  taxRate: DecimalInput;
  discountPercent: DecimalInput;
  subtotalAfterDiscount: DecimalInput;
  taxAmount: DecimalInput;
}

/** A line the conversion writes (the service adds item type, unit and links). */
export interface GeneratedLine {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  discountPercent: string;
}

/** An earlier invoice of the order, with its lines and those of its issued credit notes. */
export interface EarlierInvoice {
  number: string;
  issuedDate: IsoDate;
  lines: readonly StoredAmountsLine[];
}

type DocumentLocale = "de" | "en";

const rateKey = (rate: DecimalInput) => toDecimal(rate).toFixed(2);
const rateText = (rate: DecimalInput) =>
  toDecimal(rate)
    .toFixed(2)
    .replace(/\.?0+$/, "");

function sumsByRate(lines: readonly StoredAmountsLine[]) {
  const byRate = new Map<
    string,
    { rate: string; net: Decimal; tax: Decimal; lines: StoredAmountsLine[] }
  >();
  for (const line of lines) {
    const key = rateKey(line.taxRate);
    const row = byRate.get(key) ?? { rate: key, net: ZERO, tax: ZERO, lines: [] };
    row.net = row.net.plus(toDecimal(line.subtotalAfterDiscount));
    row.tax = row.tax.plus(toDecimal(line.taxAmount));
    row.lines.push(line);
    byRate.set(key, row);
  }
  // Highest rate first, as the VAT breakdown prints them.
  return [...byRate.values()].sort((a, b) => toDecimal(b.rate).comparedTo(toDecimal(a.rate)));
}

const DEDUCTION_TEXT: Record<DocumentLocale, (number: string, date: string) => string> = {
  de: (number, date) => `Abzüglich Abschlagsrechnung ${number} vom ${date}`,
  en: (number, date) => `Less partial invoice ${number} of ${date}`,
};
const RATE_SUFFIX: Record<DocumentLocale, (rate: string) => string> = {
  de: (rate) => ` (${rate.replace(".", ",")} % USt.)`,
  en: (rate) => ` (VAT ${rate} %)`,
};

/**
 * The deduction lines of a final invoice (§14 UStG: earlier advance invoices deducted, visibly):
 * one per earlier invoice and VAT rate, "Abzüglich Abschlagsrechnung RE-2026-0001 vom
 * 04.12.2026", quantity -1 at the net amount invoiced at that rate, so its VAT is that of the
 * earlier invoice. When the earlier invoice's VAT at a rate is not the rate applied to its net
 * (several lines, each rounded to the cent), one line per earlier line is deducted instead, its
 * quantity negated: rounding is symmetric, so the deduction is exact either way and the final
 * invoice plus the earlier ones equals the order to the cent.
 */
export function deductionLinesOf(
  earlier: readonly EarlierInvoice[],
  locale: DocumentLocale,
): GeneratedLine[] {
  return earlier.flatMap((invoice) => {
    const title = DEDUCTION_TEXT[locale](
      invoice.number,
      formatLocaleDate(invoice.issuedDate, locale),
    );
    const rates = sumsByRate(invoice.lines).filter((row) => !row.net.isZero() || !row.tax.isZero());
    return rates.flatMap((row): GeneratedLine[] => {
      const description =
        rates.length > 1 ? title + RATE_SUFFIX[locale](rateText(row.rate)) : title;
      const single = computeLineAmounts({
        quantity: row.net.isNegative() ? "1" : "-1",
        unitPrice: row.net.abs(),
        taxRate: row.rate,
        discountPercent: 0,
      });
      if (single.taxAmount.equals(row.tax.negated())) {
        return [
          {
            description,
            quantity: row.net.isNegative() ? "1" : "-1",
            unitPrice: row.net.abs().toFixed(2),
            taxRate: row.rate,
            discountPercent: "0",
          },
        ];
      }
      return row.lines.map((line) => ({
        description,
        quantity: toDecimal(line.quantity).negated().toFixed(3),
        unitPrice: toDecimal(line.unitPrice).toFixed(4),
        taxRate: row.rate,
        discountPercent: toDecimal(line.discountPercent).toFixed(2),
      }));
    });
  });
}

const PARTIAL_TEXT: Record<
  DocumentLocale,
  (percent: string, type: OrderType, number: string | null) => string
> = {
  de: (percent, type, number) =>
    `Abschlagsrechnung: ${percent.replace(".", ",")} % des offenen Betrags ${
      type === "quote"
        ? "des Angebots"
        : type === "order_confirmation"
          ? "der Auftragsbestätigung"
          : "des Auftrags"
    }${number ? ` ${number}` : ""}`,
  en: (percent, type, number) =>
    `Partial invoice: ${percent} % of the amount open on ${
      type === "quote" ? "quote" : type === "order_confirmation" ? "order confirmation" : "order"
    }${number ? ` ${number}` : ""}`,
};

/**
 * The lines of a partial (deposit) invoice asked for as a percentage of what is left of the
 * order: per VAT rate of the order, `round2(remaining net at that rate x percent / 100)`, one
 * line each (quantity 1). What is left per rate is the order's net at that rate less the net of
 * the earlier invoices (and their credit notes) at that rate. Empty when nothing is left.
 */
export function partialInvoiceLinesOf(options: {
  order: { type: OrderType; number: string | null; lines: readonly StoredAmountsLine[] };
  earlier: readonly EarlierInvoice[];
  percent: DecimalInput;
  locale: DocumentLocale;
}): GeneratedLine[] {
  const { order, locale } = options;
  const percent = toDecimal(options.percent);
  const invoiced = new Map(
    sumsByRate(options.earlier.flatMap((invoice) => invoice.lines)).map((row) => [
      row.rate,
      row.net,
    ]),
  );
  const rates = sumsByRate(order.lines);
  const description = PARTIAL_TEXT[locale](rateText(percent), order.type, order.number);
  return rates.flatMap((row) => {
    const remaining = row.net.minus(invoiced.get(row.rate) ?? ZERO);
    const net = roundToCents(remaining.times(percent).dividedBy(100));
    if (!net.greaterThan(0)) return [];
    return [
      {
        description:
          rates.length > 1 ? description + RATE_SUFFIX[locale](rateText(row.rate)) : description,
        quantity: "1",
        unitPrice: net.toFixed(2),
        taxRate: row.rate,
        discountPercent: "0",
      },
    ];
  });
}
