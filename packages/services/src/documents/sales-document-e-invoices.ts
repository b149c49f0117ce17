import type { Db } from "@ledgerline/db";
import {
  EInvoiceDataError,
  generateEInvoice,
  type EInvoiceFormat,
  type GeneratedEInvoice,
} from "@ledgerline/documents";
import { AppError, hasEInvoice, appMessage, listParam } from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import type { FileStore } from "../files/file-store.ts";
import { assertRecordVisible } from "../shared/record-visibility.ts";
import { loadSalesDocumentForPrint } from "./sales-document-view.ts";

/**
 * A sales document as an e-invoice: XRechnung 3.0 (UBL or CII) or ZUGFeRD EN 16931 (the
 * document's PDF with the CII embedded; the caller passes the stored PDF). Made on request, in
 * milliseconds, from the issued document (which never changes), so nothing is stored. Refuses
 * drafts and other types, and names the settings or customer fields an e-invoice still needs.
 * Only for an actor who may see the document (`assertRecordVisible`, as its read).
 */
export async function salesDocumentEInvoice(
  db: Db,
  files: FileStore,
  actor: Actor,
  rawId: string,
  format: EInvoiceFormat,
  pdf?: Uint8Array,
): Promise<GeneratedEInvoice> {
  const id = await assertRecordVisible(db, actor, "salesDocument", rawId);
  const document = await loadSalesDocumentForPrint(db, files, id);
  if (!hasEInvoice(document.type, document.status)) {
    throw new AppError("BAD_REQUEST", appMessage("eInvoice.wrongDocument"));
  }
  try {
    return await generateEInvoice(
      {
        view: document.view,
        seller: document.seller,
        buyer: document.buyer,
        precedingInvoice: document.reference,
      },
      format,
      pdf,
    );
  } catch (error) {
    if (error instanceof EInvoiceDataError) {
      throw new AppError(
        "BAD_REQUEST",
        appMessage("eInvoice.missingData", { missing: listParam(error.missing) }),
        {
          english: error.message,
          details: { missing: [...error.missing] },
        },
      );
    }
    throw error;
  }
}
