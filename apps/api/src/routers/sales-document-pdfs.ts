import { byIdInputSchema } from "@ledgerline/domain";
import * as services from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

const read = permittedProcedure("salesDocument.read");

/**
 * A sales document's PDF (seed 000's `GET /pdf` is the HTTP download at
 * `/files/sales-documents/<id>/pdf`; `POST /regenerate-pdf` is `regenerate`): its state, a render
 * asked for (or a failed one retried), and a new version.
 */
export const salesDocumentPdfsRouter = router({
  /** The newest stored PDF, whether it is current, and the job making the next version. */
  status: read
    .input(byIdInputSchema)
    .query(({ ctx, input }) => services.salesDocumentPdfStatus(ctx.db, ctx.documentJobs, input.id)),
  /** Queues the PDF unless a current one is stored; retries a failed render. */
  queue: read
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) =>
      services.queueSalesDocumentPdf(ctx.db, ctx.documentJobs, input.id),
    ),
  /** Renders a new version (earlier ones are kept); the audit trail names who asked. */
  regenerate: permittedProcedure("salesDocument.write")
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) =>
      services.regenerateSalesDocumentPdf(ctx.db, ctx.documentJobs, ctx.actor, input.id),
    ),
});
