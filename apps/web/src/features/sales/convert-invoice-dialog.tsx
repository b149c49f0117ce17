import {
  partialPercentSchema,
  parseLocaleDecimal,
  roundToCents,
  toDecimal,
} from "@ledgerline/domain";
import { useId, useState, type FormEvent } from "react";
import { DecimalInput } from "../../components/decimal-field.tsx";
import { Dialog } from "../../components/dialog.tsx";
import { DialogForm } from "../../components/form-layout.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { decimalOfText, decimalProblemMessage } from "../../lib/decimal-entry.ts";
import { describeFieldErrors } from "../../lib/errors.ts";
import { decimalString } from "../../lib/format.ts";
import { localizeIssue } from "../../lib/validation.ts";
import type { SalesDocument } from "./sales-api.ts";
import { useDocumentName } from "./status-badge.tsx";

export type InvoicePart = { invoicePart: "final" } | { invoicePart: "partial"; percent: string };

/**
 * Converting an order (a quote, an order confirmation) into an invoice (§5.4a): the final
 * invoice (what is left, deducting the earlier invoices line by line) or a partial invoice of a
 * percentage of what is left. Shows what is invoiced so far and what is left.
 */
export function ConvertInvoiceDialog({
  order,
  busy,
  error,
  onClose,
  onConvert,
}: {
  order: SalesDocument;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onConvert: (part: InvoicePart) => void;
}) {
  const { t, money, locale } = useI18n();
  const documentName = useDocumentName();
  const percentId = useId();
  const [part, setPart] = useState<"final" | "partial">("final");
  const [percent, setPercent] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const remaining = toDecimal(decimalString(order.remainingAmount ?? "0"));
  const invoiced = toDecimal(decimalString(order.invoicedAmount ?? "0"));
  const parsed = partialPercentSchema.safeParse(decimalOfText(percent, locale));

  const percentError = (() => {
    if (part !== "partial") return undefined;
    const server = describeFieldErrors(error, t)?.percent;
    if (server) return server;
    if (!submitted || parsed.success) return undefined;
    if (percent.trim() === "") return t("convert.percentMissing");
    const unreadable = decimalProblemMessage(parseLocaleDecimal(percent, locale), locale, t);
    return (
      unreadable ?? (parsed.error.issues[0] ? localizeIssue(parsed.error.issues[0], t) : undefined)
    );
  })();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (part === "final") return onConvert({ invoicePart: "final" });
    if (!parsed.success) return;
    onConvert({ invoicePart: "partial", percent: parsed.data });
  };

  return (
    <Dialog open onClose={onClose} title={t("convert.title", { name: documentName(order) })}>
      <DialogForm
        onSubmit={onSubmit}
        error={percentError ? null : error}
        busy={busy}
        submitLabel={t("convert.submit")}
        onCancel={onClose}
      >
        <dl className="settlement settlement--compact">
          <div>
            <dt>{t("sales.orderTotal")}</dt>
            <dd>{money(order.total, order.currency)}</dd>
          </div>
          <div>
            <dt>{t("sales.invoicedAmount")}</dt>
            <dd>{money(invoiced, order.currency)}</dd>
          </div>
          <div>
            <dt>{t("sales.remainingAmount")}</dt>
            <dd>{money(remaining, order.currency)}</dd>
          </div>
        </dl>
        <fieldset className="choice-group">
          <legend className="field__label">{t("convert.what")}</legend>
          <label className="choice">
            <input
              type="radio"
              name="invoice-part"
              checked={part === "final"}
              onChange={() => setPart("final")}
              data-autofocus
            />
            {invoiced.isZero() ? t("convert.whole") : t("convert.final")}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="invoice-part"
              checked={part === "partial"}
              onChange={() => setPart("partial")}
            />
            {t("convert.partial")}
          </label>
        </fieldset>
        {part === "partial" ? (
          <div className="field">
            <label className="field__label" htmlFor={percentId}>
              {t("convert.percent")}
            </label>
            <DecimalInput
              id={percentId}
              kind="percent"
              className="input--compact"
              value={percent}
              autoFocus
              aria-invalid={percentError ? true : undefined}
              aria-describedby={percentError ? `${percentId}-error` : `${percentId}-hint`}
              onChange={(event) => setPercent(event.target.value)}
            />
            {percentError ? (
              <p className="field__error" id={`${percentId}-error`}>
                {percentError}
              </p>
            ) : (
              <p className="field__hint" id={`${percentId}-hint`} aria-live="polite">
                {parsed.success
                  ? t("convert.partialPreview", {
                      amount: money(
                        roundToCents(remaining.times(parsed.data).dividedBy(100)),
                        order.currency,
                      ),
                    })
                  : t("convert.partialHint")}
              </p>
            )}
          </div>
        ) : (
          <p className="field__hint">
            {invoiced.isZero() ? t("convert.wholeHint") : t("convert.finalHint")}
          </p>
        )}
      </DialogForm>
    </Dialog>
  );
}
