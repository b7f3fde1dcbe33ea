// Child process for lock.test.ts: plays a second Laurel process on the same data folder.
//   try <dir>      take the lock, release it, exit 0 (or print the error, exit 3)
//   hold <dir>     take the lock, print "held", keep it until stdin closes, then exit normally
//   open-db <dir>  open lib/db on that folder the way the app does
import { acquireDataDirLock } from "../lock.ts";

const [mode, dataDir] = process.argv.slice(2);
if (!mode || !dataDir) throw new Error("usage: lock-holder.ts try|hold|open-db <dir>");

try {
  if (mode === "try") {
    acquireDataDirLock(dataDir).release();
    process.stdout.write("acquired\n");
  } else if (mode === "hold") {
    acquireDataDirLock(dataDir);
    process.stdout.write("held\n");
    process.stdin.resume();
    process.stdin.on("end", () => process.exit(0));
  } else if (mode === "open-db") {
    process.env.PGLITE_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const { ensureDb, closeDb } = await import("../index.ts");
    await ensureDb();
    await closeDb();
    process.stdout.write("opened\n");
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(3);
}
