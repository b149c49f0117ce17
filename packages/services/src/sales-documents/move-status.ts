import type { Prisma, Tx } from "@ledgerline/db";
import { STATUS_MACHINES, type SalesDocumentStatus } from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordDocumentEvent, type LockedDocument } from "./document-records.ts";

/** A person-made status move: checked by the type's machine and audited with its reason. */
export async function moveStatus(
  tx: Tx,
  actor: Actor,
  document: LockedDocument,
  action: string,
  to: SalesDocumentStatus,
  options: {
    data?: Prisma.SalesDocumentUncheckedUpdateInput;
    reason?: string | null;
    extra?: Record<string, unknown>;
  } = {},
) {
  if (to !== document.status) STATUS_MACHINES[document.type].assertMove(document.status, to);
  await tx.salesDocument.update({
    where: { id: document.id },
    data: { status: to, ...options.data },
    select: { id: true },
  });
  await recordDocumentEvent(
    tx,
    actor,
    document.id,
    action,
    { status: document.status },
    { status: to, ...(options.reason ? { reason: options.reason } : {}), ...options.extra },
  );
}
