export { createDb, type CreateDbOptions, type Db, type Tx } from "./client.ts";
export { databaseRefusalOf, LEDGERLINE_SQLSTATE, type DatabaseRefusal } from "./database-errors.ts";
export { isDatabaseConnectionError } from "./connection-errors.ts";
export { Prisma } from "./generated/prisma/client.ts";
export type * from "./generated/prisma/models.ts";
export { Role, SupplierKind, ProjectStatus } from "./generated/prisma/enums.ts";
export type { StoredFileKind } from "./generated/prisma/enums.ts";
export {
  APPLICATION_ROLE,
  applicationDatabaseUrl,
  checkDatabaseRole,
  defaultApplicationPasswordFile,
  enforceApplicationRole,
  type ApplicationUrlOptions,
  type DatabaseRoleCheck,
  type EnforceRoleOptions,
} from "./application-role.ts";
