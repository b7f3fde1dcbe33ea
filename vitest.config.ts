import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // server-only throws outside a React server bundle; tests run server code directly.
    alias: { "server-only": fileURLToPath(new URL("./lib/db/test/empty-module.ts", import.meta.url)) },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "e2e/**", ".next/**", ".data/**"],
    pool: "forks",
    // Most tests wait on PostgreSQL rather than compute: two files at once even on two cores
    // (Vitest's default leaves one core idle, which made the suite run one file at a time here).
    maxWorkers: Math.max(2, availableParallelism()),
    globalSetup: ["./lib/db/test/global-setup.ts"],
    setupFiles: ["./lib/db/test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
