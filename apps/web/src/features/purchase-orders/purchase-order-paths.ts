/** Where purchase orders live in the app. */
export const PURCHASE_ORDERS_PATH = "/purchase-orders";
export const purchaseOrderPath = (id: string) => `${PURCHASE_ORDERS_PATH}/${id}`;
export const PURCHASING_PATH = "/purchasing";
export const APPROVALS_PATH = "/approvals";
