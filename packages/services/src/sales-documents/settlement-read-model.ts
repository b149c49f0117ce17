import { Prisma } from "@ledgerline/db";
import {
  DEFAULT_CURRENCY,
  DEFAULT_NUMBER_PREFIXES,
  effectiveApprovalThreshold,
  invoiceApprovalPolicyOf,
  type InvoiceApprovalPolicy,
  ISSUED_CREDIT_NOTE_STATUSES,
  OPEN_INVOICE_STATUSES,
  PAID_STATUSES,
  SUBMITTED_OR_ISSUED_CREDIT_NOTE_STATUSES,
  toDecimal,
  type Decimal,
  type DocumentNumberType,
  type IsoDate,
  type SalesDocumentStatus,
} from "@ledgerline/domain";
import type { SalesSettingsRow } from "../settings/company-settings-rows.ts";

/**
 * The settlement rules as SQL (docs/domain-model.md §6): each fragment sits beside the domain
 * function it mirrors (packages/domain/src/settlement.ts), and lists, statistics, the due-date
 * sweep, the detail read and the row locks take their SQL from here only. The contract test
 * `settlement-read-model.integration.test.ts` runs both sides on the same generated documents
 * and holds them equal. The same convention as the GoBD twins in `issued-documents.ts`: a rule
 * that SQL needs too is written once in the domain, and its SQL names the function it mirrors.
 *
 * The fragments read the documents as `d`; an invoice's credit notes as the alias passed in.
 */

/**
 * A status set as SQL constants, `'sent', 'partial', 'overdue'`: a partial index (the open
 * invoices') is used only when the query names its predicate's values as constants, not as
 * parameters. The values are the domain's enum names, never input.
 */
function statusConstants(statuses: readonly SalesDocumentStatus[]): Prisma.Sql {
  for (const status of statuses) {
    if (!/^[a-z_]+$/.test(status)) throw new Error(`Not a status name: ${status}`);
  }
  return Prisma.raw(statuses.map((status) => `'${status}'`).join(", "));
}

// ---------------------------------------------------------------- status sets

/** Mirrors `isIssuedCreditNote` for the credit note `note`. */
export const issuedCreditNoteSql = (note: string): Prisma.Sql =>
  Prisma.sql`(${Prisma.raw(note)}.type = 'credit_note' AND ${Prisma.raw(note)}.status IN (${statusConstants(ISSUED_CREDIT_NOTE_STATUSES)}))`;

/** Mirrors `isOpenInvoice` for `d`; inside the open-invoices partial index. */
export const OPEN_INVOICE_SQL = Prisma.sql`(d.type = 'invoice' AND d.status IN (${statusConstants(OPEN_INVOICE_STATUSES)}))`;

/**
 * Mirrors `isCreditNoteOf`: `note` is a credit note of `invoice`, an alias (`"i"`: of each
 * invoice `i`) or one invoice by id. The join every read of an invoice's credit notes uses, so
 * `creditedAmountSql` and `refundedAmountSql` only ever aggregate credit notes.
 */
export const creditNotesOf = (invoice: string | { id: string }, note: string): Prisma.Sql =>
  Prisma.sql`(${Prisma.raw(note)}.type = 'credit_note' AND ${Prisma.raw(note)}.source_document_id = ${
    typeof invoice === "string" ? Prisma.raw(`${invoice}.id`) : Prisma.sql`${invoice.id}::uuid`
  })`;

/** Mirrors `settlementInvoiceIdOf` for `document`: the id of the invoice of its family, or null. */
export const settlementInvoiceIdSql = (document: string): Prisma.Sql =>
  Prisma.sql`(CASE ${Prisma.raw(document)}.type WHEN 'invoice' THEN ${Prisma.raw(document)}.id
    WHEN 'credit_note' THEN ${Prisma.raw(document)}.source_document_id END)`;

/**
 * The credit note `note` is one of `SUBMITTED_OR_ISSUED_CREDIT_NOTE_STATUSES` (meaningful with
 * `creditNotesOf`): the credits an issued credit note must leave room for.
 */
export const submittedOrIssuedCreditNoteSql = (note: string): Prisma.Sql =>
  Prisma.sql`(${Prisma.raw(note)}.status IN (${statusConstants(SUBMITTED_OR_ISSUED_CREDIT_NOTE_STATUSES)}))`;

/**
 * Mirrors `countsAsInvoiced` for `d`: issued and not cancelled. Issued means numbered
 * (`isIssuedDocument`); for an invoice that is `isIssuedStatus`, and the number says it without
 * the status list.
 */
export const INVOICED_SQL = Prisma.sql`(d.number IS NOT NULL AND d.status <> 'cancelled')`;

/** Mirrors `isPaidInvoice` for `d`. */
export const PAID_INVOICE_SQL = Prisma.sql`(d.type = 'invoice' AND d.status IN (${statusConstants(PAID_STATUSES)}))`;

// ---------------------------------------------------------------- credited and refunded

/** Mirrors `creditedAmountOf` as an aggregate over the credit notes `note` of one invoice. */
export const creditedAmountSql = (note: string): Prisma.Sql =>
  Prisma.sql`coalesce(sum(-${Prisma.raw(note)}.total) FILTER (WHERE ${issuedCreditNoteSql(note)}), 0)`;

/** Mirrors `refundedAmountOf` as an aggregate over the credit notes `note` of one invoice. */
export const refundedAmountSql = (note: string): Prisma.Sql =>
  Prisma.sql`coalesce(sum(${Prisma.raw(note)}.paid_amount), 0)`;

/**
 * `credits.credited`, the `creditedAmountOf` of every invoice with issued credit notes, joined
 * to `d`. Credit notes are few, so PostgreSQL aggregates them once and hash-joins the result.
 */
