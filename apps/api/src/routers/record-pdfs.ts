import { byIdInputSchema, PDF_RECORD_PERMISSIONS, type PdfRecordKind } from "@ledgerline/domain";
import * as services from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

/**
 * A record's PDF, the same three procedures for every kind that has one (seed 000's `GET /pdf`
 * is the HTTP download at `/files/<records>/<id>/pdf`; `POST /regenerate-pdf` is
 * `regenerate`): its state, a render asked for (or a failed one retried), and a new version.
 * Who may read the record may see and ask for its PDF; who may write it may regenerate
 * (`PDF_RECORD_PERMISSIONS`).
 */
export function recordPdfsRouter(kind: PdfRecordKind) {
  const { read, write } = PDF_RECORD_PERMISSIONS[kind];
  return router({
    /** The newest stored PDF, whether it is current, and the job making the next version. */
    status: permittedProcedure(read)
      .input(byIdInputSchema)
      .query(({ ctx, input }) =>
        services.recordPdfStatus(ctx.db, ctx.pdfJobs, ctx.actor, kind, input.id),
      ),
    /** Queues the PDF unless a current one is stored; retries a failed render. */
    queue: permittedProcedure(read)
      .input(byIdInputSchema)
      .mutation(({ ctx, input }) =>
        services.queueRecordPdf(ctx.db, ctx.pdfJobs, ctx.actor, kind, input.id),
      ),
    /** Renders a new version (earlier ones are kept); the audit trail names who asked. */
    regenerate: permittedProcedure(write)
      .input(byIdInputSchema)
      .mutation(({ ctx, input }) =>
        services.regenerateRecordPdf(ctx.db, ctx.pdfJobs, ctx.actor, kind, input.id),
      ),
  });
}
