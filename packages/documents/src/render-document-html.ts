import { ZERO } from "@ledgerline/domain";
import { DOCUMENT_KIND_STYLES, isTaxInvoiceKind } from "./document-kinds.ts";
import type { DocumentLanguage, DocumentParty, DocumentView } from "./document-view.ts";
import { DOCUMENT_FONT_FAMILY, documentFontFaces } from "./fonts.ts";
import {
  formatDate,
  formatIban,
  formatMoney,
  formatNumber,
  formatPercent,
  formatUnitPrice,
} from "./format.ts";
import { GirocodeError, girocodePayload, girocodeSvg } from "./girocode.ts";
import { countryName, LABELS, languageName, type DocumentLabels } from "./labels.ts";

/** Kinds that ask to be paid, and so carry payment instructions and a GiroCode. */
const PAYABLE_KINDS = new Set(["invoice", "invoice_group", "reminder"]);

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Every text from a person or the database goes through this: a document is not a web page. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Multi-line text (notes, terms, footer) with its line breaks kept. */
const paragraphs = (text: string): string => escapeHtml(text).replace(/\r?\n/g, "<br>");

/** A CSS string literal (for `content:` in the page's margin boxes). */
const cssString = (text: string): string =>
  `"${text.replace(/["\\]/g, "\\$&").replace(/\n/g, " ")}"`;

/** Only `data:` images of the kinds we accept are inlined; anything else is dropped. */
const SAFE_LOGO = /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/;

export interface GirocodeOnDocument {
  payload: string;
  svg: string;
}

/**
 * Why a document was printed without something it would normally carry. It goes to the job's
 * log and the audit trail, never onto the document: the customer sees a document without a
 * GiroCode, not our reason.
 */
export interface RenderNotice {
  code: "girocode_omitted";
  reason: string;
}

/** What is still owed: the read's figure (`invoiceOpenAmount`), never worked out here again. */
const outstandingOf = (view: DocumentView) => view.openAmount;

/** Whether a document asks for a GiroCode at all: an unpaid EUR invoice with a number. */
function wantsGirocode(view: DocumentView): boolean {
  return (
    PAYABLE_KINDS.has(view.kind) &&
    view.currency === "EUR" &&
    view.number !== null &&
    outstandingOf(view).greaterThanOrEqualTo("0.01")
  );
}

/**
 * The GiroCode a document carries, or null: only unpaid EUR invoices of a company with an IBAN,
 * with the outstanding amount and the document number as the reference. Throws
 * `GirocodeError` when the company's bank data cannot make one (`renderDocument` turns that
 * into a notice).
 */
export async function girocodeOf(view: DocumentView): Promise<GirocodeOnDocument | null> {
  if (!wantsGirocode(view) || !view.company.iban) return null;
  const payload = girocodePayload({
    name: view.company.name,
    iban: view.company.iban,
    bic: view.company.bic,
    currency: view.currency,
    amount: outstandingOf(view),
    reference: view.number!,
  });
  return { payload, svg: await girocodeSvg(payload) };
}

/** The GiroCode, or null with the reason when a document that wants one cannot have it. */
async function girocodeOrNotice(
  view: DocumentView,
): Promise<{ girocode: GirocodeOnDocument | null; notice: RenderNotice | null }> {
  if (!wantsGirocode(view)) return { girocode: null, notice: null };
  if (!view.company.iban) {
    return {
      girocode: null,
      notice: {
        code: "girocode_omitted",
        reason: "No GiroCode: the company settings have no IBAN.",
      },
    };
  }
  try {
    return { girocode: await girocodeOf(view), notice: null };
  } catch (error) {
    if (!(error instanceof GirocodeError)) throw error;
    return {
      girocode: null,
      notice: { code: "girocode_omitted", reason: `No GiroCode: ${error.message}` },
    };
  }
}

const addressLines = (party: DocumentParty, language: DocumentLanguage, home: string): string[] =>
  [
    party.street,
    [party.postalCode, party.city].filter(Boolean).join(" "),
    // The recipient's country only when it is not the sender's (postal convention).
    party.country.toUpperCase() === home.toUpperCase()
      ? null
      : countryName(party.country, language),
  ].filter((line): line is string => Boolean(line && line.trim()));

