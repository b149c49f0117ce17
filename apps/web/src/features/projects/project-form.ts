import type { CreateProjectInput, ProjectStatus } from "@ledgerline/domain";
import { textOf, toDateInputValueOrEmpty } from "../../lib/form-values.ts";
import type { RouterOutputs } from "../../lib/trpc.ts";

export type ProjectRecord = RouterOutputs["projects"]["get"];

export interface ProjectFormValues {
  name: string;
  customerId: string;
  managerId: string;
  status: ProjectStatus;
  startDate: string;
  endDate: string;
  notes: string;
}

export const newProjectValues = (customerId = ""): ProjectFormValues => ({
  name: "",
  customerId,
  managerId: "",
  status: "active",
  startDate: "",
  endDate: "",
  notes: "",
});

export const projectValuesOf = (project: ProjectRecord): ProjectFormValues => ({
  name: project.name,
  customerId: project.customerId,
  managerId: textOf(project.managerId),
  status: project.status,
  startDate: toDateInputValueOrEmpty(project.startDate),
  endDate: toDateInputValueOrEmpty(project.endDate),
  notes: textOf(project.notes),
});

/** The form as createProjectInputSchema's input: "no manager" and empty dates are null. */
export const projectInputOf = (values: ProjectFormValues): CreateProjectInput => ({
  name: values.name,
  customerId: values.customerId,
  managerId: values.managerId || null,
  status: values.status,
  startDate: values.startDate || null,
  endDate: values.endDate || null,
  notes: values.notes,
});
