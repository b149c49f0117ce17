import { z } from "zod";

/**
 * zod compiles object parsers with `new Function` when it may, and probes for that while the
 * domain's schemas are built. The API's Content-Security-Policy forbids eval, so the probe only
 * logs a violation; the interpreted parsers are plenty fast for forms. Imported first by main.tsx.
 */
z.config({ jitless: true });
