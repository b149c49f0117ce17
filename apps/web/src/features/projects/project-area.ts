import type { CreateProjectInput, UpdateProjectInput } from "@ledgerline/domain";
import type { RecordArea } from "../records/record-area.ts";
import type { ProjectRecord } from "./project-form.ts";

/** Projects for the shared record screens: where they live, who may change them, their words. */
export const projectArea: RecordArea<
  ProjectRecord,
  CreateProjectInput,
  UpdateProjectInput["values"]
> = {
  path: "/projects",
  permissions: { write: "project.write", delete: "project.delete" },
  procedures: (trpc) => trpc.projects,
  messages: {
    title: "projects.title",
    description: "projects.description",
    search: "projects.search",
    create: "projects.new",
    empty: "projects.empty",
    emptyHint: "projects.emptyHint",
    noMatches: "projects.noMatches",
    formLegend: "projects.formLegend",
  },
};
