import type { Db, Prisma, Tx } from "@ledgerline/db";
import {
  AppError,
  createCustomerInputSchema,
  idSchema,
  listCustomersInputSchema,
  mergeUpdate,
  pageOf,
  updateCustomerInputSchema,
  type CreateCustomerInput,
  type CustomerValues,
  type ListCustomersInput,
  type UpdateCustomerInput,
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
  if (!customer) throw new AppError("NOT_FOUND", appMessage("customer.notFound"));
  return customer;
}

const customerData = ({ contacts: _contacts, ...values }: CustomerValues) => values;

export async function createCustomer(db: Db, actor: Actor, rawInput: CreateCustomerInput) {
  const input = createCustomerInputSchema.parse(rawInput);
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
 * Changes a customer (`customers.update`): the fields sent change, the others stay as they are;
 * the customer afterwards must meet the create rules. `contacts`, when sent, is the new list of
 * contacts (a contact with its id keeps that contact, one without is new, the rest are removed),
 * all in one transaction; a contact id of another customer is refused (`contacts.<n>.id`).
 */
export async function updateCustomer(
  db: Db,
  actor: Actor,
  rawId: string,
  rawValues: UpdateCustomerInput["values"],
) {
  const { id, values } = updateCustomerInputSchema.parse({ id: rawId, values: rawValues });
  return updateAudited(db, actor, {
    entityType: "customer",
    table: "customers",
    id,
    notFound: appMessage("customer.notFound"),
    load: (tx) => tx.customer.findUnique({ where: { id }, include: customerDetailInclude }),
    update: async (tx, before) => {
      const merged = mergeUpdate(createCustomerInputSchema, before, values, {
        foreignItem: { contacts: "This contact is not a contact of this customer." },
      });
      if (values.contacts !== undefined) await replaceContacts(tx, id, merged.contacts);
      return tx.customer.update({
        where: { id },
        data: customerData(merged),
        include: customerDetailInclude,
      });
    },
  });
}

/** The customer's contacts become `contacts`: kept ones by id, new ones created, others removed. */
async function replaceContacts(tx: Tx, customerId: string, contacts: CustomerValues["contacts"]) {
  const keptIds = contacts.flatMap((contact) => (contact.id ? [contact.id] : []));
  await tx.contact.deleteMany({ where: { customerId, id: { notIn: keptIds } } });
  for (const { id: contactId, ...contact } of contacts) {
    if (contactId) await tx.contact.update({ where: { id: contactId, customerId }, data: contact });
    else await tx.contact.create({ data: { ...contact, customerId } });
  }
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
    // An empty draft group refers to its customer with no document between them.
    "invoice groups": await tx.invoiceGroup.count({ where: { customerId: id } }),
  }),
};

export const archiveCustomer = (db: Db, actor: Actor, id: string) =>
  setArchived(db, actor, customerEntity, id, true);
export const restoreCustomer = (db: Db, actor: Actor, id: string) =>
  setArchived(db, actor, customerEntity, id, false);
export const deleteCustomer = (db: Db, actor: Actor, id: string) =>
  deleteUnreferenced(db, actor, customerEntity, id);
