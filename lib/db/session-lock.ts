// Ownership of long work that outlives any one transaction (a bulk job's run), which must end the
// moment its process dies. On PostgreSQL a session advisory lock on a connection of its own does
// exactly that: the server drops it when the connection closes, and a SIGKILLed process's
// connections close with it. The embedded database serves one process, so there a lock is only
// this process's record of what it is running.
import pg from "pg";
import { databaseKind, db, ensureDb } from "@/lib/db";
import { log } from "@/lib/log";

export type SessionLock = { release(): Promise<void> };

const localLocks = new Set<string>();

/** Takes the lock named `name` if no live process holds it; null when one does. */
export async function trySessionLock(name: string): Promise<SessionLock | null> {
  await ensureDb();
  if (databaseKind() !== "postgres") {
    if (localLocks.has(name)) return null;
    localLocks.add(name);
    return { release: async () => void localLocks.delete(name) };
  }
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: "laurel-lock" });
  // A dropped connection has released the lock; the work notices through its own queries.
  client.on("error", (err) => log.warn({ err, lock: name }, "session lock connection dropped"));
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [name]);
    if (rows[0]?.locked) {
      return { release: () => client.end().catch((err: unknown) => log.warn({ err, lock: name }, "could not close a session lock")) };
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  await client.end().catch(() => undefined);
  return null;
}

/** Whether a live process holds the lock named `name` (this one included). */
export async function isSessionLockHeld(name: string): Promise<boolean> {
  await ensureDb();
  if (databaseKind() !== "postgres") return localLocks.has(name);
  // A transaction-level probe: it conflicts with a session lock held elsewhere, and ends with the transaction.
  const [row] = await db.$transaction((tx) => tx.$queryRaw<Array<{ free: boolean }>>`SELECT pg_try_advisory_xact_lock(hashtextextended(${name}, 0)) AS free`);
  return !row?.free;
}

/**
 * Waits for the lock named `name`, for work that must not run in two processes at once (setting
 * up the job queue's tables: two app instances starting together deadlock in PostgreSQL
 * otherwise). On the embedded database there is one process, so there is nothing to wait for.
 */
export async function waitForSessionLock(name: string, timeoutMs = 60_000): Promise<SessionLock> {
  await ensureDb();
  if (databaseKind() !== "postgres") return { release: async () => undefined };
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: "laurel-lock", statement_timeout: timeoutMs });
  client.on("error", (err) => log.warn({ err, lock: name }, "session lock connection dropped"));
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [name]);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return { release: () => client.end().catch((err: unknown) => log.warn({ err, lock: name }, "could not close a session lock")) };
}
