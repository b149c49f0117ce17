import { toDecimal } from "@ledgerline/domain";
import { useI18n } from "../../i18n/i18n.tsx";
import { decimalString, type DecimalValue } from "../../lib/format.ts";
import { decimalInputText } from "./line-items.ts";

export interface TotalsFigures {
  subtotal: DecimalValue;
  discountAmount: DecimalValue;
  netAmount: DecimalValue;
  taxAmount: DecimalValue;
  total: DecimalValue;
  vatBreakdown: readonly {
    taxRate: DecimalValue;
    netAmount: DecimalValue;
    taxAmount: DecimalValue;
  }[];
}

/** "19 %", "7.5 %" in English, "19 %", "7,5 %" in German: a rate as people read it. */
export function useRate() {
  const { number } = useI18n();
  return (rate: DecimalValue) =>
    `${number(decimalInputText(rate), { maximumFractionDigits: 2 })} %`;
}

/**
 * A document's totals: subtotal, discount, net, VAT per rate and the total, as a definition
 * list, so each figure is read with its name. The form shows it live (`aria-live`), the detail
 * page as stored.
 */
export function TotalsPanel({
  figures,
  currency,
  live = false,
  title,
}: {
  figures: TotalsFigures;
  currency: string;
  live?: boolean;
  title: string;
}) {
  const { t, money } = useI18n();
  const rate = useRate();
  const discount = toDecimal(decimalString(figures.discountAmount));
  return (
    <section className="totals" aria-label={title} aria-live={live ? "polite" : undefined}>
      <h2 className="totals__title">{title}</h2>
      <dl className="totals__list">
        <div className="totals__row">
          <dt>{t("sales.subtotal")}</dt>
          <dd>{money(figures.subtotal, currency)}</dd>
        </div>
        {discount.isZero() ? null : (
          <div className="totals__row">
            <dt>{t("sales.discount")}</dt>
            {/* Shown as what it does to the subtotal, so subtotal + discount = net reads true. */}
            <dd>{money(discount.negated(), currency)}</dd>
          </div>
        )}
        <div className="totals__row">
          <dt>{t("sales.netAmount")}</dt>
          <dd>{money(figures.netAmount, currency)}</dd>
        </div>
        {figures.vatBreakdown.map((row) => (
          <div key={decimalInputText(row.taxRate)} className="totals__row totals__row--vat">
            <dt>
              {t("sales.vatAtRate", { rate: rate(row.taxRate) })}
              <span className="totals__base">
                {t("sales.vatBase", { amount: money(row.netAmount, currency) })}
              </span>
            </dt>
            <dd>{money(row.taxAmount, currency)}</dd>
          </div>
        ))}
        {figures.vatBreakdown.length === 0 ? (
          <div className="totals__row totals__row--vat">
            <dt>{t("sales.vat")}</dt>
            <dd>{money(figures.taxAmount, currency)}</dd>
          </div>
        ) : null}
        <div className="totals__row totals__row--total">
          <dt>{t("sales.total")}</dt>
          <dd>{money(figures.total, currency)}</dd>
        </div>
      </dl>
    </section>
  );
}
