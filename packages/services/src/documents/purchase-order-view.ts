import type { Db, Prisma } from "@ledgerline/db";
import { LABELS, type DocumentLineView, type DocumentView } from "@ledgerline/documents";
import { idSchema, toDecimal, ZERO, type DecimalInput } from "@ledgerline/domain";
import type { FileStore } from "../files/file-store.ts";
import { purchaseOrderNotFound } from "../purchase-orders/purchase-order-records.ts";
import { PAYABLE_TOTAL_SQL } from "../purchase-orders/purchase-order-read-model.ts";
import {
  purchaseOrderColumns,
  withPurchaseOrderDates,
  type PurchaseOrderRow,
} from "../purchase-orders/purchase-order-rows.ts";
import { brandingOf, salesDocumentPdfFileName } from "./sales-document-view.ts";
import {
  COMPANY_PRINT_SETTINGS_JOIN,
  COMPANY_PRINT_SETTINGS_SQL,
  type CompanyPrintSettings,
} from "../settings/company-settings-rows.ts";

/** What a record's PDF is made from: the view, its file name, and the state it shows. */
export interface RecordForPrint {
  id: string;
  number: string | null;
  /** The row's updatedAt this was read at (stored with the PDF: which state it shows). */
  updatedAt: Date;
  fileName: string;
  view: DocumentView;
  /** The id of the PDF version asked for (`pdfVersion`) when it is stored already. */
  storedPdfId: string | null;
}

/** The PO's own columns the PDF shows, as the detail and the list read them. */
const PRINT_COLUMNS = [
  "id",
  "number",
  "type",
  "amount",
  "currency",
  "orderDate",
  "dueDate",
  "notes",
  "targetLanguage",
  "updatedAt",
] as const satisfies (keyof PurchaseOrderRow)[];

type PurchaseOrderPrintRow = Pick<PurchaseOrderRow, (typeof PRINT_COLUMNS)[number]> & {
  /** The payable total (`PAYABLE_TOTAL_SQL`). */
  total: Prisma.Decimal;
  projectNumber: number;
  projectName: string;
  supplier: {
    name: string;
    street: string | null;
    postalCode: string | null;
    city: string | null;
    country: string;
    taxId: string | null;
  };
  disbursements: Array<{
    itemTypeInfo: string;
    units: number;
    ratePerUnit: string;
    totalCost: string;
  }>;
  settings: CompanyPrintSettings | null;
  storedPdfId: string | null;
};

/** The calendar day of a timestamp in the company's zone (Europe/Berlin, as the lists show it). */
const berlinDay = (at: Date): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(at);

/**
 * Reads a purchase order with everything its PDF (BESTELLUNG / PURCHASE ORDER) shows, in one
 * statement: the supplier as the recipient (address, VAT id), our company as the sender, the
 * BE number, order and due (delivery) dates, the project (number and name), the PO type and
 * target language, the agreed fee as the first line and each disbursement item as a line
 * (units × rate = total), the notes for the supplier, the currency. A PO carries no VAT (its
 * amounts are what we owe before any VAT the supplier charges; docs/domain-model.md §5.9), so
 * it prints net amounts and says so (`vatMode: "none"`). Printed in the company's default
 * language. With `pdfVersion` it also says whether that PDF version is stored already.
 */
export async function loadPurchaseOrderForPrint(
  db: Db,
  files: FileStore,
  rawId: string,
  options: { pdfVersion?: number } = {},
): Promise<RecordForPrint> {
  const parsed = idSchema.safeParse(rawId);
  const [row] = parsed.success
    ? await db.$queryRaw<PurchaseOrderPrintRow[]>`
        SELECT ${purchaseOrderColumns(PRINT_COLUMNS)}, ${PAYABLE_TOTAL_SQL} AS total,
               p.number AS "projectNumber", p.name AS "projectName",
               json_build_object('name', sup.name, 'street', sup.street,
                 'postalCode', sup.postal_code, 'city', sup.city, 'country', sup.country,
                 'taxId', sup.tax_id) AS supplier,
               (SELECT coalesce(json_agg(json_build_object(
                         'itemTypeInfo', i.item_type_info, 'units', i.units,
                         'ratePerUnit', i.rate_per_unit::text, 'totalCost', i.total_cost::text)
                       ORDER BY i.item_type, i.created_at, i.id), '[]')
                  FROM disbursement_items i WHERE i.purchase_order_id = po.id) AS disbursements,
               ${COMPANY_PRINT_SETTINGS_SQL} AS settings,
               (SELECT pdf.id::text FROM stored_files pdf
                 WHERE pdf.purchase_order_id = po.id AND pdf.kind = 'purchase_order_pdf'
                   AND pdf.version = ${options.pdfVersion ?? null}::int) AS "storedPdfId"
        FROM purchase_orders po
        JOIN projects p ON p.id = po.project_id
        JOIN suppliers sup ON sup.id = po.supplier_id
        ${COMPANY_PRINT_SETTINGS_JOIN}
        WHERE po.id = ${parsed.data}::uuid`
    : [];
  if (!row) throw purchaseOrderNotFound();
  const { settings, branding } = await brandingOf(files, row.settings);
  const language = settings.defaultLocale === "en" ? "en" : "de";
  const t = LABELS[language];
  const total = toDecimal(row.total);
  const line = (
    position: number,
    description: string,
    quantity: DecimalInput,
    unitPrice: DecimalInput,
    netAmount: DecimalInput,
  ): DocumentLineView => ({
    position,
    description,
    quantity: toDecimal(quantity),
    unit: null,
    unitPrice: toDecimal(unitPrice),
    taxRate: ZERO,
    discountPercent: ZERO,
    discountAmount: ZERO,
    netAmount: toDecimal(netAmount),
  });
  const lines: DocumentLineView[] = [
    // The main line: the agreed fee for the work, named by its type (the project is in the
    // header); then each disbursement item, units × rate = total.
    line(1, t.orderAmount(t.orderTypes[row.type]), 1, row.amount, row.amount),
    ...row.disbursements.map((item, index) =>
      line(index + 2, item.itemTypeInfo, item.units, item.ratePerUnit, item.totalCost),
    ),
  ];
  const view: DocumentView = {
    kind: "purchase_order",
    language,
    number: row.number,
    currency: row.currency,
    issuedDate: berlinDay(row.orderDate),
    dueDate: withPurchaseOrderDates(row).dueDate,
    validUntil: null,
    servicePeriodStart: null,
    servicePeriodEnd: null,
    company: branding,
    customer: {
      name: row.supplier.name,
      street: row.supplier.street,
      postalCode: row.supplier.postalCode,
      city: row.supplier.city,
      country: row.supplier.country,
      vatId: row.supplier.taxId,
    },
    purchaseOrder: {
      project: { number: String(row.projectNumber), name: row.projectName },
      type: row.type,
      targetLanguage: row.targetLanguage,
    },
    vatMode: "none",
    reference: null,
    lines,
    subtotal: total,
    discountAmount: ZERO,
    netAmount: total,
    taxAmount: ZERO,
    total,
    vatBreakdown: [],
    paidAmount: ZERO,
    creditedAmount: ZERO,
    openAmount: ZERO,
    vatExemption: null,
    notes: row.notes,
    terms: null,
    watermark: null,
  };
  return {
    id: row.id,
    number: row.number,
    updatedAt: row.updatedAt,
    fileName: salesDocumentPdfFileName(settings.pdfFileNamePrefix, {
      id: row.id,
      type: "purchase_order",
      number: row.number,
    }),
    view,
    storedPdfId: row.storedPdfId,
  };
}
