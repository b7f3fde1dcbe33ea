// Applies prisma/migrations without the prisma CLI (whose native engine is downloaded from a
// CDN). Rows go to _prisma_migrations exactly as Prisma writes them, so `prisma migrate deploy`
// and `prisma migrate status` keep working against the same database.
import { readMigrationFiles, defaultMigrationsDir, sha256Hex } from "./migration-files.ts";

/** The little a migration needs from a connection: pg's PoolClient and PGlite both fit. */
export interface SqlExecutor {
  /** One statement, $1-style parameters. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** A script of several statements, no parameters. */
  exec(script: string): Promise<void>;
  /** Runs `work` in a transaction on this same connection. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export class MigrationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "MigrationError";
  }
}

// The advisory lock key `prisma migrate` takes, so our runner and Prisma's exclude each other.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
};

// Prisma accepts a file whose line endings changed (a Windows checkout), and so do we.
function checksumMatches(recorded: string, sql: string, checksum: string): boolean {
  return recorded === checksum || recorded === sha256Hex(sql.replace(/\r\n/g, "\n")) || recorded === sha256Hex(sql.replace(/\r?\n/g, "\r\n"));
}

/**
 * Applies every migration in `migrationsDir` not yet recorded in _prisma_migrations, each in its
 * own transaction, under Prisma's advisory lock (so app instances starting together take turns).
 * Refuses when an applied migration's file was edited, or a migration failed earlier.
 */
export async function applyMigrations(
  executor: SqlExecutor,
  migrationsDir: string = defaultMigrationsDir(),
): Promise<{ applied: string[] }> {
  const migrations = readMigrationFiles(migrationsDir);
  await executor.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
  try {
    await executor.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await executor.query<MigrationRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );

    const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed.length > 0) {
      throw new MigrationError(
        `Migration ${failed.map((row) => row.migration_name).join(", ")} failed earlier and was left ` +
          "half-applied. Fix the database by hand, then mark it with `prisma migrate resolve`.",
      );
    }

    const applied = new Map(
      rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => [row.migration_name, row]),
    );
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row && !checksumMatches(row.checksum, migration.sql, migration.checksum)) {
        throw new MigrationError(
          `prisma/migrations/${migration.name}/migration.sql was changed after it was applied to this ` +
            "database. Applied migrations must not be edited: restore the file and put the change in a " +
            "new migration (npm run db:migration -- <name>).",
        );
      }
    }

    const appliedNow: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      const startedAt = new Date();
      try {
        await executor.transaction(async (tx) => {
          await tx.exec(migration.sql);
          await tx.query(
            `INSERT INTO "_prisma_migrations"
               (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
            [crypto.randomUUID(), migration.checksum, migration.name, startedAt],
          );
        });
      } catch (error) {
        throw new MigrationError(
          `Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`,
          { cause: error },
        );
      }
      appliedNow.push(migration.name);
    }
    return { applied: appliedNow };
  } finally {
    // A failed unlock must not hide the error being thrown; the lock ends with the session anyway.
    await executor.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => undefined);
  }
}
