import { Prisma, type Db } from "@ledgerline/db";
import {
  idSchema,
  toDecimal,
  payableTotalOf,
  purchaseOrderAllowedActions,
  type Decimal,
  type PurchaseOrderAllowedAction,
  type PurchaseOrderStatus,
} from "@ledgerline/domain";
import { isRecordVisibleTo } from "../shared/record-visibility.ts";
import type { Actor } from "../actor.ts";
import {
  historyEntryOf,
  historySql,
  type HistoryEntry,
  type HistoryJson,
} from "../audit/history.ts";
import type { JsonText } from "../shared/raw-sql-rows.ts";
import {
  factsOf,
  PURCHASE_ORDER_ENTITY,
  purchaseOrderActorOf,
  purchaseOrderNotFound,
} from "./purchase-order-records.ts";
import {
  purchaseOrderColumns,
  withPurchaseOrderDates,
  type PurchaseOrderRow,
} from "./purchase-order-rows.ts";

const personSelect = { select: { id: true, name: true } } as const;

export const milestoneSelect = {
  id: true,
  purchaseOrderId: true,
  percentage: true,
  notes: true,
  isConfirmed: true,
  confirmedAt: true,
  confirmedBy: personSelect,
  recordedAt: true,
  recordedBy: personSelect,
  remoteIp: true,
} satisfies Prisma.PurchaseOrderMilestoneSelect;