export const CREDITS_JOIN = Prisma.sql`
  LEFT JOIN (
    SELECT note.source_document_id AS invoice_id, sum(-note.total) AS credited
    FROM sales_documents note
    WHERE ${issuedCreditNoteSql("note")}
    GROUP BY note.source_document_id
  ) credits ON credits.invoice_id = d.id`;

/** `creditedAmount` of `d` with `CREDITS_JOIN`. */
export const CREDITED_AMOUNT_SQL = Prisma.sql`coalesce(credits.credited, 0)`;

/** Mirrors `revenueOf` for `d` with `CREDITS_JOIN`. */
export const REVENUE_SQL = Prisma.sql`(CASE WHEN ${PAID_INVOICE_SQL} THEN d.total - ${CREDITED_AMOUNT_SQL} ELSE 0 END)`;

/** Mirrors `invoiceOutstanding` for `d` with `CREDITS_JOIN` (meaningful for open invoices). */
export const OUTSTANDING_SQL = Prisma.sql`greatest(0, d.total - ${CREDITED_AMOUNT_SQL} - d.paid_amount)`;

/**
 * `creditedAmountOf` of the one invoice `d`, as a subquery over its credit notes: for reads of a
 * few chosen invoices (a group's), where `CREDITS_JOIN` would aggregate every credit note.
 */
export const INVOICE_CREDITED_SQL = Prisma.sql`(
  SELECT ${creditedAmountSql("note")} FROM sales_documents note WHERE ${creditNotesOf("d", "note")})`;

/** Mirrors `invoiceOpenAmount` for the invoice `d`: 0 when cancelled, else its outstanding amount. */
export const INVOICE_OPEN_AMOUNT_SQL = Prisma.sql`CASE WHEN d.status = 'cancelled' THEN 0
  ELSE greatest(0, d.total - ${INVOICE_CREDITED_SQL} - d.paid_amount) END`;

/**
 * Mirrors `invoiceOutstanding` for `d` as if it had no credit notes. The totals the database
 * keeps per type, status, currency, archived and due date (`sales_document_totals`, written by
 * the trigger `apply_sales_document_totals` of migration 20261205120000_list_reads_at_scale)
 * sum exactly this per document as `unpaid`; the selection totals subtract
 * `UNPAID_SQL - OUTSTANDING_SQL` for the selection's credited invoices, so what they show is
 * the sum of `OUTSTANDING_SQL`. The contract test holds both equal.
 */
export const UNPAID_SQL = Prisma.sql`greatest(0, d.total - d.paid_amount)`;

// ---------------------------------------------------------------- time-driven statuses

/**
 * Mirrors `isOverdue` for `d`, exact between the sweeps. Its "something is outstanding" half
 * follows from the stored status: the settlement (`deriveInvoiceStatus`) stores `paid`,
 * `cancelled` or `refunded` in the transaction of the payment or credit note that settles an
 * invoice, so an open one always owes something. That keeps the predicate inside the
 * open-invoices index, without the credits join.
 */
export const overdueSql = (today: IsoDate): Prisma.Sql =>
  Prisma.sql`(${OPEN_INVOICE_SQL} AND d.due_date < ${today}::date)`;

/** Mirrors `isExpiredQuote` for `d`. */
export const expiredQuoteSql = (today: IsoDate): Prisma.Sql =>
  Prisma.sql`(d.type = 'quote' AND d.status = 'sent' AND d.valid_until < ${today}::date)`;

// ---------------------------------------------------------------- the company's sales settings

export interface SalesSettings {
  defaultCurrency: string;
  defaultLocale: string;
  defaultTaxRate: Decimal;
  defaultPaymentTermsDays: number;
  /** Days an issued quote is valid unless its draft names a date. */
  quoteValidityDays: number;
  /** The company's approval policy (§5.1). */
  invoiceApprovalPolicy: InvoiceApprovalPolicy;
  /** What the rules compare with under the policy (`effectiveApprovalThreshold`): 0 = always, null = never. */
  invoiceApprovalThreshold: Decimal | null;
  numberPrefixes: Record<DocumentNumberType, string>;
  /** Terms a new document gets when it names none (copied: later changes never reach it). */
  defaultDocumentTerms: string | null;
}

/**
 * What sales documents need of the company settings. Before an administrator has saved the
 * settings, the columns' defaults apply (EUR, 19 %, 14 days, German, no approval threshold), so
 * documents can be written on a fresh installation.
 */
export function salesSettingsOf(settings: SalesSettingsRow | null): SalesSettings {
  const overrides = (settings?.numberPrefixes ?? {}) as Partial<Record<DocumentNumberType, string>>;
  const policy = invoiceApprovalPolicyOf(settings?.invoiceApprovalPolicy);
  const threshold = effectiveApprovalThreshold(policy, settings?.invoiceApprovalThreshold);
  return {
    defaultCurrency: settings?.defaultCurrency ?? DEFAULT_CURRENCY,
    defaultLocale: settings?.defaultLocale ?? "de",
    defaultTaxRate: toDecimal(settings?.defaultTaxRate ?? 19),
    defaultPaymentTermsDays: settings?.defaultPaymentTermsDays ?? 14,
    quoteValidityDays: settings?.quoteValidityDays ?? 14,
    invoiceApprovalPolicy: policy,
    invoiceApprovalThreshold: threshold === null ? null : toDecimal(threshold),
    numberPrefixes: { ...DEFAULT_NUMBER_PREFIXES, ...overrides },
    defaultDocumentTerms: settings?.defaultDocumentTerms ?? null,
  };
}
