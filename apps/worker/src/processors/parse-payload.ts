import { UnrecoverableError } from "bullmq";
import type { z } from "zod";

/**
 * Validates a job's payload against its schema from `QUEUES` (packages/domain). An invalid
 * payload will be just as invalid on the next attempt, so it fails the job at once with
 * `UnrecoverableError` instead of burning the retries. A job without data counts as `{}`.
 */
export function parsePayload<Schema extends z.ZodType>(
  schema: Schema,
  job: { name: string; id?: string | undefined; data: unknown },
): z.output<Schema> {
  const result = schema.safeParse(job.data ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues
    .map(
      (issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(payload)"}: ${issue.message}`,
    )
    .join("; ");
  throw new UnrecoverableError(`Invalid payload for job "${job.name}": ${problems}`);
}

/** A job name this queue's processor does not know: retrying cannot help either. */
export function unknownJob(queue: string, job: { name: string }): UnrecoverableError {
  return new UnrecoverableError(`Unknown job "${job.name}" on queue "${queue}"`);
}
