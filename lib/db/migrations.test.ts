import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgClientExecutor, pgliteExecutor } from "./executors.ts";
import { defaultMigrationsDir, readMigrationFiles, sha256Hex } from "./migration-files.ts";
import { applyMigrations, type SqlExecutor } from "./migrations.ts";
import { createThrowawayDatabase, reachablePostgres, type ThrowawayDatabase } from "./test/postgres.ts";

const migrations = readMigrationFiles();
const migrationNames = migrations.map((migration) => migration.name);

/** A copy of prisma/migrations that a test may edit. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "laurel-migrations-"));
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  return dir;
}

type Backend = {
  executor: () => SqlExecutor;
  /** Two connections to another empty database, like two app instances starting together. */
  twoConnections?: () => Promise<[SqlExecutor, SqlExecutor]>;
  cleanup(): Promise<void>;
};

// The same behaviour is checked on both backends.
function migrationBehaviour(open: () => Promise<Backend>, options: { concurrent: boolean }) {
  let backend: Backend;
  beforeAll(async () => {
    backend = await open();
  });
  afterAll(async () => {
    await backend?.cleanup();
  });

  it("applies every migration to an empty database and records it like Prisma", async () => {
    const executor = backend.executor();
    expect(migrationNames.length).toBeGreaterThan(0);
    expect(await applyMigrations(executor)).toEqual({ applied: migrationNames });

    const rows = await executor.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      rolled_back_at: Date | null;
    }>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const [index, row] of rows.entries()) {
      expect(row.checksum).toBe(sha256Hex(migrations[index]!.sql));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await executor.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((table) => table.table_name)).toEqual(expect.arrayContaining(["User", "Organization", "Membership"]));
  });

  it("does nothing on a second run", async () => {
    expect(await applyMigrations(backend.executor())).toEqual({ applied: [] });
    const [{ count }] = await backend.executor().query<{ count: string | number }>(
      `SELECT count(*) AS count FROM "_prisma_migrations"`,
    );
    expect(Number(count)).toBe(migrationNames.length);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const dir = copyOfMigrations();
    try {
      const first = path.join(dir, migrationNames[0]!, "migration.sql");
      writeFileSync(first, `${migrations[0]!.sql}\n-- edited afterwards\n`);
      await expect(applyMigrations(backend.executor(), dir)).rejects.toThrow(
        `prisma/migrations/${migrationNames[0]}/migration.sql was changed after it was applied`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rolls back a failing migration entirely and records nothing", async () => {
    const dir = copyOfMigrations();
    try {
      mkdirSync(path.join(dir, "99990101000000_broken"));
      writeFileSync(
        path.join(dir, "99990101000000_broken", "migration.sql"),
        'CREATE TABLE "HalfDone" (id TEXT);\nSELECT * FROM "NoSuchTable";\n',
      );
      await expect(applyMigrations(backend.executor(), dir)).rejects.toThrow(/99990101000000_broken failed and was rolled back/);
      const executor = backend.executor();
      expect(await executor.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'HalfDone'`)).toEqual([]);
      expect(await executor.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`)).toEqual([]);
      // The database is still usable and up to date with the real migrations.
      expect(await applyMigrations(executor)).toEqual({ applied: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // PGlite has one connection and one process (lib/db/lock.ts): nothing can run concurrently,
  // so only a server gets this test.
  if (options.concurrent) {
    it("applies once when two instances migrate the same database at the same time", async () => {
      const [one, two] = await backend.twoConnections!();
      const results = await Promise.all([applyMigrations(one), applyMigrations(two)]);
      expect(results.flatMap((result) => result.applied).sort()).toEqual(migrationNames);
    });
  }
}

describe("migrations on an empty PGlite", () => {
  migrationBehaviour(async () => {
    const pglite = new PGlite("memory://");
    return { executor: () => pgliteExecutor(pglite), cleanup: () => pglite.close() };
  }, { concurrent: false });
});

const server = await reachablePostgres();
if (!server && process.env.CI) {
  throw new Error("CI must provide a PostgreSQL server (DATABASE_URL or 127.0.0.1:5432) for the migration tests.");
}

describe.skipIf(!server)(
  server ? "migrations on an empty PostgreSQL database" : "migrations on PostgreSQL (skipped: no server at DATABASE_URL or 127.0.0.1:5432)",
  () => {
    migrationBehaviour(async () => {
      const databases: ThrowawayDatabase[] = [];
      const clients: pg.Client[] = [];
      const connect = async (url: string) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        clients.push(client);
        return client;
      };
      const main = await createThrowawayDatabase(server!, "laurel_migrations_test");
      databases.push(main);
      const mainClient = await connect(main.url);
      return {
        executor: () => pgClientExecutor(mainClient),
        twoConnections: async () => {
          const other = await createThrowawayDatabase(server!, "laurel_migrations_test");
          databases.push(other);
          return [pgClientExecutor(await connect(other.url)), pgClientExecutor(await connect(other.url))];
        },
        cleanup: async () => {
          await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
          await Promise.all(databases.map((database) => database.drop()));
        },
      };
    }, { concurrent: true });
  },
);
