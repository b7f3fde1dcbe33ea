// npm run db:migrate — applies pending migrations from prisma/migrations to DATABASE_URL, or to
// the embedded database (PGLITE_DIR, default .data/pglite) when DATABASE_URL is unset.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { pgClientExecutor, pgliteExecutor } from "../lib/db/executors.ts";
import { acquireDataDirLock } from "../lib/db/lock.ts";
import { applyMigrations, type SqlExecutor } from "../lib/db/migrations.ts";

async function withDatabase<T>(work: (executor: SqlExecutor, label: string) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL.");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { hostname, port, pathname } = new URL(url);
      return await work(pgClientExecutor(client), `PostgreSQL at ${hostname}:${port || 5432}${pathname}`);
    } finally {
      await client.end();
    }
  }

  const dataDir = process.env.PGLITE_DIR || ".data/pglite";
  if (dataDir.startsWith("memory://")) throw new Error("PGLITE_DIR=memory:// would migrate a database that vanishes on exit.");
  const lock = acquireDataDirLock(dataDir);
  try {
    mkdirSync(path.resolve(dataDir), { recursive: true });
    const pglite = new PGlite(path.resolve(dataDir));
    try {
      return await work(pgliteExecutor(pglite), `The embedded database in ${dataDir}`);
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

try {
  await withDatabase(async (executor, label) => {
    const { applied } = await applyMigrations(executor);
    if (applied.length === 0) {
      console.log(`${label} is up to date.`);
    } else {
      console.log(`Applied ${applied.length} migration${applied.length === 1 ? "" : "s"} to ${label.replace(/^The/, "the")}:`);
      for (const name of applied) console.log(`  ${name}`);
    }
  });
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
