import type { Db, Prisma, Tx } from "@ledgerline/db";
import {
  AppError,
  idSchema,
  listProjectsInputSchema,
  mergeUpdate,
  pageOf,
  createProjectInputSchema,
  updateProjectInputSchema,
  type ListProjectsInput,
  type CreateProjectInput,
  type ProjectValues,
  type UpdateProjectInput,
  appMessage,
  type AppMessage,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { createAudited, updateAudited } from "../audit/audited-writes.ts";
import {
  archivedWhere,
  deleteUnreferenced,
  setArchived,
  type ArchivableEntity,
} from "../shared/archivable.ts";

const projectInclude = {
  customer: { select: { id: true, name: true, archivedAt: true } },
  manager: { select: { id: true, name: true } },
} satisfies Prisma.ProjectInclude;

export async function listProjects(db: Db, rawInput: ListProjectsInput) {
  const input = listProjectsInputSchema.parse(rawInput);
  const search = input.search;
  // People quote a project by its number ("1042") as often as by its name.
  const searchWhere = search
    ? {
        OR: [
          { name: { contains: search, mode: "insensitive" as const } },
          { customer: { name: { contains: search, mode: "insensitive" as const } } },
          ...(/^\d{1,9}$/.test(search) ? [{ number: Number(search) }] : []),
        ],
      }
    : {};
  const where = {
    ...archivedWhere(input.archived),
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(input.managerId ? { managerId: input.managerId } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...searchWhere,
  };
  const [items, total] = await Promise.all([
    db.project.findMany({
      where,
      include: projectInclude,
      orderBy: [{ [input.sortBy]: input.sortDirection }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.project.count({ where }),
  ]);
  return pageOf(items, total, input.page, input.pageSize);
}

export async function getProject(db: Db, rawId: string) {
  const project = await db.project.findUnique({
    where: { id: idSchema.parse(rawId) },
    include: projectInclude,
  });
  if (!project) throw new AppError("NOT_FOUND", appMessage("project.notFound"));
  return project;
}

const asDate = (value: string | null) => (value ? new Date(`${value}T00:00:00.000Z`) : null);

const linkError = (field: string, message: AppMessage, fieldMessage = message) =>
  new AppError("BAD_REQUEST", message, { fieldErrors: { [field]: [fieldMessage] } });

/**
 * Checks the links a project form sets, with field errors the form can show. Only a link that is
 * set or changed is checked: keeping the customer or manager a project already has is no new
 * link (an archived customer's projects stay editable, as does a project whose manager has left).
 *
 * - `customerId`: an existing customer that is not archived (no new work for an archived one).
 *   A project moves to another customer only while nothing of its customer refers to it: no
 *   sales document names it and none of its expenses is billed, since those belong to the
 *   customer the project had (§1 Project.customerId).
 * - `managerId`: an active user.
 */
async function projectData(tx: Tx, input: ProjectValues, before: ProjectRecord | null) {
  if (!before || before.customerId !== input.customerId) {
    const customer = await tx.customer.findUnique({
      where: { id: input.customerId },
      select: { archivedAt: true },
    });
    if (!customer)
      throw linkError(
        "customerId",
        appMessage("project.customerNotFound"),
        appMessage("project.chooseCustomer"),
      );
    if (customer.archivedAt) {
      throw linkError(
        "customerId",
        appMessage(before ? "project.customerArchived" : "project.customerArchivedNew"),
        appMessage("project.customerIsArchived"),
      );
    }
  }
  if (before && before.customerId !== input.customerId) {
    const [documents, billedExpenses] = await Promise.all([
      tx.salesDocument.count({ where: { projectId: before.id } }),
      tx.expense.count({ where: { projectId: before.id, invoiceId: { not: null } } }),
    ]);
    if (documents > 0 || billedExpenses > 0) {
      throw linkError(
        "customerId",
        appMessage("project.cannotMove", { name: before.name, customer: before.customer.name }),
      );
    }
  }
  if (input.managerId && input.managerId !== before?.managerId) {
    const manager = await tx.user.findUnique({
      where: { id: input.managerId },
      select: { active: true },
    });
    if (!manager?.active) {
      throw linkError(
        "managerId",
        appMessage("project.managerInactive"),
        appMessage("project.chooseActiveUser"),
      );
    }
  }
  return { ...input, startDate: asDate(input.startDate), endDate: asDate(input.endDate) };
}

type ProjectRecord = Prisma.ProjectGetPayload<{ include: typeof projectInclude }>;

export async function createProject(db: Db, actor: Actor, rawInput: CreateProjectInput) {
  const input = createProjectInputSchema.parse(rawInput);
  return createAudited(db, actor, "project", async (tx) =>
    tx.project.create({
      data: await projectData(tx, input, null),
      include: projectInclude,
    }),
  );
}

/**
 * Changes a project (`projects.update`): the fields sent change, the others stay as they are;
 * the project afterwards must meet the create rules (the end date not before the start date,
 * whichever of the two was sent), and the links it sets are checked (`projectData`). The row is
 * locked first, so the move to another customer and a new document or billed expense naming the
 * project (which read its customer under a share lock) follow each other.
 */
export async function updateProject(
  db: Db,
  actor: Actor,
  rawId: string,
  rawValues: UpdateProjectInput["values"],
) {
  const { id, values } = updateProjectInputSchema.parse({ id: rawId, values: rawValues });
  return updateAudited(db, actor, {
    entityType: "project",
    table: "projects",
    id,
    notFound: appMessage("project.notFound"),
    load: (tx) => tx.project.findUnique({ where: { id }, include: projectInclude }),
    update: async (tx, before) =>
      tx.project.update({
        where: { id },
        data: await projectData(tx, mergeUpdate(createProjectInputSchema, before, values), before),
        include: projectInclude,
      }),
  });
}

export const projectEntity: ArchivableEntity<{
  id: string;
  name: string;
  archivedAt: Date | null;
}> = {
  entityType: "project",
  label: "project",
  delegate: (tx: Tx) => tx.project,
  references: async (tx, id) => ({
    documents: await tx.salesDocument.count({ where: { projectId: id } }),
    expenses: await tx.expense.count({ where: { projectId: id } }),
    "purchase orders": await tx.purchaseOrder.count({ where: { projectId: id } }),
  }),
};

export const archiveProject = (db: Db, actor: Actor, id: string) =>
  setArchived(db, actor, projectEntity, id, true);
export const restoreProject = (db: Db, actor: Actor, id: string) =>
  setArchived(db, actor, projectEntity, id, false);
export const deleteProject = (db: Db, actor: Actor, id: string) =>
  deleteUnreferenced(db, actor, projectEntity, id);
