// Laurel's one database client. With DATABASE_URL it talks to PostgreSQL through a pg Pool;
// without, to an embedded PGlite in PGLITE_DIR (default .data/pglite; memory:// for tests).
// Nothing is opened at import (next build imports this module): the first use opens the
// database, and the first query waits for pending migrations.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client.ts";
import { lastRows, pgClientExecutor, pgliteExecutor } from "./executors.ts";
import { acquireDataDirLock, type HeldLock } from "./lock.ts";
import { applyMigrations } from "./migrations.ts";

export type DatabaseKind = "postgres" | "pglite";

// Password hashes and encrypted private keys are only read where they are used, with an explicit
// `omit: { … : false }`.
const GLOBAL_OMIT = { user: { passwordHash: true }, pendingSignUp: { passwordHash: true }, signingKey: { privateKeyEncrypted: true }, emailSender: { dkimPrivateKeyEncrypted: true }, ssoConnection: { oidcClientSecretEncrypted: true }, ltiToolKey: { privateKeyEncrypted: true } } as const;

function createPrismaClient(adapter: SqlDriverAdapterFactory) {
  return new PrismaClient({ adapter, omit: GLOBAL_OMIT });
}

export type Db = ReturnType<typeof createPrismaClient>;

type Backend =
  | { kind: "postgres"; pool: pg.Pool }
  | { kind: "pglite"; pglite: PGlite; dataDir: string; lock?: HeldLock };

type DbState = {
  backend: Backend;
  client: Db;
  migrated?: Promise<void>;
};

// On globalThis rather than in module scope: Next dev re-evaluates modules, and one process may
// load this module from several bundles; all of them must share one pool / one PGlite.
const STATE_KEY = Symbol.for("laurel.db.state");
type GlobalWithDb = typeof globalThis & { [STATE_KEY]?: DbState };
const globalWithDb = globalThis as GlobalWithDb;

function configuredKind(): DatabaseKind {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

function openBackend(): Backend {
  const url = process.env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL (unset it to use the embedded database).");
    }
    const pool = new pg.Pool({ connectionString: url });
    // Without a listener, an idle connection dropped by the server would crash the process; the
    // pool discards that connection and opens a new one when needed.
    pool.on("error", (error) => console.error(`PostgreSQL pool: ${error.message}`));
    return { kind: "postgres", pool };
  }

  const dataDir = process.env.PGLITE_DIR || ".data/pglite";
  if (dataDir.startsWith("memory://")) {
    return { kind: "pglite", pglite: new PGlite(dataDir), dataDir };
  }
  const lock = acquireDataDirLock(dataDir);
  try {
    const absoluteDir = path.resolve(/*turbopackIgnore: true*/ dataDir);
    mkdirSync(absoluteDir, { recursive: true });
    return { kind: "pglite", pglite: new PGlite(absoluteDir), dataDir, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

// Prisma connects on its first query; make that wait for migrations, so code that forgot
// ensureDb() (or a test on a fresh in-memory database) never sees a half-made schema.
function migratedFirst(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      await ensureDb();
      return factory.connect();
    },
  };
}

function state(): DbState {
  const existing = globalWithDb[STATE_KEY];
  if (existing) return existing;
  const backend = openBackend();
  const factory = backend.kind === "postgres" ? new PrismaPg(backend.pool) : new PrismaPGlite(backend.pglite);
  const created: DbState = { backend, client: createPrismaClient(migratedFirst(factory)) };
  globalWithDb[STATE_KEY] = created;
  return created;
}

/**
 * The Prisma client. A stand-in that opens the database on first use, so importing it has no
 * side effect. `user.passwordHash` is omitted from results unless asked for.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    // Inspection (console.log, util.inspect, await-ability checks) must not open the database.
    if (typeof property === "symbol" || property === "then" || property === "toJSON") return undefined;
    const client = state().client;
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

async function migrate(current: DbState): Promise<void> {
  const { backend } = current;
  if (backend.kind === "postgres") {
    const connection = await backend.pool.connect();
    try {
      await applyMigrations(pgClientExecutor(connection));
    } finally {
      connection.release();
    }
  } else {
    await applyMigrations(pgliteExecutor(backend.pglite));
  }
}

/** Applies pending migrations, once per process. Entry points await it before serving. */
export function ensureDb(): Promise<void> {
  const current = state();
  current.migrated ??= migrate(current).catch((error: unknown) => {
    // Let a later call retry (e.g. the server was not up yet).
    current.migrated = undefined;
    throw error;
  });
  return current.migrated;
}

// pg returns bigint (e.g. count(*)) as a string; PGlite as a number. Callers written for pg
// (pg-boss) expect strings.
const PG_COMPATIBLE_PARSING = { parsers: { [pgliteTypes.INT8]: (value: string) => value } };

/**
 * A raw query on the same connection pool / PGlite as `db`, with $1-style parameters. Without
 * parameters the text may hold several statements; the rows of the last one are returned.
 * PGlite is a single connection: inside a db.$transaction callback use `tx` only, since sql()
 * (or `db`) there waits for the transaction to end and stalls until its timeout.
 */
export async function sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
  await ensureDb();
  const { backend } = state();
  if (backend.kind === "postgres") {
    return lastRows<T>(await backend.pool.query(text, params as unknown[] | undefined));
  }
  if (params && params.length > 0) {
    return (await backend.pglite.query<T>(text, params, PG_COMPATIBLE_PARSING)).rows;
  }
  // query() takes one statement only; exec() runs a script like pg's simple protocol does.
  const results = await backend.pglite.exec(text, PG_COMPATIBLE_PARSING);
  return (results[results.length - 1]?.rows ?? []) as T[];
}

/** A $1-style query inside sqlTransaction: the rows of one statement. */
export type SqlQuery = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * Runs `work` in one transaction on a connection of its own, its statements sent straight to the
 * driver. For hot paths only (event ingest): Prisma's per-statement overhead there cost as much
 * as the statements themselves. Results come as the driver parses them: select timestamps as
 * numbers or text, not as dates (pg reads `timestamp` in the process's time zone).
 */
export async function sqlTransaction<T>(work: (query: SqlQuery) => Promise<T>): Promise<T> {
  await ensureDb();
  const { backend } = state();
  if (backend.kind === "pglite") return pgliteExecutor(backend.pglite).transaction((tx) => work(tx.query.bind(tx)));
  const connection = await backend.pool.connect();
  try {
    return await pgClientExecutor(connection).transaction((tx) => work(tx.query.bind(tx)));
  } finally {
    // A connection the server dropped is removed by the pool itself (its "error" event).
    connection.release();
  }
}

/** The same $1-style queries inside a Prisma transaction, for code shared with sqlTransaction. */
export const prismaQuery =
  (tx: Pick<Db, "$queryRawUnsafe">): SqlQuery =>
  <T>(text: string, params: unknown[] = []) =>
    tx.$queryRawUnsafe<T[]>(text, ...params);

export function databaseKind(): DatabaseKind {
  return globalWithDb[STATE_KEY]?.backend.kind ?? configuredKind();
}

/** Disconnects Prisma, closes the pool or PGlite and releases the data folder's lock. */
export async function closeDb(): Promise<void> {
  const current = globalWithDb[STATE_KEY];
  if (!current) return;
  delete globalWithDb[STATE_KEY];
  await current.migrated?.catch(() => undefined);
  try {
    await current.client.$disconnect();
  } finally {
    const { backend } = current;
    if (backend.kind === "postgres") {
      await backend.pool.end();
    } else {
      try {
        await backend.pglite.close();
      } finally {
        backend.lock?.release();
      }
    }
  }
}
