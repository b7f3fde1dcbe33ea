// Vitest globalSetup. With DATABASE_URL, the whole run gets a fresh database on that server,
// migrated once here and dropped at the end; its URL reaches the workers through provide/inject
// (see setup.ts). Without DATABASE_URL each worker uses its own in-memory PGlite.
import type { TestProject } from "vitest/node";
import { pgClientExecutor } from "../executors.ts";
import { applyMigrations } from "../migrations.ts";
import { createThrowawayDatabase, withClient } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's own database when DATABASE_URL was set, else null. */
    testDatabaseUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide("testDatabaseUrl", null);
    return;
  }
  const database = await createThrowawayDatabase(serverUrl);
  try {
    await withClient(database.url, (client) => applyMigrations(pgClientExecutor(client)));
  } catch (error) {
    await database.drop();
    throw error;
  }
  project.provide("testDatabaseUrl", database.url);
  return () => database.drop();
}
