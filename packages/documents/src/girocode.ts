// The package ships no types; this reference brings ours along to every package compiling this one.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/sepa-payment-qr-code.d.ts" />
import { roundToCents, type Decimal } from "@ledgerline/domain";
import generateEpcPayload from "sepa-payment-qr-code";
import QRCode from "qrcode";

/**
 * The GiroCode (EPC069-12 "SEPA Credit Transfer" QR code) on unpaid EUR invoices. The payload
 * comes from `sepa-payment-qr-code` (version 002, UTF-8, BIC optional) and the QR matrix from
 * `qrcode`, both well-kept; what they leave to us is checked here: EUR only, the 331-byte
 * limit of the standard, and error correction level M.
 */
export const GIROCODE_MAX_BYTES = 331;

export interface GirocodeInput {
  /** The beneficiary (the company), at most 70 characters. */
  name: string;
  iban: string;
  bic?: string | null;
  currency: string;
  /** What is still to pay: at least 0.01 and at most 999,999,999.99. */
  amount: Decimal;
  /** Unstructured remittance information: the document number. */
  reference: string;
}

export class GirocodeError extends Error {
  override readonly name = "GirocodeError";
}

/** The EPC payload text (what the QR code holds). Throws `GirocodeError` for what EPC forbids. */
export function girocodePayload(input: GirocodeInput): string {
  if (input.currency !== "EUR") throw new GirocodeError("A GiroCode is for EUR transfers only.");
  const amount = roundToCents(input.amount);
  // The library takes a JavaScript number and prints it with toFixed(2). Within EPC's range a
  // two-decimal value survives that round trip exactly; the check below proves it per payload.
  const expectedAmount = `EUR${amount.toFixed(2)}`;
  let payload: string;
  try {
    payload = generateEpcPayload({
      name: input.name.slice(0, 70),
      iban: input.iban.replace(/\s+/g, ""),
      ...(input.bic ? { bic: input.bic.replace(/\s+/g, "") } : {}),
      amount: Number(amount.toFixed(2)),
      unstructuredReference: input.reference,
    });
  } catch (error) {
    throw new GirocodeError(error instanceof Error ? error.message : String(error));
  }
  if (payload.split("\n")[7] !== expectedAmount) {
    throw new GirocodeError(`The payload's amount is not ${expectedAmount}.`);
  }
  const bytes = new TextEncoder().encode(payload).length;
  if (bytes > GIROCODE_MAX_BYTES) {
    throw new GirocodeError(
      `The payload has ${bytes} bytes; EPC069-12 allows ${GIROCODE_MAX_BYTES}.`,
    );
  }
  return payload;
}

/** The QR code as an SVG element (vector: sharp at any print size, no image decoding). */
export async function girocodeSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}
