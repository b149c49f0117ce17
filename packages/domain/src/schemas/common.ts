import { z } from "zod";

/** Seed 000 caps a page at 500 rows "to prevent memory issues"; so do we. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 25;

export const idSchema = z.uuid({ error: "Must be a valid id." });

export const pageInputSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE} rows per page.`)
    .default(DEFAULT_PAGE_SIZE),
});

export const sortDirectionSchema = z.enum(["asc", "desc"]);

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

export function pageOf<T>(items: T[], total: number, page: number, pageSize: number): Page<T> {
  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Optional free text: trimmed, and "" becomes null so forms can clear a field. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullish()
    .transform((value) => (value ? value : null));

export const requiredText = (max: number, label = "This field") =>
  z.string().trim().min(1, `${label} is required.`).max(max, `At most ${max} characters.`);

export const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .nullish()
  .transform((value) => (value ? value : null))
  .pipe(z.email({ error: "Enter a valid email address." }).nullable());

/** ISO 3166-1 alpha-2, upper case. */
export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "Use a two-letter country code such as DE.");

export const archivedFilterSchema = z.enum(["active", "archived", "all"]).default("active");
