import type { Prisma, PurchaseOrderModel } from "@ledgerline/db";
import type { IsoDate } from "@ledgerline/domain";
import { fromDbDate } from "../sales-documents/company-context.ts";
import { selectList, type ColumnSql } from "../shared/raw-sql-rows.ts";
import type { purchaseOrderRecordSelect } from "./purchase-order-records.ts";

/**
 * The one row type of `purchase_orders` that the PO reads in raw SQL (the detail and the list)
 * select, taken from Prisma's model: the columns use cases work with (`PurchaseOrderRecord`)
 * and when the PO was made and last changed. Who made and who deleted it are read by name
 * where they are shown.
 */
export type PurchaseOrderRow = Pick<
  PurchaseOrderModel,
  keyof typeof purchaseOrderRecordSelect | "createdAt" | "updatedAt"
>;

/** Each column of `purchase_orders` (as `po`) as SQL selects it into `PurchaseOrderRow`. */
const PURCHASE_ORDER_COLUMN_SQL: ColumnSql<PurchaseOrderRow> = {
  id: "po.id::text",
  number: "po.number",
  status: "po.status::text",
  type: "po.type::text",
  projectId: "po.project_id::text",
  supplierId: "po.supplier_id::text",
  projectManagerId: "po.project_manager_id::text",
  amount: "po.amount",
  disbursementTotal: "po.disbursement_total",
  currency: "po.currency",
  orderDate: "po.order_date",
  dueDate: "po.due_date",
  notes: "po.notes",
  targetLanguage: "po.target_language",
  isInternal: "po.is_internal",
  statusReason: "po.status_reason",
  approvedById: "po.approved_by_id::text",
  approvedAt: "po.approved_at",
  isAutoApproved: "po.is_auto_approved",
  paidDate: "po.paid_date",
  paymentReference: "po.payment_reference",
  archivedAt: "po.archived_at",
  deletedAt: "po.deleted_at",
  createdAt: "po.created_at",
  updatedAt: "po.updated_at",
};

/** The columns `keys` of `purchase_orders` as `po` (every column of the row when omitted). */
export const purchaseOrderColumns = <K extends keyof PurchaseOrderRow>(
  keys?: readonly K[],
): Prisma.Sql =>
  selectList(PURCHASE_ORDER_COLUMN_SQL, keys ?? Object.keys(PURCHASE_ORDER_COLUMN_SQL));

type CalendarDateKey = "dueDate" | "paidDate";

/** A row with its calendar dates as the API returns them (`YYYY-MM-DD`). */
export type WithPurchaseOrderDates<R> = Omit<R, CalendarDateKey> & {
  [K in CalendarDateKey & keyof R]: IsoDate | null;
};

/** The one mapping of a PO's `date` columns (due and paid date) to `YYYY-MM-DD`. */
export function withPurchaseOrderDates<R extends Partial<PurchaseOrderRow>>(
  row: R,
): WithPurchaseOrderDates<R> {
  const record: Record<string, unknown> = { ...row };
  for (const key of ["dueDate", "paidDate"] as const) {
    if (key in row) record[key] = fromDbDate(row[key] ?? null);
  }
  return record as WithPurchaseOrderDates<R>;
}
