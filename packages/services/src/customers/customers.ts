import type { Db, Prisma, Tx } from "@ledgerline/db";
import {
  AppError,
  customerInputSchema,
  idSchema,
  listCustomersInputSchema,
  pageOf,
  type CustomerInput,
  type CustomerValues,
  type ListCustomersInput,
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

const customerListSelect = {
  id: true,
  name: true,
  email: true,
  phone: true,
  city: true,
  country: true,
  defaultCurrency: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  contacts: { where: { isPrimary: true }, select: { name: true, email: true }, take: 1 },
  _count: { select: { projects: true } },
} satisfies Prisma.CustomerSelect;

const customerDetailInclude = {
  contacts: { orderBy: [{ isPrimary: "desc" }, { name: "asc" }] },
  _count: { select: { projects: true } },
} satisfies Prisma.CustomerInclude;

export async function listCustomers(db: Db, rawInput: ListCustomersInput) {
  const input = listCustomersInputSchema.parse(rawInput);
  const where = {
    ...archivedWhere(input.archived),
    ...(input.country ? { country: input.country } : {}),
    ...containsAny(input.search, ["name", "legalName", "email", "city", "vatId"]),
  };
  const [items, total] = await Promise.all([
    db.customer.findMany({
      where,
      select: customerListSelect,
      // Ties broken by id so pages never overlap or skip rows.
      orderBy: [{ [input.sortBy]: input.sortDirection }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.customer.count({ where }),
  ]);
  return pageOf(items, total, input.page, input.pageSize);
}

export async function getCustomer(db: Db, rawId: string) {
  const customer = await db.customer.findUnique({
    where: { id: idSchema.parse(rawId) },
    include: customerDetailInclude,
  });
  if (!customer) throw new AppError("NOT_FOUND", "This customer does not exist.");
  return customer;
}

const customerData = ({ contacts: _contacts, ...values }: CustomerValues) => values;

export async function createCustomer(db: Db, actor: Actor, rawInput: CustomerInput) {
  const input = customerInputSchema.parse(rawInput);
  return createAudited(db, actor, "customer", (tx) =>
    tx.customer.create({
      data: {
        ...customerData(input),
        contacts: { create: input.contacts.map(({ id: _id, ...contact }) => contact) },
      },
      include: customerDetailInclude,
    }),
  );
}

/**
 * Saves the customer form: fields, and contacts as a whole list (kept ones by id, new ones
 * created, the rest removed), in one transaction.
 */
export async function updateCustomer(db: Db, actor: Actor, rawId: string, rawInput: CustomerInput) {
  const id = idSchema.parse(rawId);
  const input = customerInputSchema.parse(rawInput);
  return updateAudited(db, actor, {
    entityType: "customer",
    id,
    notFound: "This customer does not exist.",
    load: (tx) => tx.customer.findUnique({ where: { id }, include: customerDetailInclude }),
    update: async (tx, before) => {
      const knownIds = new Set(before.contacts.map((contact) => contact.id));
      if (input.contacts.some((contact) => contact.id && !knownIds.has(contact.id))) {
        throw new AppError(
          "BAD_REQUEST",
          "A contact in this form does not belong to this customer.",
        );
      }
      const keptIds = input.contacts.flatMap((contact) => (contact.id ? [contact.id] : []));
      await tx.contact.deleteMany({ where: { customerId: id, id: { notIn: keptIds } } });
      for (const { id: contactId, ...contact } of input.contacts) {
        if (contactId) await tx.contact.update({ where: { id: contactId }, data: contact });
        else await tx.contact.create({ data: { ...contact, customerId: id } });
      }
      return tx.customer.update({
        where: { id },
        data: customerData(input),
        include: customerDetailInclude,
      });
    },
  });
}

export const customerEntity: ArchivableEntity<{
  id: string;
  name: string;
  archivedAt: Date | null;
}> = {
  entityType: "customer",
  label: "customer",
  delegate: (tx: Tx) => tx.customer,
  // Invoice groups (a later issue) will refer to customers too.
  references: async (tx, id) => ({
    projects: await tx.project.count({ where: { customerId: id } }),
    documents: await tx.salesDocument.count({ where: { customerId: id } }),
  }),
};

export const archiveCustomer = (db: Db, actor: Actor, id: string) =>
  setArchived(db, actor, customerEntity, id, true);
export const restoreCustomer = (db: Db, actor: Actor, id: string) =>
  setArchived(db, actor, customerEntity, id, false);
export const deleteCustomer = (db: Db, actor: Actor, id: string) =>
  deleteUnreferenced(db, actor, customerEntity, id);
