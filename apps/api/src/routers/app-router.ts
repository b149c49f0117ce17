import { router } from "../trpc/init.ts";
import { authRouter } from "./auth.ts";
import { expensesRouter } from "./expenses.ts";
import { invoiceGroupsRouter } from "./invoice-groups.ts";
import { apiTokensRouter } from "./api-tokens.ts";
import { approvalsRouter } from "./approvals.ts";
import { auditRouter } from "./audit.ts";
import { customersRouter } from "./customers.ts";
import { paymentsRouter } from "./payments.ts";
import { projectsRouter } from "./projects.ts";
import { purchaseOrdersRouter } from "./purchase-orders.ts";
import { recordPdfsRouter } from "./record-pdfs.ts";
import { salesDocumentsRouter } from "./sales-documents.ts";
import { settingsRouter } from "./settings.ts";
import { suppliersRouter } from "./suppliers.ts";
import { systemRouter } from "./system.ts";
import { usersRouter } from "./users.ts";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  apiTokens: apiTokensRouter,
  settings: settingsRouter,
  audit: auditRouter,
  system: systemRouter,
  customers: customersRouter,
  projects: projectsRouter,
  suppliers: suppliersRouter,
  expenses: expensesRouter,
  salesDocuments: salesDocumentsRouter,
  salesDocumentPdfs: recordPdfsRouter("salesDocument"),
  payments: paymentsRouter,
  purchaseOrders: purchaseOrdersRouter,
  purchaseOrderPdfs: recordPdfsRouter("purchaseOrder"),
  invoiceGroups: invoiceGroupsRouter,
  invoiceGroupPdfs: recordPdfsRouter("invoiceGroup"),
  approvals: approvalsRouter,
});

export type AppRouter = typeof appRouter;
