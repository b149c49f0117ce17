import { z } from "zod";
import { idSchema, pageInputSchema } from "./common.ts";

/** `audit.list`: the audit trail, newest first, optionally narrowed. */
export const listAuditEventsInputSchema = pageInputSchema.extend({
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(100).optional(),
  /** A person: what they did themselves and through their API tokens. */
  actorId: idSchema.optional(),
  /** One API token: what its owner did through it. */
  apiTokenId: idSchema.optional(),
});
export type ListAuditEventsInput = z.input<typeof listAuditEventsInputSchema>;
