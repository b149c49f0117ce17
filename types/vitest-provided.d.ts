/** What the root vitest.config.ts provides to integration tests (`inject("databaseAdminUrl")`). */
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    redisUrl: string;
  }
}
