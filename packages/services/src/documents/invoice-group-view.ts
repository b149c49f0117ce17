import type { Db } from "@ledgerline/db";
import type { DocumentView, StatementInvoiceView } from "@ledgerline/documents";
import { idSchema, toDecimal, ZERO, type Decimal } from "@ledgerline/domain";
import { systemActor } from "../actor.ts";
import type { FileStore } from "../files/file-store.ts";
import { invoiceGroupNotFound } from "../invoice-groups/invoice-group-records.ts";
import { getInvoiceGroup } from "../invoice-groups/read-invoice-group.ts";
import type { RecordForPrint } from "./purchase-order-view.ts";
import { INVOICE_GROUP_PRINT_STAMP } from "./record-pdfs.ts";
import { brandingOf, salesDocumentPdfFileName } from "./sales-document-view.ts";
import {
  COMPANY_PRINT_SETTINGS_JOIN,
  COMPANY_PRINT_SETTINGS_SQL,
  type CompanyPrintSettings,
} from "../settings/company-settings-rows.ts";

interface GroupPrintRow {
  /** `INVOICE_GROUP_PRINT_STAMP`: the state this PDF shows. */
  stamp: Date;
  customer: {
    name: string;
    legalName: string | null;
    street: string | null;
    postalCode: string | null;
    city: string | null;
    country: string;
    vatId: string | null;
  };
  /** Net and VAT per rate over every line of every invoice of the group. */
  vatBreakdown: Array<{ taxRate: string; netAmount: string; taxAmount: string }>;
  settings: CompanyPrintSettings | null;
  storedPdfId: string | null;
}

const reader = systemActor("pdf-renderer");

/**
 * Reads an invoice group with everything its PDF (SAMMELRECHNUNG / COLLECTIVE INVOICE) shows:
 * the customer as the recipient, our company as the sender, the SR number, invoice and due
 * dates, its invoices as the lines (number, date, the job title when `includeJobTitles`, net,
 * VAT, gross; their word rates under each when `includeWordRates`, in the group's `lineOrder`;
 * no list but one summary line when `includeInvoices` is off), the VAT breakdown per rate
 * summed over the invoices' lines, and the totals, paid and open amounts exactly as
 * `invoiceGroupTotalsOf` sums them (the group's detail read, `getInvoiceGroup`, is the one
 * source). A draft group prints with the "ENTWURF"/"DRAFT" watermark, a cancelled one with
 * "STORNIERT"/"CANCELLED"; an issued or paid one is final. Printed in the company's default
 * language. With `pdfVersion` it also says whether that PDF version is stored already.
 */
export async function loadInvoiceGroupForPrint(
  db: Db,
  files: FileStore,
  rawId: string,
  options: { pdfVersion?: number } = {},
): Promise<RecordForPrint> {
  const parsed = idSchema.safeParse(rawId);
  if (!parsed.success) throw invoiceGroupNotFound();
  // The stamp is read before the group: a change in between makes the PDF look older than it
  // is (rendered again), never newer.
  const [row] = await db.$queryRaw<GroupPrintRow[]>`
    SELECT ${INVOICE_GROUP_PRINT_STAMP} AS stamp, json_build_object('name', c.name, 'legalName', c.legal_name, 'street', c.street,
             'postalCode', c.postal_code, 'city', c.city, 'country', c.country,
             'vatId', c.vat_id) AS customer,
           (SELECT coalesce(json_agg(json_build_object('taxRate', r.tax_rate::text,
                     'netAmount', r.net::text, 'taxAmount', r.tax::text) ORDER BY r.tax_rate DESC),
                   '[]')
              FROM (SELECT l.tax_rate, sum(l.subtotal_after_discount) AS net,
                           sum(l.tax_amount) AS tax
                      FROM invoice_group_invoices m
                      JOIN line_items l ON l.sales_document_id = m.invoice_id
                     WHERE m.group_id = g.id
                     GROUP BY l.tax_rate) r) AS "vatBreakdown",
           ${COMPANY_PRINT_SETTINGS_SQL} AS settings,
           (SELECT pdf.id::text FROM stored_files pdf
             WHERE pdf.invoice_group_id = g.id AND pdf.kind = 'invoice_group_pdf'
               AND pdf.version = ${options.pdfVersion ?? null}::int) AS "storedPdfId"
    FROM invoice_groups g
    JOIN customers c ON c.id = g.customer_id
    ${COMPANY_PRINT_SETTINGS_JOIN}
    WHERE g.id = ${parsed.data}::uuid`;
  if (!row) throw invoiceGroupNotFound();
  const group = await getInvoiceGroup(db, reader, parsed.data);
  const { settings, branding } = await brandingOf(files, row.settings);
  const language = settings.defaultLocale === "en" ? "en" : "de";
  // One currency per group: its one totals row (none while the group is empty).
  const totals = group.totals.find((total) => total.currency === group.currency);
  const sum = (pick: (t: NonNullable<typeof totals>) => Decimal) => (totals ? pick(totals) : ZERO);
  const invoices: StatementInvoiceView[] = group.invoices.map((invoice) => ({
    number: invoice.number,
    issuedDate: invoice.issuedDate,
    jobTitle: group.includeJobTitles ? invoice.projectName : null,
    netAmount: invoice.netAmount,
    taxAmount: invoice.taxAmount,
    total: invoice.total,
    rates: group.includeWordRates
      ? invoice.lines.map((line) => ({
          description: line.description,
          sourceLanguage: line.sourceLanguage,
          targetLanguage: line.targetLanguage,
          unitPrice: line.unitPrice,
          unit: line.unit,
        }))
      : [],
  }));
  const net = sum((t) => t.netAmount);
  const view: DocumentView = {
    kind: "invoice_group",
    language,
    number: group.number,
    currency: group.currency,
    issuedDate: group.invoiceDate,
    dueDate: group.dueDate,
    validUntil: null,
    servicePeriodStart: null,
    servicePeriodEnd: null,
    company: branding,
    customer: {
      name: row.customer.legalName ?? row.customer.name,
      street: row.customer.street,
      postalCode: row.customer.postalCode,
      city: row.customer.city,
      country: row.customer.country,
      vatId: row.customer.vatId,
    },
    statement: {
      invoiceCount: group.invoices.length,
      invoices: group.includeInvoices ? invoices : null,
      showJobTitles: group.includeJobTitles,
    },
    reference: null,
    lines: [],
    subtotal: net,
    discountAmount: ZERO,
    netAmount: net,
    taxAmount: sum((t) => t.taxAmount),
    total: sum((t) => t.total),
    vatBreakdown: row.vatBreakdown.map((rate) => ({
      taxRate: toDecimal(rate.taxRate),
      netAmount: toDecimal(rate.netAmount),
      taxAmount: toDecimal(rate.taxAmount),
    })),
    paidAmount: sum((t) => t.paidAmount),
    creditedAmount: sum((t) => t.creditedAmount),
    openAmount: sum((t) => t.openAmount),
    vatExemption: null,
    notes: group.notes,
    terms: null,
    watermark:
      group.status === "draft"
        ? language === "de"
          ? "ENTWURF"
          : "DRAFT"
        : group.status === "cancelled"
          ? language === "de"
            ? "STORNIERT"
            : "CANCELLED"
          : null,
  };
  return {
    id: group.id,
    number: group.number,
    updatedAt: row.stamp,
    fileName: salesDocumentPdfFileName(settings.pdfFileNamePrefix, {
      id: group.id,
      type: "invoice_group",
      number: group.number,
    }),
    view,
    storedPdfId: row.storedPdfId,
  };
}
