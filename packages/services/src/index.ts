export * from "./actor.ts";
export * from "./audit/record-audit-event.ts";
export * from "./audit/audited-writes.ts";
export * from "./audit/list-audit-events.ts";
export * from "./auth/password.ts";
export * from "./auth/sessions.ts";
export * from "./auth/sign-in.ts";
export * from "./auth/api-tokens.ts";
export * from "./users/users.ts";
export * from "./customers/customers.ts";
export * from "./suppliers/suppliers.ts";
export * from "./projects/projects.ts";
export * from "./settings/company-settings.ts";
export * from "./settings/company-logo.ts";
export * from "./sales-documents/index.ts";
export * from "./purchase-orders/index.ts";
export * from "./invoice-groups/index.ts";
export * from "./approvals/approval-inbox.ts";
export * from "./payments/payments.ts";
export * from "./payments/received-payments.ts";
export * from "./expenses/expenses.ts";
export * from "./expenses/expense-receipts.ts";
export * from "./files/file-store.ts";
export * from "./files/stored-files.ts";
export * from "./seed/demo-seed.ts";
export * from "./documents/index.ts";
export {
  onRecordsIssued,
  type IssuedRecord,
  type RecordsIssuedListener,
} from "./shared/issued-records.ts";
