// Vitest setupFiles: runs in every worker before the test file is loaded, so lib/db (which reads
// the environment on first use) opens the run's database.
import { inject } from "vitest";

const testDatabaseUrl = inject("testDatabaseUrl");
if (testDatabaseUrl) {
  process.env.DATABASE_URL = testDatabaseUrl;
} else if (process.env.DATABASE_URL) {
  // Never let tests write to the database the run was pointed at.
  throw new Error("DATABASE_URL is set but the test database was not provided: is lib/db/test/global-setup.ts in vitest.config.ts?");
} else {
  // A fresh in-memory database per worker, migrated on first use (lib/db waits for ensureDb()).
  process.env.PGLITE_DIR = "memory://";
}

// Vite puts its own BASE_URL ("/", the asset base) into process.env; Laurel's BASE_URL is the
// app's public origin, so tests start without it.
if (process.env.BASE_URL === "/") delete process.env.BASE_URL;