function metaRows(view: DocumentView, t: DocumentLabels): [string, string][] {
  const { language } = view;
  const rows: [string, string][] = [[t.number, view.number ?? t.draft]];
  const order = view.purchaseOrder;
  if (view.issuedDate) {
    rows.push([order ? t.orderDate : t.date, formatDate(view.issuedDate, language)]);
  }
  if (view.servicePeriodStart && view.servicePeriodEnd) {
    rows.push([
      t.servicePeriod,
      `${formatDate(view.servicePeriodStart, language)} – ${formatDate(view.servicePeriodEnd, language)}`,
    ]);
  } else if (view.servicePeriodStart || view.servicePeriodEnd) {
    rows.push([
      t.serviceDate,
      formatDate((view.servicePeriodStart ?? view.servicePeriodEnd)!, language),
    ]);
  }
  if (view.dueDate && PAYABLE_KINDS.has(view.kind)) {
    rows.push([t.dueDate, formatDate(view.dueDate, language)]);
  }
  if (view.dueDate && order) rows.push([t.deliveryDate, formatDate(view.dueDate, language)]);
  if (view.validUntil) rows.push([t.validUntil, formatDate(view.validUntil, language)]);
  if (order) {
    const project = [order.project.number, order.project.name].filter(Boolean).join(" · ");
    rows.push([t.project, project]);
    rows.push([t.orderType, t.orderTypes[order.type]]);
    if (order.targetLanguage) {
      rows.push([t.targetLanguage, languageName(order.targetLanguage, language)]);
    }
  }
  if (view.customer.vatId) {
    rows.push([order ? t.supplierVatId : t.customerVatId, view.customer.vatId]);
  }
  if (view.reference) {
    const title = DOCUMENT_KIND_STYLES[view.reference.kind].title[language];
    const name = title.charAt(0) + title.slice(1).toLowerCase();
    rows.push([t.reference, `${name} ${view.reference.number ?? t.draft}`]);
  }
  return rows;
}

function lineRows(view: DocumentView): string {
  const { language, currency } = view;
  const showDiscount = view.lines.some((line) => !line.discountPercent.isZero());
  const showVat = view.vatMode !== "none";
  return view.lines
    .map((line) => {
      const quantity = `${formatNumber(line.quantity, language)}${line.unit ? ` ${escapeHtml(line.unit)}` : ""}`;
      return `<tr>
<td class="num">${line.position}</td>
<td class="desc">${paragraphs(line.description)}${line.languagePair ? `<span class="lang">${escapeHtml(line.languagePair)}</span>` : ""}</td>
<td class="num">${quantity}</td>
<td class="num">${formatUnitPrice(line.unitPrice, currency, language)}</td>
${showDiscount ? `<td class="num">${line.discountPercent.isZero() ? "" : formatPercent(line.discountPercent, language)}</td>` : ""}
${showVat ? `<td class="num">${formatPercent(line.taxRate, language)}</td>` : ""}
<td class="num">${formatMoney(line.netAmount, currency, language)}</td>
</tr>`;
    })
    .join("\n");
}

/** The line table: the document's lines, or an invoice group's invoices (`statementTable`). */
function linesTable(view: DocumentView, t: DocumentLabels): string {
  if (view.statement) return statementTable(view, view.statement, t);
  const showDiscount = view.lines.some((line) => !line.discountPercent.isZero());
  return `<table class="lines">
<thead><tr>
<th class="num">${t.position}</th><th>${t.description}</th><th class="num">${t.quantity}</th><th class="num">${t.unitPrice}</th>${
    showDiscount ? `<th class="num">${t.discount}</th>` : ""
  }${view.vatMode === "none" ? "" : `<th class="num">${t.vat}</th>`}<th class="num">${t.amount}</th>
</tr></thead>
<tbody>
${lineRows(view)}
</tbody>
</table>`;
}

