import { router } from "../trpc/init.ts";
import { authRouter } from "./auth.ts";
import { expensesRouter } from "./expenses.ts";
import { customersRouter, projectsRouter, suppliersRouter } from "./parties.ts";
import { paymentsRouter } from "./payments.ts";
import { salesDocumentsRouter } from "./sales-documents.ts";
import { auditRouter, settingsRouter, systemRouter } from "./settings.ts";
import { apiTokensRouter, usersRouter } from "./users.ts";

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
  payments: paymentsRouter,
});

export type AppRouter = typeof appRouter;
