// @ts-check
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** The apps, by package name: no package imports one, and no app another (only the API's router type). */
const APP_IMPORTS = [
  {
    name: "@ledgerline/api",
    message: "Import only the AppRouter type from the API.",
    allowTypeImports: true,
  },
  { name: "@ledgerline/web", message: "Apps do not import other apps." },
  { name: "@ledgerline/worker", message: "Apps do not import other apps." },
];

/**
 * An app's subpaths (`@ledgerline/api/testing`, `@ledgerline/worker/pdf-renderer`): the exact
 * paths above do not match them, so they are a pattern of their own, in the core rule so that
 * each layer's @typescript-eslint rule below keeps its own options. Tests may start the API
 * (`@ledgerline/api/testing`) and the bench may render with the worker's renderer; nothing else.
 */
const APP_SUBPATHS = ["@ledgerline/api/*", "@ledgerline/web/*", "@ledgerline/worker/*"];
const APP_SUBPATH_MESSAGE =
  "No package imports an app and no app another: an app's modules are its own (tests may use @ledgerline/api/testing, the bench the worker's renderer).";
const appSubpathRule = (/** @type {string[]} */ allowed) => [
  "error",
  {
    patterns: [
      {
        group: [...APP_SUBPATHS, ...allowed.map((path) => `!${path}`)],
        message: APP_SUBPATH_MESSAGE,
      },
    ],
  },
];

/** Node's I/O modules: the pure domain package may not import them. */
const NODE_IO = [
  "fs",
  "net",
  "http",
  "https",
  "child_process",
  "dgram",
  "dns",
  "tls",
  "worker_threads",
  "cluster",
].flatMap((name) => [name, `node:${name}`, `${name}/*`, `node:${name}/*`]);

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/generated/**",
      "**/.turbo/**",
      ".data/**",
      "e2e/test-results/**",
      "e2e/playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // One validated env module per app (t3 restrictEnvAccess): configuration is read in one place.
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration in the app's env.ts only.",
        },
      ],
      // An app never imports another app. Only the API's router *type* may be imported.
      "@typescript-eslint/no-restricted-imports": ["error", { paths: APP_IMPORTS }],
      "no-restricted-imports": appSubpathRule([]),
    },
  },
  {
    files: ["**/*.test.ts", "**/*.test.tsx", "**/testing/**", "e2e/**"],
    rules: { "no-restricted-imports": appSubpathRule(["@ledgerline/api/testing"]) },
  },
  {
    files: ["bench/**"],
    rules: { "no-restricted-imports": appSubpathRule(["@ledgerline/worker/pdf-renderer"]) },
  },
  {
    // Where configuration is read: each app's env module, build configs, scripts and test setups.
    files: [
      "**/env.ts",
      "**/*.config.ts",
      "**/*.config.js",
      "scripts/**",
      "**/scripts/**",
      "bench/**",
      "e2e/**",
      ".ci/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // The domain is pure rules: no I/O, no database, no queues, no other workspace packages.
    files: ["packages/domain/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: NODE_IO.filter((name) => !name.includes("*")).map((name) => ({
            name,
            message: "packages/domain is pure: no I/O.",
          })),
          patterns: [
            {
              group: NODE_IO.filter((name) => name.includes("*")),
              message: "packages/domain is pure: no I/O.",
            },
            {
              group: [
                "@prisma/*",
                "@ledgerline/*",
                "pg",
                "ioredis",
                "bullmq",
                "pino",
                "@trpc/server*",
                "puppeteer*",
              ],
              message:
                "packages/domain is pure: it imports no database, queue, server or other workspace package.",
            },
          ],
        },
      ],
    },
  },
  {
    // Documents are made from a view, not fetched: no database, queue, server, browser or app.
    files: ["packages/documents/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: APP_IMPORTS,
          patterns: [
            {
              group: [
                "@prisma/*",
                "@ledgerline/db",
                "@ledgerline/services",
                "pg",
                "ioredis",
                "bullmq",
                "@trpc/*",
                "puppeteer*",
              ],
              message:
                "packages/documents turns a DocumentView into HTML, XML and PDF bytes: the services read, the worker renders.",
            },
          ],
        },
      ],
    },
  },
  {
    // Use cases are callable from the API, the worker, scripts and tests alike: no tRPC, no app.
    files: ["packages/services/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: APP_IMPORTS.map(({ name }) => ({
            name,
            message: "packages/services imports no app: the apps import it.",
          })),
          patterns: [
            {
              group: ["@trpc/*"],
              message: "packages/services knows no tRPC: throw AppError, the API maps it once.",
            },
            {
              group: ["**/apps/**"],
              message: "packages/services imports no app: the apps import it.",
            },
          ],
        },
      ],
    },
  },
  {
    // Routers only wire procedures to use cases, and the HTTP handlers beside them only read and
    // answer requests: no database access of their own.
    files: ["apps/api/src/routers/**/*.ts", "apps/api/src/http/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            ...APP_IMPORTS,
            {
              name: "@ledgerline/db",
              message:
                "Routers and HTTP handlers call use cases (@ledgerline/services); types from the db are fine.",
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              group: ["@prisma/*", "@ledgerline/db/*"],
              message:
                "Routers and HTTP handlers call use cases (@ledgerline/services), not the database.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Telling a lost database connection from any other error is reading an error, not the
    // database: the one value the HTTP layer takes from @ledgerline/db.
    files: ["apps/api/src/http/database-outage.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            ...APP_IMPORTS,
            {
              name: "@ledgerline/db",
              allowImportNames: ["isDatabaseConnectionError"],
              message: "Only isDatabaseConnectionError, for telling an outage from other errors.",
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              group: ["@prisma/*", "@ledgerline/db/*"],
              message: "The HTTP layer does not reach the database.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // No import circles: a module and what it imports form a tree, so each can be read alone.
    files: ["apps/*/src/**/*.{ts,tsx}", "packages/*/src/**/*.ts"],
    ignores: ["**/generated/**"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js"] })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    files: ["apps/web/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    files: ["**/*.test.ts", "**/*.test.tsx", "**/testing/**", "e2e/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
