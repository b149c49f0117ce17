import type { Db, Prisma, Tx } from "@ledgerline/db";
import {
  AppError,
  idSchema,
  listProjectsInputSchema,
  pageOf,
  projectInputSchema,
  type ListProjectsInput,
  type ProjectInput,
  type ProjectValues,
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
  if (!project) throw new AppError("NOT_FOUND", "This project does not exist.");
  return project;
}

const asDate = (value: string | null) => (value ? new Date(`${value}T00:00:00.000Z`) : null);

/** Checks the references a project form names, with field errors the form can show. */
async function projectData(tx: Tx, input: ProjectValues, options: { newProject: boolean }) {
  const customer = await tx.customer.findUnique({
    where: { id: input.customerId },
    select: { archivedAt: true },
  });
  if (!customer) {
    throw new AppError("BAD_REQUEST", "The customer does not exist.", {
      fieldErrors: { customerId: ["Choose an existing customer."] },
    });
  }
  // Existing projects of an archived customer stay editable; new work for one is a mistake.
  if (options.newProject && customer.archivedAt) {
    throw new AppError(
      "BAD_REQUEST",
      "The customer is archived; restore it before starting a project.",
      {
        fieldErrors: { customerId: ["This customer is archived."] },
      },
    );
  }
  if (input.managerId) {
    const manager = await tx.user.findUnique({
      where: { id: input.managerId },
      select: { active: true },
    });
    if (!manager?.active) {
      throw new AppError("BAD_REQUEST", "The project manager must be an active user.", {
        fieldErrors: { managerId: ["Choose an active user."] },
      });
    }
  }
  return { ...input, startDate: asDate(input.startDate), endDate: asDate(input.endDate) };
}

export async function createProject(db: Db, actor: Actor, rawInput: ProjectInput) {
  const input = projectInputSchema.parse(rawInput);
  return createAudited(db, actor, "project", async (tx) =>
    tx.project.create({
      data: await projectData(tx, input, { newProject: true }),
      include: projectInclude,
    }),
  );
}

export async function updateProject(db: Db, actor: Actor, rawId: string, rawInput: ProjectInput) {
  const id = idSchema.parse(rawId);
  const input = projectInputSchema.parse(rawInput);
  return updateAudited(db, actor, {
    entityType: "project",
    id,
    notFound: "This project does not exist.",
    load: (tx) => tx.project.findUnique({ where: { id }, include: projectInclude }),
    update: async (tx) =>
      tx.project.update({
        where: { id },
        data: await projectData(tx, input, { newProject: false }),
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
  // Purchase orders (a later issue) will refer to projects too.
  references: async (tx, id) => ({
    documents: await tx.salesDocument.count({ where: { projectId: id } }),
    expenses: await tx.expense.count({ where: { projectId: id } }),
  }),
};

export const archiveProject = (db: Db, actor: Actor, id: string) =>
  setArchived(db, actor, projectEntity, id, true);
export const restoreProject = (db: Db, actor: Actor, id: string) =>
  setArchived(db, actor, projectEntity, id, false);
export const deleteProject = (db: Db, actor: Actor, id: string) =>
  deleteUnreferenced(db, actor, projectEntity, id);
