import type { Db, Prisma } from "@ledgerline/db";
import {
  idSchema,
  payableTotalOf,
  purchaseOrderAllowedActions,
  type Decimal,
  type PurchaseOrderAllowedAction,
  type PurchaseOrderStatus,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { fromDbDate } from "../sales-documents/company-context.ts";
import {
  factsOf,
  PURCHASE_ORDER_ENTITY,
  purchaseOrderActorOf,
  purchaseOrderNotFound,
  purchaseOrderRecordSelect,
} from "./purchase-order-records.ts";

const person = { select: { id: true, name: true } } as const;

export const milestoneSelect = {
  id: true,
  purchaseOrderId: true,
  percentage: true,
  notes: true,
  isConfirmed: true,
  confirmedAt: true,
  confirmedBy: person,
  recordedAt: true,
  recordedBy: person,
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

export interface PurchaseOrderHistoryEntry {
  occurredAt: Date;
  action: string;
  actorName: string | null;
  apiTokenName: string | null;
  fromStatus: PurchaseOrderStatus | null;
  toStatus: PurchaseOrderStatus | null;
  reason: string | null;
  /** What else the event says (milestone percentage, auto-approval threshold, ...). */
  after: unknown;
}

/**
 * One PO as the API returns it (`purchaseOrders.get`): its fields, the project's number and name
 * (seed 004 "enriched with the job"), supplier and people by name, milestones in percentage
 * order, disbursements by item type, the payable total (amount + disbursements), the highest
 * confirmed milestone, its history, and what the caller may do next (`allowedActions`).
 */
export async function getPurchaseOrder(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  const [po, history] = await Promise.all([
    db.purchaseOrder.findUnique({
      where: { id },
      select: {
        ...purchaseOrderRecordSelect,
        createdAt: true,
        updatedAt: true,
        project: { select: { id: true, number: true, name: true } },
        supplier: { select: { id: true, name: true } },
        projectManager: person,
        approvedBy: person,
        createdBy: person,
        milestones: { select: milestoneSelect, orderBy: MILESTONE_ORDER },
        disbursements: { select: disbursementSelect, orderBy: DISBURSEMENT_ORDER },
      },
    }),
    db.$queryRaw<
      Array<Omit<PurchaseOrderHistoryEntry, "occurredAt"> & { occurredAt: Date }>
    >`SELECT e.occurred_at AS "occurredAt", e.action, u.name AS "actorName",
             t.name AS "apiTokenName", e.before ->> 'status' AS "fromStatus",
             e.after ->> 'status' AS "toStatus", e.after ->> 'reason' AS "reason",
             e.after AS "after"
      FROM audit_events e
      LEFT JOIN users u ON u.id = e.actor_id
      LEFT JOIN api_tokens t ON t.id = e.api_token_id
      WHERE e.entity_type = ${PURCHASE_ORDER_ENTITY} AND e.entity_id = ${id}
      ORDER BY e.id`,
  ]);
  if (!po) throw purchaseOrderNotFound();
  const payableTotal: Decimal = payableTotalOf(po);
  const confirmed = po.milestones.filter((milestone) => milestone.isConfirmed);
  const allowedActions: PurchaseOrderAllowedAction[] = purchaseOrderAllowedActions(
    factsOf(po),
    purchaseOrderActorOf(actor),
  );
  return {
    ...po,
    dueDate: fromDbDate(po.dueDate),
    paidDate: fromDbDate(po.paidDate),
    payableTotal,
    /** The highest confirmed milestone (0 when none). */
    progress: confirmed.length > 0 ? confirmed.at(-1)!.percentage : 0,
    history: history satisfies PurchaseOrderHistoryEntry[],
    allowedActions,
  };
}

export type PurchaseOrderDetail = Awaited<ReturnType<typeof getPurchaseOrder>>;
