// PGlite takes no lock of its own: two processes opening one data folder corrupt it without
// any error. A lock file holding the owner's pid keeps a second Laurel process out.
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

export class DatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Laurel process (pid ${ownerPid}). ` +
        "Stop it, or set DATABASE_URL to use a PostgreSQL server.",
    );
    this.name = "DatabaseInUseError";
  }
}

export type HeldLock = { lockPath: string; release(): void };

/** The lock file sits next to the data folder: .data/pglite -> .data/pglite.lock */
export function lockPathFor(dataDir: string): string {
  return `${path.resolve(dataDir).replace(/[\\/]+$/, "")}.lock`;
}

function readOwnerPid(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the lock for `dataDir` or throws DatabaseInUseError when a live process holds it. A lock
 * left by a dead process (or by an earlier process that had our pid, as after a container
 * restart) is taken over. Released by release() and, failing that, when the process exits.
 */
export function acquireDataDirLock(dataDir: string): HeldLock {
  const lockPath = lockPathFor(dataDir);
  mkdirSync(path.dirname(lockPath), { recursive: true });

  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      writeFileSync(lockPath, `${process.pid}\n`, { flag: "wx" });
      return holdLock(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }

    const ownerPid = readOwnerPid(lockPath);
    // An empty file may be a lock being written this instant: look again before judging it.
    if (ownerPid === undefined && attempt < 3) {
      sleepSync(50);
      continue;
    }
    if (ownerPid !== undefined && ownerPid !== process.pid && isAlive(ownerPid)) {
      throw new DatabaseInUseError(dataDir, ownerPid);
    }
    removeStaleLock(lockPath, ownerPid);
  }
  throw new Error(`Could not take the lock ${lockPath}; remove it if no Laurel process is running.`);
}

// Moves the stale file aside with an atomic rename, so that of two processes taking over the same
// stale lock only one removes it; if what was moved is no longer the stale lock (another process
// replaced it in between), it is put back.
function removeStaleLock(lockPath: string, stalePid: number | undefined): void {
  const asidePath = `${lockPath}.stale-${process.pid}`;
  try {
    renameSync(lockPath, asidePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (readOwnerPid(asidePath) !== stalePid) {
    try {
      renameSync(asidePath, lockPath);
      return;
    } catch {
      // Fall through and drop it: the next attempt re-reads whatever lock is in place.
    }
  }
  try {
    unlinkSync(asidePath);
  } catch {
    // Already gone.
  }
}

function holdLock(lockPath: string): HeldLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off("exit", release);
    // Only remove the file if it is still ours.
    if (readOwnerPid(lockPath) === process.pid) {
      try {
        unlinkSync(lockPath);
      } catch {
        // Already gone.
      }
    }
  };
  process.on("exit", release);
  return { lockPath, release };
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
