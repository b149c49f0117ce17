/** Where invoice groups live in the app. */
export const INVOICE_GROUPS_PATH = "/invoice-groups";
export const invoiceGroupPath = (id: string) => `${INVOICE_GROUPS_PATH}/${id}`;
