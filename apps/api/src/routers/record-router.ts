import type { Db } from "@ledgerline/db";
import { byIdInputSchema, type idSchema, type Permission } from "@ledgerline/domain";
import type { Actor } from "@ledgerline/services";
import { type z } from "zod";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

/**
 * Customers, projects and suppliers share one shape of API: list, get, create, update (the
 * fields sent change, the others stay), archive, restore, delete, each behind the resource's
 * read/write/delete permission. The use cases
 * differ and live in @ledgerline/services; this only wires them.
 */
export function recordRouter<
  TListInput extends z.ZodType,
  TRecordInput extends z.ZodType,
  TUpdateInput extends z.ZodObject<{ id: typeof idSchema; values: z.ZodType }>,
  TList,
  TRecord,
  TArchived,
>(record: {
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
  const read = permittedProcedure(`${record.resource}.read` satisfies Permission);
  const write = permittedProcedure(`${record.resource}.write` satisfies Permission);
  const remove = permittedProcedure(`${record.resource}.delete` satisfies Permission);
  return router({
    // The casts restate what the input parser guarantees; TypeScript cannot follow generics
    // through tRPC's parser inference.
    list: read
      .input(record.listInput)
      .query(({ ctx, input }) => record.list(ctx.db, input as z.output<TListInput>)),
    get: read.input(byIdInputSchema).query(({ ctx, input }) => record.get(ctx.db, input.id)),
    create: write
      .input(record.recordInput)
      .mutation(({ ctx, input }) =>
        record.create(ctx.db, ctx.actor, input as z.output<TRecordInput>),
      ),
    update: write.input(record.updateInput).mutation(({ ctx, input }) => {
      const { id, values } = input as z.output<TUpdateInput>;
      return record.update(ctx.db, ctx.actor, id, values);
    }),
    archive: write
      .input(byIdInputSchema)
      .mutation(({ ctx, input }) => record.archive(ctx.db, ctx.actor, input.id)),
    restore: write
      .input(byIdInputSchema)
      .mutation(({ ctx, input }) => record.restore(ctx.db, ctx.actor, input.id)),
    delete: remove
      .input(byIdInputSchema)
      .mutation(({ ctx, input }) => record.delete(ctx.db, ctx.actor, input.id)),
  });
}
