import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNotify } from "../../components/notices.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { errorCodeOf, serverFieldErrorsOf, useTRPC } from "../../lib/trpc.ts";
import type { SalesDocument } from "./sales-api.ts";

/**
 * Whether a document offers "Add billable expenses": an invoice with a project that the person
 * may edit now (`edit` among the domain's record actions: a draft, with the write permission).
 */
export const offersBillableExpenses = (
  document: Pick<SalesDocument, "type" | "project" | "recordActions">,
): boolean =>
  document.type === "invoice" &&
  document.project !== null &&
  document.recordActions.includes("edit");

/**
 * On a draft invoice with a project, for those who may edit it: bills every billable, not yet
 * invoiced expense of that project (in the invoice's currency) as new lines, then shows the
 * refreshed invoice and how many lines were added.
 */
export function AddBillableExpensesButton({ document }: { document: SalesDocument }) {
  const { t, number } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const add = useMutation(
    trpc.salesDocuments.addBillableExpenses.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.salesDocuments.get.queryKey({ id: updated.id }), updated);
        void queryClient.invalidateQueries(trpc.salesDocuments.pathFilter());
        void queryClient.invalidateQueries(trpc.expenses.pathFilter());
        const added = Math.max(0, updated.lineItems.length - document.lineItems.length);
        notify(
          "success",
          added === 1
            ? t("expenses.addedBillableOne")
            : t("expenses.addedBillable", { count: number(added) }),
        );
      },
      onError: (error) => {
        // The API answers a plain BAD_REQUEST when the project has nothing left to bill.
        const nothingToAdd =
          errorCodeOf(error) === "BAD_REQUEST" && serverFieldErrorsOf(error) === null;
        notify(
          nothingToAdd ? "info" : "error",
          nothingToAdd ? t("expenses.noBillable") : describeError(error, t),
        );
      },
    }),
  );
  if (!offersBillableExpenses(document)) return null;
  return (
    <div className="document-actions" role="group" aria-label={t("expenses.title")}>
      <button
        type="button"
        className="button"
        disabled={add.isPending}
        aria-busy={add.isPending || undefined}
        onClick={() => add.mutate({ id: document.id })}
      >
        {t("expenses.addBillable")}
      </button>
    </div>
  );
}
