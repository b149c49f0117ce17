import { FormatFactoryService, type Logger } from "@e-invoice-eu/core";

/**
 * One correction to @e-invoice-eu/core 2.3.4's CII output, found by the EN 16931 rules: its
 * input schema demands a currency on a line's allowance amounts (as UBL does), and its CII
 * mapping copies it to `ram:BasisAmount`/`ram:ActualAmount`, where CII forbids it
 * (CII-DT-031: in CII only the VAT total, `ram:TaxTotalAmount`, names its currency). The library
 * gives CII writers a `postProcess` step over the document tree before it becomes XML; we extend
 * that step for every CII writer (CII, XRechnung CII and each Factur-X/ZUGFeRD profile, which
 * inherit it) and leave everything else to the library. The e-invoice tests run the official
 * rules over every variant, so a library update that changes this shows at once.
 */
let applied = false;

const silent: Logger = { log: () => undefined, warn: () => undefined, error: () => undefined };

function stripCurrencies(node: unknown, key: string | null): void {
  if (Array.isArray(node)) {
    for (const item of node) stripCurrencies(item, key);
    return;
  }
  if (!node || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    // The VAT total is written as `[{ "#": amount, "#@currencyID": … }]` under its own key.
    if (name.endsWith("@currencyID") && key !== "ram:TaxTotalAmount") {
      delete record[name];
    } else {
      stripCurrencies(record[name], name);
    }
  }
}

export function patchEInvoiceLibrary(): void {
  if (applied) return;
  applied = true;
  const cii = new FormatFactoryService().createFormatService("CII", silent);
  // The class of the CII writer (not exported by the library): its prototype is shared by all.
  const prototype = Object.getPrototypeOf(cii) as { postProcess(tree: unknown): void };
  const original = prototype.postProcess;
  prototype.postProcess = function postProcess(this: unknown, tree: unknown) {
    original.call(this, tree);
    stripCurrencies(tree, null);
  };
}