/**
 * An invoice group's invoices: number, date, the job title (when the group prints them), net,
 * VAT and gross; under each, its word rates when the group prints them (in the group's line
 * order). Without an invoice list, one line with the count and the sums.
 */
function statementTable(
  view: DocumentView,
  statement: NonNullable<DocumentView["statement"]>,
  t: DocumentLabels,
): string {
  const { language, currency } = view;
  const money = (amount: typeof ZERO) => formatMoney(amount, currency, language);
  const jobTitles = statement.showJobTitles && statement.invoices !== null;
  const columns = jobTitles ? 6 : 5;
  const rows =
    statement.invoices === null
      ? `<tr><td class="desc" colspan="${columns - 3}">${escapeHtml(t.invoiceCount(statement.invoiceCount))}</td>
<td class="num">${money(view.netAmount)}</td><td class="num">${money(view.taxAmount)}</td><td class="num">${money(view.total)}</td></tr>`
      : statement.invoices
          .map((invoice) => {
            const rates = invoice.rates.length
              ? `<tr class="rates"><td></td><td colspan="${columns - 1}">${invoice.rates
                  .map((rate) => {
                    const what =
                      rate.sourceLanguage && rate.targetLanguage
                        ? `${rate.sourceLanguage} → ${rate.targetLanguage}`
                        : rate.description;
                    const unit = rate.unit ? ` / ${rate.unit}` : "";
                    return `<span class="rate">${escapeHtml(what)}: ${formatUnitPrice(rate.unitPrice, currency, language)}${escapeHtml(unit)}</span>`;
                  })
                  .join(" · ")}</td></tr>`
              : "";
            return `<tr>
<td class="nowrap">${escapeHtml(invoice.number ?? t.draft)}</td>
<td class="num">${invoice.issuedDate ? formatDate(invoice.issuedDate, language) : ""}</td>
${jobTitles ? `<td class="desc">${escapeHtml(invoice.jobTitle ?? "")}</td>` : ""}
<td class="num">${money(invoice.netAmount)}</td>
<td class="num">${money(invoice.taxAmount)}</td>
<td class="num">${money(invoice.total)}</td>
</tr>${rates}`;
          })
          .join("\n");
  return `<table class="lines statement">
<thead><tr>
<th>${t.invoice}</th><th class="num">${t.date}</th>${jobTitles ? `<th>${t.project}</th>` : ""}<th class="num">${t.net}</th><th class="num">${t.vat}</th><th class="num">${t.gross}</th>
</tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function totalsRows(view: DocumentView, t: DocumentLabels): string {
  const { language, currency } = view;
  const money = (amount: typeof ZERO) => formatMoney(amount, currency, language);
  if (view.vatMode === "none") {
    return `<tr class="grand"><td>${t.totalNet}</td><td class="num">${money(view.total)}</td></tr>`;
  }
  const rows: string[] = [];
  if (!view.discountAmount.isZero()) {
    rows.push(`<tr><td>${t.subtotal}</td><td class="num">${money(view.subtotal)}</td></tr>`);
    rows.push(
      `<tr><td>${t.discountTotal}</td><td class="num">−${money(view.discountAmount)}</td></tr>`,
    );
  }
  rows.push(`<tr><td>${t.netAmount}</td><td class="num">${money(view.netAmount)}</td></tr>`);
  // Net and VAT per rate (§14 (4) Nr. 7 and 8 UStG), also when there is only one rate.
  for (const row of view.vatBreakdown) {
    const rate = formatPercent(row.taxRate, language);
    rows.push(
      `<tr class="rate"><td>${t.netAt(rate)}</td><td class="num">${money(row.netAmount)}</td></tr>`,
    );
    rows.push(
      `<tr class="rate"><td>${t.vatAt(rate)}</td><td class="num">${money(row.taxAmount)}</td></tr>`,
    );
  }
  rows.push(`<tr class="grand"><td>${t.total}</td><td class="num">${money(view.total)}</td></tr>`);
  const credited = view.creditedAmount.greaterThan(ZERO);
  if (PAYABLE_KINDS.has(view.kind) && (view.paidAmount.greaterThan(ZERO) || credited)) {
    if (credited) {
      rows.push(
        `<tr><td>${t.credited}</td><td class="num">−${money(view.creditedAmount)}</td></tr>`,
      );
    }
    if (view.paidAmount.greaterThan(ZERO)) {
      rows.push(`<tr><td>${t.paid}</td><td class="num">−${money(view.paidAmount)}</td></tr>`);
    }
    rows.push(
      `<tr class="grand"><td>${t.outstanding}</td><td class="num">${money(outstandingOf(view))}</td></tr>`,
    );
  }
  return rows.join("\n");
}

function companyFooter(view: DocumentView, t: DocumentLabels): string {
  const c = view.company;
  const column = (lines: (string | null | false)[]) =>
    `<div>${lines
      .filter(Boolean)
      .map((line) => `<div>${line}</div>`)
      .join("")}</div>`;
  const address = column([
    `<strong>${escapeHtml(c.name)}</strong>`,
    ...addressLines(c, view.language, "").map(escapeHtml),
  ]);
  const contact = column([
    c.phone && `${t.phone} ${escapeHtml(c.phone)}`,
    c.email && `${t.email} ${escapeHtml(c.email)}`,
    c.website && escapeHtml(c.website),
  ]);
  const tax = column([
    c.vatId && `${t.vatId} ${escapeHtml(c.vatId)}`,
    c.taxNumber && `${t.taxNumber} ${escapeHtml(c.taxNumber)}`,
  ]);
  const bank = column([
    c.iban && `<strong>${t.bank}</strong>`,
    c.bankName && escapeHtml(c.bankName),
    c.iban && `<span class="nowrap">${t.iban} ${escapeHtml(formatIban(c.iban))}</span>`,
    c.bic && `${t.bic} ${escapeHtml(c.bic)}`,
  ]);
  const free = c.footer ? `<div class="footer-text">${paragraphs(c.footer)}</div>` : "";
  return `<footer class="company">${address}${contact}${tax}${bank}</footer>${free}`;
}

function styles(view: DocumentView, t: DocumentLabels): string {
  const color = DOCUMENT_KIND_STYLES[view.kind].color;
  const pageLabel = view.number ?? t.draft;
  return `@page {
  size: A4;
  margin: 15mm 15mm 16mm 20mm;
  @bottom-left { content: ${cssString(`${view.company.name} · ${pageLabel}`)}; font: 7.5pt "${DOCUMENT_FONT_FAMILY}", sans-serif; color: #666; }
  @bottom-right { content: ${cssString(`${t.page} `)} counter(page) ${cssString(` ${t.of} `)} counter(pages); font: 7.5pt "${DOCUMENT_FONT_FAMILY}", sans-serif; color: #666; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "${DOCUMENT_FONT_FAMILY}", sans-serif; font-size: 9pt; line-height: 1.3; color: #1a1a1a; font-feature-settings: "tnum"; }
.accent { color: ${color}; }
header.top { display: flex; justify-content: space-between; align-items: flex-start; min-height: 12mm; }
header.top img.logo { max-height: 16mm; max-width: 60mm; }
header.top .company-name { font-size: 13pt; font-weight: 600; }
.sender { font-size: 7pt; color: #555; border-bottom: 0.5pt solid #999; display: inline-block; margin-bottom: 2mm; }
.addresses { display: flex; justify-content: space-between; margin-top: 6mm; }
.recipient { width: 85mm; min-height: 30mm; }
.recipient .name { font-weight: 600; }
table.meta { align-self: flex-start; }
table.meta td { padding: 0.4mm 0 0.4mm 4mm; }
table.meta td:first-child { color: #555; padding-left: 0; }
h1 { font-size: 18pt; font-weight: 600; letter-spacing: 0.04em; margin: 6mm 0 3mm; color: ${color}; }
table.lines { width: 100%; border-collapse: collapse; margin-top: 2mm; }
table.lines thead { display: table-header-group; }
table.lines th { text-align: left; font-weight: 600; color: #fff; background: ${color}; padding: 1.2mm 1.5mm; }
table.lines th.num, td.num { text-align: right; white-space: nowrap; }
table.lines td { padding: 1.2mm 1.5mm; border-bottom: 0.4pt solid #ddd; vertical-align: top; }
table.lines tr { break-inside: avoid; }
td.desc { width: 100%; white-space: normal; }
td.desc .lang { display: block; font-size: 0.85em; color: #555; }
table.statement tr.rates td { border-bottom: 0.4pt solid #ddd; padding-top: 0; color: #555; font-size: 8pt; }
table.statement tr:has(+ tr.rates) td { border-bottom: none; }
table.statement .rate { white-space: nowrap; }
.after-lines { break-inside: avoid; display: flex; justify-content: flex-end; margin-top: 4mm; }
table.totals { border-collapse: collapse; min-width: 80mm; }
table.totals td { padding: 0.4mm 1.5mm; }
table.totals tr.rate td { color: #444; }
table.totals tr.grand td { font-weight: 600; border-top: 0.8pt solid ${color}; font-size: 10.5pt; }
.exemption { margin-top: 3mm; font-weight: 600; }
.payment { display: flex; gap: 5mm; align-items: center; margin-top: 4mm; break-inside: avoid; }
.payment .qr { width: 26mm; height: 26mm; flex: none; }
.payment .qr svg { width: 26mm; height: 26mm; display: block; }
.payment .qr-block { width: 30mm; flex: none; }
.payment .qr-caption { font-size: 7pt; color: #555; }
.text-block { margin-top: 3mm; break-inside: avoid; }
.text-block h2 { font-size: 9.5pt; font-weight: 600; margin: 0 0 1mm; }
footer.company { display: flex; justify-content: space-between; gap: 4mm; margin-top: 6mm; padding-top: 2mm; border-top: 0.5pt solid #bbb; font-size: 7.5pt; color: #444; break-inside: avoid; }
.nowrap { white-space: nowrap; }
.footer-text { font-size: 7.5pt; color: #444; margin-top: 2mm; }
.watermark { position: fixed; top: 45%; left: 0; right: 0; text-align: center; transform: rotate(-35deg); font-size: 80pt; font-weight: 600; color: rgba(0, 0, 0, 0.07); z-index: -1; pointer-events: none; white-space: nowrap; }`;
}

/**
 * The whole document as one self-contained HTML page (fonts, logo and QR code inline): what
 * Chromium prints to PDF. Every document kind, German or English by `view.language`, with what
 * §14 (4) UStG requires on an invoice: both parties' names and addresses, the seller's tax
 * number or VAT ID, issue date, the consecutive number, quantity and description of each line,
 * the date or period of supply, net per rate, the rate, the tax per rate, the gross total, and
 * the reason where no VAT is charged.
 */
export async function renderDocumentHtml(view: DocumentView): Promise<string> {
  return (await renderDocument(view)).html;
}

/**
 * `renderDocumentHtml` with what was left out and why (`notices`): a company IBAN the GiroCode
 * cannot take (invalid, or missing) prints the document without the code instead of failing it;
 * the PDF job logs the notice and records it in the audit trail.
 */
export async function renderDocument(
  view: DocumentView,
): Promise<{ html: string; page: PrintablePage; notices: RenderNotice[] }> {
  const t = LABELS[view.language];
  const style = DOCUMENT_KIND_STYLES[view.kind];
  const { company, customer, language } = view;
  const { girocode, notice } = await girocodeOrNotice(view);
  const notices = notice ? [notice] : [];
  const outstanding = outstandingOf(view);
  const logo =
    company.logoDataUrl && SAFE_LOGO.test(company.logoDataUrl)
      ? `<img class="logo" src="${company.logoDataUrl}" alt="">`
      : `<div class="company-name">${escapeHtml(company.name)}</div>`;
  const senderLine = [
    company.name,
    company.street,
    [company.postalCode, company.city].filter(Boolean).join(" "),
  ]
    .filter(Boolean)
    .map((part) => escapeHtml(part!))
    .join(" · ");
  const recipient = [
    `<div class="name">${escapeHtml(customer.name)}</div>`,
    ...addressLines(customer, language, company.country).map(
      (line) => `<div>${escapeHtml(line)}</div>`,
    ),
  ].join("");
  const meta = metaRows(view, t)
    .map(([label, value]) => `<tr><td>${label}</td><td>${escapeHtml(value)}</td></tr>`)
    .join("");
  // §14 (4) Nr. 6 UStG: an invoice names the date of supply; without one it is the issue date.
  // A statement names none: its invoices are the tax documents, each with its own.
  const supplyNote = view.statement
    ? `<div class="text-block">${t.statementNote}</div>`
    : isTaxInvoiceKind(view.kind) &&
        !view.servicePeriodStart &&
        !view.servicePeriodEnd &&
        view.issuedDate
      ? `<div class="text-block">${t.serviceDateIsIssueDate}</div>`
      : "";
  const payment =
    PAYABLE_KINDS.has(view.kind) && outstanding.greaterThanOrEqualTo("0.01")
      ? `<div class="payment">${
          girocode
            ? `<div class="qr-block"><div class="qr" data-girocode>${girocode.svg}</div><div class="qr-caption">${t.girocode}</div></div>`
            : ""
        }<div>${
          view.dueDate
            ? t.payUntil(
                formatMoney(outstanding, view.currency, language),
                formatDate(view.dueDate, language),
              )
            : t.payNow(formatMoney(outstanding, view.currency, language))
        }</div></div>`
      : "";

  const body = `
${view.watermark ? `<div class="watermark">${escapeHtml(view.watermark)}</div>` : ""}
<header class="top"><div></div>${logo}</header>
<section class="addresses">
<div class="recipient"><div class="sender">${senderLine}</div>${recipient}</div>
<table class="meta">${meta}</table>
</section>
<h1>${style.title[language]}</h1>
${linesTable(view, t)}
<div class="after-lines"><table class="totals">${totalsRows(view, t)}</table></div>
${view.vatMode === "none" ? `<div class="exemption">${t.netOnly}</div>` : ""}
${view.vatExemption ? `<div class="exemption">${t.exemption[view.vatExemption]}</div>` : ""}
${supplyNote}
${payment}
${view.terms ? `<div class="text-block"><h2>${t.terms}</h2>${paragraphs(view.terms)}</div>` : ""}
${view.notes ? `<div class="text-block"><h2>${t.notes}</h2>${paragraphs(view.notes)}</div>` : ""}
${companyFooter(view, t)}
`;
  const page: PrintablePage = {
    language,
    title: `${style.title[language]} ${view.number ?? t.draft}`,
    css: styles(view, t),
    body,
  };
  return { html: printablePageHtml(page), page, notices };
}

/**
 * A document as Chromium prints it, in the parts a long-lived page can take one by one: the
 * shared part every document has (the font faces, `PRINTABLE_PAGE_SHARED_CSS`, 160 kB) and the
 * document's own (its language, title, styles and body, about 10 kB). The PDF renderer loads the
 * shared part once per browser page and swaps only the document's own part per render, so
 * Chromium does not parse and decode the fonts again for every PDF (docs/performance.md).
 */
export interface PrintablePage {
  language: DocumentView["language"];
  /** The page's title (the PDF's title metadata). */
  title: string;
  /** The document's styles: page rules, colours, layout; without the shared font faces. */
  css: string;
  /** The inner HTML of `<body>`: text escaped, logo and QR code inline, no scripts. */
  body: string;
}

/** What every printable page shares: the `@font-face` rules of the documents' typeface. */
export const printablePageSharedCss = (): string => documentFontFaces();

/** The page as one self-contained HTML document (shared and own parts together). */
export function printablePageHtml(page: PrintablePage): string {
  return `<!doctype html>
<html lang="${page.language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(page.title)}</title>
<style>${printablePageSharedCss()}</style>
<style>${page.css}</style>
</head>
<body>${page.body}</body>
</html>`;
}
