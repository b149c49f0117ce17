import {
  computeDocumentTotals,
  createCreditNoteInputSchema,
  lineQuantitySchema,
  parseLocaleDecimal,
} from "@ledgerline/domain";
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { Dialog } from "../../components/dialog.tsx";
import { TextAreaField } from "../../components/field.tsx";
import { DialogForm } from "../../components/form-layout.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { decimalString } from "../../lib/format.ts";
import { describeFieldErrors } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { localizeIssue } from "../../lib/validation.ts";
import { DecimalInput } from "../../components/decimal-field.tsx";
import { decimalOfText, decimalProblemMessage, decimalText } from "../../lib/decimal-entry.ts";
import { decimalInputText } from "./line-items.ts";
import type { SalesDocument } from "./sales-api.ts";
import { useDocumentName } from "./status-badge.tsx";
import { scrollRegion } from "../../components/scroll-region.ts";

interface LineChoice {
  chosen: boolean;
  quantity: string;
}

/**
 * A credit note from an issued invoice: all its lines, or chosen lines with the quantity to
 * credit (positive, as a person thinks of it; the API stores it negated), and an optional
 * reason. The credit note's total is shown as the choice changes. The API refuses crediting
 * more than was invoiced and says so here.
 */
export function CreditNoteDialog({
  invoice,
  onClose,
  onCreated,
}: {
  invoice: SalesDocument;
  onClose: () => void;
  onCreated: (created: SalesDocument) => void;
}) {
  const { t, money, number, locale } = useI18n();
  const trpc = useTRPC();
  const documentName = useDocumentName();
  const [mode, setMode] = useState<"all" | "selected">("all");
  const [choices, setChoices] = useState<LineChoice[]>(() =>
    invoice.lineItems.map((line) => ({
      chosen: false,
      quantity: decimalText(line.quantity, locale, "quantity"),
    })),
  );
  const [reason, setReason] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const create = useMutation(trpc.salesDocuments.createCreditNote.mutationOptions());

  const input = useMemo(
    () => ({
      invoiceId: invoice.id,
      lines:
        mode === "all"
          ? ("all" as const)
          : invoice.lineItems.flatMap((line, index) =>
              choices[index]?.chosen
                ? [
                    {
                      sourceLineItemId: line.id,
                      quantity: decimalOfText(choices[index].quantity, locale),
                    },
                  ]
                : [],
            ),
      reason,
    }),
    [choices, invoice, mode, reason, locale],
  );
  const parsed = createCreditNoteInputSchema.safeParse(input);

  // The credit note's total as it would be: the invoice's own rule over the chosen quantities.
  const preview = useMemo(() => {
    const lines = invoice.lineItems.flatMap((line, index) => {
      if (mode === "selected" && !choices[index]?.chosen) return [];
      const quantity = lineQuantitySchema.safeParse(
        mode === "all"
          ? decimalString(line.quantity)
          : decimalOfText(choices[index]?.quantity ?? "", locale),
      );
      if (!quantity.success || quantity.data.startsWith("-")) return [];
      return [
        {
          quantity: `-${quantity.data}`,
          unitPrice: decimalString(line.unitPrice),
          taxRate: decimalString(line.taxRate),
          discountPercent: decimalString(line.discountPercent),
        },
      ];
    });
    return computeDocumentTotals(lines).total;
  }, [choices, invoice, mode, locale]);

  // Errors: the client's for the chosen lines (by their place among the chosen), then the API's.
  const chosenIndexes = invoice.lineItems.flatMap((_, index) =>
    mode === "selected" && choices[index]?.chosen ? [index] : [],
  );
  const errorFor = (index: number): string | undefined => {
    const position = chosenIndexes.indexOf(index);
    if (position === -1) return undefined;
    const server = describeFieldErrors(create.error, t)?.[`lines.${position}.quantity`];
    if (server) return server;
    if (!submitted || parsed.success) return undefined;
    const unreadable = decimalProblemMessage(
      parseLocaleDecimal(choices[index]?.quantity ?? "", locale),
      locale,
      t,
    );
    if (unreadable) return unreadable;
    const issue = parsed.error.issues.find(
      (candidate) => candidate.path.join(".") === `lines.${position}.quantity`,
    );
    return issue ? localizeIssue(issue, t) : undefined;
  };
  const listIssue =
    submitted && !parsed.success
      ? parsed.error.issues.find((issue) => issue.path.join(".") === "lines")
      : undefined;
  const listError = listIssue ? localizeIssue(listIssue, t) : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!parsed.success) return;
    create.mutate(input, { onSuccess: onCreated });
  };

  const setChoice = (index: number, change: Partial<LineChoice>) =>
    setChoices((current) =>
      current.map((choice, position) => (position === index ? { ...choice, ...change } : choice)),
    );

  return (
    <Dialog
      open
      onClose={onClose}
      size="large"
      title={t("creditNote.title", { name: documentName(invoice) })}
    >
      <DialogForm
        onSubmit={onSubmit}
        error={create.error}
        busy={create.isPending}
        submitLabel={t("creditNote.submit")}
        onCancel={onClose}
      >
        <fieldset className="choice-group">
          <legend className="field__label">{t("creditNote.what")}</legend>
          <label className="choice">
            <input
              type="radio"
              name="credit-mode"
              checked={mode === "all"}
              onChange={() => setMode("all")}
              data-autofocus
            />
            {t("creditNote.allLines")}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="credit-mode"
              checked={mode === "selected"}
              onChange={() => setMode("selected")}
            />
            {t("creditNote.selectedLines")}
          </label>
        </fieldset>
        {mode === "selected" ? (
          <div className="table-wrap credit-lines" ref={scrollRegion(t("creditNote.linesCaption"))}>
            <table className="table">
              <caption className="visually-hidden">{t("creditNote.linesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("creditNote.credit")}</th>
                  <th scope="col">{t("sales.line.description")}</th>
                  <th scope="col" className="cell--end">
                    {t("creditNote.invoiced")}
                  </th>
                  <th scope="col" className="cell--end">
                    {t("creditNote.quantity")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {invoice.lineItems.map((line, index) => {
                  const lineNumber = index + 1;
                  const choice = choices[index]!;
                  const error = errorFor(index);
                  const quantityId = `credit-quantity-${line.id}`;
                  return (
                    <tr key={line.id}>
                      <td className="cell--narrow">
                        <input
                          type="checkbox"
                          className="checkbox"
                          checked={choice.chosen}
                          aria-label={t("creditNote.chooseLine", {
                            number: lineNumber,
                            description: line.description,
                          })}
                          onChange={(event) => setChoice(index, { chosen: event.target.checked })}
                        />
                      </td>
                      <td>{line.description}</td>
                      <td className="cell--end cell--numeric">
                        {number(decimalInputText(line.quantity))} {line.unit ?? ""}
                      </td>
                      <td className="cell--end">
                        <label className="visually-hidden" htmlFor={quantityId}>
                          {t("creditNote.quantityOfLine", { number: lineNumber })}
                        </label>
                        <DecimalInput
                          id={quantityId}
                          kind="quantity"
                          className="input--compact credit-lines__quantity"
                          value={choice.quantity}
                          disabled={!choice.chosen}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${quantityId}-error` : undefined}
                          onChange={(event) => setChoice(index, { quantity: event.target.value })}
                        />
                        {error ? (
                          <p className="field__error" id={`${quantityId}-error`}>
                            {error}
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        {listError ? (
          <p className="field__error" role="alert">
            {listError}
          </p>
        ) : null}
        <p className="credit-preview" aria-live="polite">
          {t("creditNote.preview", { amount: money(preview, invoice.currency) })}
        </p>
        <TextAreaField
          label={t("sales.reason")}
          rows={2}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </DialogForm>
    </Dialog>
  );
}
