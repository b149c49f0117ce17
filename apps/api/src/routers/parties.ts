import type { Db } from "@ledgerline/db";
import {
  customerInputSchema,
  idSchema,
  listCustomersInputSchema,
  listProjectsInputSchema,
  listSuppliersInputSchema,
  projectInputSchema,
  supplierInputSchema,
  updateCustomerInputSchema,
  updateProjectInputSchema,
  updateSupplierInputSchema,
  type Permission,
} from "@ledgerline/domain";
import * as services from "@ledgerline/services";
import type { Actor } from "@ledgerline/services";
import { z } from "zod";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

const byId = z.object({ id: idSchema });

/**
 * Customers, projects and suppliers share one shape of API: list, get, create, update (the
 * fields sent change, the others stay), archive, restore, delete, each behind the resource's
 * read/write/delete permission. The use cases
 * differ and live in @ledgerline/services; this only wires them.
 */
function partyRouter<
  TListInput extends z.ZodType,
  TRecordInput extends z.ZodType,
  TUpdateInput extends z.ZodObject<{ id: typeof idSchema; values: z.ZodType }>,
  TList,
  TRecord,
  TArchived,
>(party: {
  resource: "customer" | "project" | "supplier";
  listInput: TListInput;
  recordInput: TRecordInput;
  /** `{ id, values }` with the fields to change (`updateInputOf` of the create schema). */
  updateInput: TUpdateInput;
  list: (db: Db, input: z.output<TListInput>) => Promise<TList>;
  get: (db: Db, id: string) => Promise<TRecord>;
  create: (db: Db, actor: Actor, input: z.output<TRecordInput>) => Promise<TRecord>;
  update: (
    db: Db,
    actor: Actor,
    id: string,
    values: z.output<TUpdateInput>["values"],
  ) => Promise<TRecord>;
  archive: (db: Db, actor: Actor, id: string) => Promise<TArchived>;
  restore: (db: Db, actor: Actor, id: string) => Promise<TArchived>;
  delete: (db: Db, actor: Actor, id: string) => Promise<{ id: string }>;
}) {
  const read = permittedProcedure(`${party.resource}.read` satisfies Permission);
  const write = permittedProcedure(`${party.resource}.write` satisfies Permission);
  const remove = permittedProcedure(`${party.resource}.delete` satisfies Permission);
  return router({
    // The casts restate what the input parser guarantees; TypeScript cannot follow generics
    // through tRPC's parser inference.
    list: read
      .input(party.listInput)
      .query(({ ctx, input }) => party.list(ctx.db, input as z.output<TListInput>)),
    get: read.input(byId).query(({ ctx, input }) => party.get(ctx.db, input.id)),
    create: write
      .input(party.recordInput)
      .mutation(({ ctx, input }) =>
        party.create(ctx.db, ctx.actor, input as z.output<TRecordInput>),
      ),
    update: write.input(party.updateInput).mutation(({ ctx, input }) => {
      const { id, values } = input as z.output<TUpdateInput>;
      return party.update(ctx.db, ctx.actor, id, values);
    }),
    archive: write
      .input(byId)
      .mutation(({ ctx, input }) => party.archive(ctx.db, ctx.actor, input.id)),
    restore: write
      .input(byId)
      .mutation(({ ctx, input }) => party.restore(ctx.db, ctx.actor, input.id)),
    delete: remove
      .input(byId)
      .mutation(({ ctx, input }) => party.delete(ctx.db, ctx.actor, input.id)),
  });
}

export const customersRouter = partyRouter({
  resource: "customer",
  listInput: listCustomersInputSchema,
  recordInput: customerInputSchema,
  updateInput: updateCustomerInputSchema,
  list: services.listCustomers,
  get: services.getCustomer,
  create: services.createCustomer,
  update: services.updateCustomer,
  archive: services.archiveCustomer,
  restore: services.restoreCustomer,
  delete: services.deleteCustomer,
});

export const projectsRouter = partyRouter({
  resource: "project",
  listInput: listProjectsInputSchema,
  recordInput: projectInputSchema,
  updateInput: updateProjectInputSchema,
  list: services.listProjects,
  get: services.getProject,
  create: services.createProject,
  update: services.updateProject,
  archive: services.archiveProject,
  restore: services.restoreProject,
  delete: services.deleteProject,
});

export const suppliersRouter = partyRouter({
  resource: "supplier",
  listInput: listSuppliersInputSchema,
  recordInput: supplierInputSchema,
  updateInput: updateSupplierInputSchema,
  list: services.listSuppliers,
  get: services.getSupplier,
  create: services.createSupplier,
  update: services.updateSupplier,
  archive: services.archiveSupplier,
  restore: services.restoreSupplier,
  delete: services.deleteSupplier,
});
