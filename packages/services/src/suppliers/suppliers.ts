import type { Db, Tx } from "@ledgerline/db";
import {
  AppError,
  idSchema,
  listSuppliersInputSchema,
  mergeUpdate,
  pageOf,
  createSupplierInputSchema,
  updateSupplierInputSchema,
  type ListSuppliersInput,
  type CreateSupplierInput,
  type UpdateSupplierInput,
  appMessage,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { createAudited, updateAudited } from "../audit/audited-writes.ts";
import {
  archivedWhere,
  containsAny,
  deleteUnreferenced,
  setArchived,
  type ArchivableEntity,
} from "../shared/archivable.ts";

export async function listSuppliers(db: Db, rawInput: ListSuppliersInput) {
  const input = listSuppliersInputSchema.parse(rawInput);
  const where = {
    ...archivedWhere(input.archived),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.languagePair ? { languagePairs: { has: input.languagePair } } : {}),
    ...containsAny(input.search, ["name", "email", "city", "taxId"]),
  };
  const [items, total] = await Promise.all([
    db.supplier.findMany({
      where,
      orderBy: [{ [input.sortBy]: input.sortDirection }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.supplier.count({ where }),
  ]);
  return pageOf(items, total, input.page, input.pageSize);
}

export async function getSupplier(db: Db, rawId: string) {
  const supplier = await db.supplier.findUnique({ where: { id: idSchema.parse(rawId) } });
  if (!supplier) throw new AppError("NOT_FOUND", appMessage("supplier.notFound"));
  return supplier;
}

export async function createSupplier(db: Db, actor: Actor, rawInput: CreateSupplierInput) {
  const input = createSupplierInputSchema.parse(rawInput);
  return createAudited(db, actor, "supplier", (tx) => tx.supplier.create({ data: input }));
}

/**
 * Changes a supplier (`suppliers.update`): the fields sent change, the others stay as they are;
 * the supplier afterwards must meet the create rules.
 */
export async function updateSupplier(
  db: Db,
  actor: Actor,
  rawId: string,
  rawValues: UpdateSupplierInput["values"],
) {
  const { id, values } = updateSupplierInputSchema.parse({ id: rawId, values: rawValues });
  return updateAudited(db, actor, {
    entityType: "supplier",
    table: "suppliers",
    id,
    notFound: appMessage("supplier.notFound"),
    load: (tx) => tx.supplier.findUnique({ where: { id } }),
    update: (tx, before) =>
      tx.supplier.update({
        where: { id },
        data: mergeUpdate(createSupplierInputSchema, before, values),
      }),
  });
}

export const supplierEntity: ArchivableEntity<{
  id: string;
  name: string;
  archivedAt: Date | null;
}> = {
  entityType: "supplier",
  label: "supplier",
  delegate: (tx: Tx) => tx.supplier,
  references: async (tx, id) => ({
    "purchase orders": await tx.purchaseOrder.count({ where: { supplierId: id } }),
  }),
};

export const archiveSupplier = (db: Db, actor: Actor, id: string) =>
  setArchived(db, actor, supplierEntity, id, true);
export const restoreSupplier = (db: Db, actor: Actor, id: string) =>
  setArchived(db, actor, supplierEntity, id, false);
export const deleteSupplier = (db: Db, actor: Actor, id: string) =>
  deleteUnreferenced(db, actor, supplierEntity, id);
