import type { RecordArea, StoredRecord } from "../records/record-area.ts";

/**
 * Expenses for the shared list screen: where they live, who may change them, their words.
 * Expenses have no archive; deleting is admin and finance only (team leads delete nothing).
 */
export const expenseArea: Omit<RecordArea<StoredRecord, unknown>, "procedures"> = {
  path: "/expenses",
  permissions: { write: "expense.write", delete: "expense.delete" },
  messages: {
    title: "expenses.title",
    description: "expenses.description",
    search: "expenses.search",
    create: "expenses.new",
    empty: "expenses.empty",
    emptyHint: "expenses.emptyHint",
    noMatches: "expenses.noMatches",
    formLegend: "expenses.formLegend",
  },
};
