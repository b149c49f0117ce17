/**
 * Purchase orders (procure-to-pay, seed 004 §4-§6): the use cases the API and the worker call.
 * docs/domain-model.md §1 PurchaseOrder and §5.9.
 */
export {
  getPurchaseOrder,
  type PurchaseOrderDetail,
  type PurchaseOrderHistoryEntry,
  type PurchaseOrderMilestoneView,
  type DisbursementItemView,
} from "./read-purchase-order.ts";
export {
  listPurchaseOrders,
  purchaseOrderCommitments,
  type PurchaseOrderCommitment,
  type PurchaseOrderListItem,
} from "./list-purchase-orders.ts";
export { createPurchaseOrder, updatePurchaseOrder } from "./write-purchase-order.ts";
export {
  approvePurchaseOrder,
  deletePurchaseOrder,
  restoreDeletedPurchaseOrder,
  setPurchaseOrderArchived,
  transitionPurchaseOrder,
} from "./purchase-order-actions.ts";
export {
  listPurchaseOrderMilestones,
  recordPurchaseOrderMilestone,
  updatePurchaseOrderMilestone,
  type PurchaseOrderMilestoneList,
  type RequestOrigin,
} from "./milestones.ts";
export {
  addDisbursementItem,
  deleteDisbursementItem,
  listDisbursementItems,
  updateDisbursementItem,
  type DisbursementItemList,
} from "./disbursements.ts";
export {
  BATCH_CHUNK_SIZE,
  createPurchaseOrderBatch,
  getPurchaseOrderBatch,
  processPurchaseOrderBatch,
  runPurchaseOrderBatch,
  unfinishedPurchaseOrderBatches,
  type PurchaseOrderBatchStatus,
} from "./batches.ts";
export { expirePurchaseOrders } from "./expire-purchase-orders.ts";
