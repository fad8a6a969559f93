import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// Integration tests never touch the developer's demo database: without DATABASE_URL they use their own
// database on the embedded server. Set here, in the config itself, so that the global setup (which runs in
// vitest's main process) and the test workers (which inherit this process's environment) agree.
const integrationEnv: Record<string, string> = {};
if (!process.env.DATABASE_URL) {
  process.env.EMBEDDED_DB_NAME = "balagh_test";
  integrationEnv.EMBEDDED_DB_NAME = "balagh_test";
}

export default defineConfig({
  resolve: {
    // Same as tsconfig.json's `"@/*": ["./*"]`.
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws unless imported under React's server condition (Next.js's server bundles): tests
      // run the server's modules directly, so they get its empty module.
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // One database for every file: run the files one after another.
          fileParallelism: false,
          globalSetup: ["tests/integration/global-setup.ts"],
          env: integrationEnv,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
