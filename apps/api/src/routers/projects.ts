import {
  listProjectsInputSchema,
  createProjectInputSchema,
  updateProjectInputSchema,
} from "@ledgerline/domain";
import * as services from "@ledgerline/services";
import { recordRouter } from "./record-router.ts";

export const projectsRouter = recordRouter({
  resource: "project",
  listInput: listProjectsInputSchema,
  recordInput: createProjectInputSchema,
  updateInput: updateProjectInputSchema,
  list: services.listProjects,
  get: services.getProject,
  create: services.createProject,
  update: services.updateProject,
  archive: services.archiveProject,
  restore: services.restoreProject,
  delete: services.deleteProject,
});
