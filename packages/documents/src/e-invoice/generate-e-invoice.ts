import {
  FormatFactoryService,
  invoiceSchema,
  ValidationService,
  type Invoice,
  type InvoiceServiceOptions,
  type Logger,
} from "@e-invoice-eu/core";
import { Ajv2019, type ValidateFunction } from "ajv/dist/2019.js";
import type { EInvoiceFormat, EInvoiceInput } from "./e-invoice-input.ts";
import { toInvoiceData } from "./invoice-data.ts";
import { patchEInvoiceLibrary } from "./library-patches.ts";

/**
 * XRechnung and ZUGFeRD through @e-invoice-eu/core (pinned 2.3.4): a maintained, typed library
 * that writes UBL, CII and Factur-X/ZUGFeRD (PDF/A-3 with the CII as `factur-x.xml` and the XMP
 * metadata) from one input, validates its input against a JSON schema, and needs no Java or
 * LibreOffice for what we use. Writing three XML syntaxes by hand would mean owning every
 * business rule's placement three times; the official rules (../shared/einvoice/validate)
 * check what it writes, in our tests.
 */
const LIBRARY_FORMATS: Record<EInvoiceFormat, string> = {
  "xrechnung-ubl": "XRECHNUNG-UBL",
  "xrechnung-cii": "XRECHNUNG-CII",
  zugferd: "Factur-X-EN16931",
};

const silent: Logger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

patchEInvoiceLibrary();

/**
 * The library's `InvoiceService.generate`, with one change: the input schema is compiled once
 * per format instead of on every call. The library builds a new Ajv and compiles its 1 MB schema
 * each time, about 300 ms of CPU, which held e-invoice generation to one or two per second
 * (docs/performance.md); the compiled validator is pure and safe to reuse. Everything else —
 * the format's schema patch, validation with defaults, the format's defaults and writer — is the
 * library's own code, called in the library's order.
 */
const formats = new FormatFactoryService();
const validation = new ValidationService(silent);
const validators = new Map<string, ValidateFunction>();

function validatorFor(format: string): ValidateFunction {
  let validator = validators.get(format);
  if (!validator) {
    const schema = structuredClone(invoiceSchema);
    formats.createFormatService(format, silent).patchSchema(schema);
    validator = new Ajv2019({ strict: true, allErrors: true, useDefaults: true }).compile(schema);
    validators.set(format, validator);
  }
  return validator;
}

const service = {
  async generate(input: Invoice, options: InvoiceServiceOptions): Promise<string | Uint8Array> {
    const writer = formats.createFormatService(options.format, silent);
    const format = formats.normalizeFormat(options.format);
    const invoice = validation.validate(
      "invoice data",
      validatorFor(format),
      structuredClone(input),
    ) as Invoice;
    writer.fillInvoiceDefaults(invoice);
    return writer.generate(invoice, { ...options, format });
  },
};

export interface GeneratedEInvoice {
  format: EInvoiceFormat;
  bytes: Uint8Array;
  mimeType: "application/xml" | "application/pdf";
  /** `<number>.xrechnung-ubl.xml`, `<number>.xrechnung-cii.xml`, `<number>.zugferd.pdf`. */
  fileName: string;
}

/**
 * One e-invoice of `input` in `format`. ZUGFeRD needs the printed PDF (`pdf`), which becomes
 * the visible part of the PDF/A-3 the XML is embedded in. Throws `EInvoiceDataError` naming
 * the settings or customer fields that are missing.
 */
export async function generateEInvoice(
  input: EInvoiceInput,
  format: EInvoiceFormat,
  pdf?: Uint8Array,
): Promise<GeneratedEInvoice> {
  const data = toInvoiceData(input, { xrechnung: format !== "zugferd" });
  const base = input.view.number!;
  if (format === "zugferd") {
    if (!pdf) throw new Error("A ZUGFeRD invoice is made from the document's PDF.");
    const result = await service.generate(data, {
      format: LIBRARY_FORMATS[format],
      lang: input.view.language === "en" ? "en-gb" : "de-de",
      pdf: { buffer: pdf, filename: `${base}.pdf`, mimetype: "application/pdf" },
    });
    return {
      format,
      bytes: typeof result === "string" ? new TextEncoder().encode(result) : result,
      mimeType: "application/pdf",
      fileName: `${base}.zugferd.pdf`,
    };
  }
  const xml = await service.generate(data, {
    format: LIBRARY_FORMATS[format],
    lang: input.view.language === "en" ? "en-gb" : "de-de",
  });
  return {
    format,
    bytes: typeof xml === "string" ? new TextEncoder().encode(xml) : xml,
    mimeType: "application/xml",
    fileName: `${base}.${format}.xml`,
  };
}