export const disbursementSelect = {
  id: true,
  purchaseOrderId: true,
  itemType: true,
  itemTypeInfo: true,
  units: true,
  ratePerUnit: true,
  totalCost: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.DisbursementItemSelect;

export type PurchaseOrderMilestoneView = Prisma.PurchaseOrderMilestoneGetPayload<{
  select: typeof milestoneSelect;
}>;
export type DisbursementItemView = Prisma.DisbursementItemGetPayload<{
  select: typeof disbursementSelect;
}>;

/** Milestones in percentage order (seed 004 "automatic ordering by milestone percentage"). */
export const MILESTONE_ORDER = [
  { percentage: "asc" },
] satisfies Prisma.PurchaseOrderMilestoneOrderByWithRelationInput[];
/** Disbursements by item type (seed 004), then in the order they were added. */
export const DISBURSEMENT_ORDER = [
  { itemType: "asc" },
  { createdAt: "asc" },
  { id: "asc" },
] satisfies Prisma.DisbursementItemOrderByWithRelationInput[];

/** A purchase order's history entry (`audit/history.ts`). */
export type PurchaseOrderHistoryEntry = HistoryEntry<PurchaseOrderStatus>;

/** The detail read's one row: the PO, the names it refers to, and its parts as JSON arrays. */
interface DetailRow extends PurchaseOrderRow {
  projectNumber: number;
  projectName: string;
  supplierName: string;
  projectManagerName: string | null;
  approvedByName: string | null;
  createdById: string | null;
  createdByName: string | null;
  milestones: MilestoneJson[];
  disbursements: DisbursementJson[];
  history: HistoryJson<PurchaseOrderStatus>[];
}

type MilestoneJson = JsonText<PurchaseOrderMilestoneView, never, "confirmedAt" | "recordedAt">;
type DisbursementJson = JsonText<
  DisbursementItemView,
  "ratePerUnit" | "totalCost",
  "createdAt" | "updatedAt"
>;

const personJson = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'name', ${alias}.name) END`;

/**
 * Milestones in percentage order, disbursements by item type (then as added), and the history
 * in the order it was written (every change of a PO holds its row lock): each as a JSON array,
 * in the order of MILESTONE_ORDER and DISBURSEMENT_ORDER, so the whole PO is one statement.
 */
const PARTS = Prisma.sql`
  (SELECT coalesce(json_agg(json_build_object(
            'id', m.id, 'purchaseOrderId', m.purchase_order_id, 'percentage', m.percentage,
            'notes', m.notes, 'isConfirmed', m.is_confirmed, 'confirmedAt', m.confirmed_at,
            'confirmedBy', ${Prisma.raw(personJson("confirmer"))},
            'recordedAt', m.recorded_at, 'recordedBy', ${Prisma.raw(personJson("recorder"))},
            'remoteIp', m.remote_ip) ORDER BY m.percentage), '[]')
     FROM purchase_order_milestones m
     LEFT JOIN users confirmer ON confirmer.id = m.confirmed_by_id
     LEFT JOIN users recorder ON recorder.id = m.recorded_by_id
     WHERE m.purchase_order_id = po.id) AS "milestones",
  (SELECT coalesce(json_agg(json_build_object(
            'id', d.id, 'purchaseOrderId', d.purchase_order_id, 'itemType', d.item_type,
            'itemTypeInfo', d.item_type_info, 'units', d.units,
            'ratePerUnit', d.rate_per_unit::text, 'totalCost', d.total_cost::text,
            'createdAt', d.created_at, 'updatedAt', d.updated_at)
            ORDER BY d.item_type, d.created_at, d.id), '[]')
     FROM disbursement_items d WHERE d.purchase_order_id = po.id) AS "disbursements",
  ${historySql(PURCHASE_ORDER_ENTITY, Prisma.sql`po.id::text`)} AS "history"`;

/** The PO with everything it refers to, in one statement (one round trip). */
const readDetail = (db: Db, id: string) =>
  db.$queryRaw<DetailRow[]>`
    SELECT ${purchaseOrderColumns()},
           p.number AS "projectNumber", p.name AS "projectName", s.name AS "supplierName",
           manager.name AS "projectManagerName", approver.name AS "approvedByName",
           po.created_by_id::text AS "createdById", creator.name AS "createdByName",
           ${PARTS}
    FROM purchase_orders po
    JOIN projects p ON p.id = po.project_id
    JOIN suppliers s ON s.id = po.supplier_id
    LEFT JOIN users manager ON manager.id = po.project_manager_id
    LEFT JOIN users approver ON approver.id = po.approved_by_id
    LEFT JOIN users creator ON creator.id = po.created_by_id
    WHERE po.id = ${id}::uuid`;

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);
const dateOf = (text: string | null) => (text === null ? null : new Date(text));

/**
 * One PO as the API returns it (`purchaseOrders.get`): its fields, the project's number and name
 * (seed 004 "enriched with the job"), supplier and people by name, milestones in percentage
 * order, disbursements by item type, the payable total (amount + disbursements), the highest
 * confirmed milestone, its history, and what the caller may do next (`allowedActions`). One
 * statement: each round trip costs more than the SQL of the small reads it would carry.
 */
export async function getPurchaseOrder(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  const [row] = await readDetail(db, id);
  if (!row || !isRecordVisibleTo(actor, "purchaseOrder", row)) throw purchaseOrderNotFound();
  const {
    projectNumber,
    projectName,
    supplierName,
    projectManagerName,
    approvedByName,
    createdById,
    createdByName,
    milestones: milestoneRows,
    disbursements: disbursementRows,
    history: historyRows,
    ...po
  } = row;
  const milestones: PurchaseOrderMilestoneView[] = milestoneRows.map((milestone) => ({
    ...milestone,
    confirmedAt: dateOf(milestone.confirmedAt),
    recordedAt: new Date(milestone.recordedAt),
  }));
  const disbursements: DisbursementItemView[] = disbursementRows.map((item) => ({
    ...item,
    ratePerUnit: toDecimal(item.ratePerUnit),
    totalCost: toDecimal(item.totalCost),
    createdAt: new Date(item.createdAt),
    updatedAt: new Date(item.updatedAt),
  }));
  const history = historyRows.map(historyEntryOf);
  const payableTotal: Decimal = payableTotalOf(po);
  const confirmed = milestones.filter((milestone) => milestone.isConfirmed);
  const allowedActions: PurchaseOrderAllowedAction[] = purchaseOrderAllowedActions(
    factsOf(po),
    purchaseOrderActorOf(actor),
  );
  return {
    ...withPurchaseOrderDates(po),
    project: { id: po.projectId, number: projectNumber, name: projectName },
    supplier: { id: po.supplierId, name: supplierName },
    projectManager: person(po.projectManagerId, projectManagerName),
    approvedBy: person(po.approvedById, approvedByName),
    createdBy: person(createdById, createdByName),
    milestones,
    disbursements,
    payableTotal,
    /** The highest confirmed milestone (0 when none). */
    progress: confirmed.length > 0 ? confirmed.at(-1)!.percentage : 0,
    history,
    allowedActions,
  };
}

export type PurchaseOrderDetail = Awaited<ReturnType<typeof getPurchaseOrder>>;
