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
    globalSetup: ["./lib/db/test/global-setup.ts"],
    setupFiles: ["./lib/db/test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
