import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatabaseInUseError, acquireDataDirLock, lockPathFor } from "./lock.ts";

const holderScript = fileURLToPath(new URL("./test/lock-holder.ts", import.meta.url));

function runHolder(mode: "try" | "hold" | "open-db", dataDir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", holderScript, mode, dataDir], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, stdout, stderr })),
  );
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => stdout.includes(text) && resolve();
      child.stdout.on("data", check);
      child.on("exit", () => reject(new Error(`child exited before printing "${text}": ${stderr}`)));
    });
  return { child, exited, printed };
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

describe("the embedded database's lock file", () => {
  let workDir: string;
  let dataDir: string;
  beforeEach(() => {
    workDir = mkdtempSync(path.join(tmpdir(), "laurel-lock-"));
    dataDir = path.join(workDir, "pglite");
  });
  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  it("sits beside the data folder", () => {
    expect(lockPathFor(".data/pglite")).toBe(path.resolve(".data/pglite.lock"));
    expect(lockPathFor("/srv/laurel/db/")).toBe("/srv/laurel/db.lock");
  });

  it("keeps a second process out while this one holds it, and lets it in once released", async () => {
    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(lock.lockPath, "utf8").trim()).toBe(String(process.pid));

    const refused = await runHolder("try", dataDir).exited;
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      `The embedded database in ${dataDir} is in use by another Laurel process (pid ${process.pid}). ` +
        "Stop it, or set DATABASE_URL to use a PostgreSQL server.",
    );

    lock.release();
    expect(existsSync(lock.lockPath)).toBe(false);
    const allowed = await runHolder("try", dataDir).exited;
    expect(allowed).toMatchObject({ code: 0, stdout: "acquired\n" });
  });

  it("refuses this process while another holds it; the other releases it when it exits", async () => {
    const holder = runHolder("hold", dataDir);
    await holder.printed("held");

    let refusal: unknown;
    try {
      acquireDataDirLock(dataDir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DatabaseInUseError);
    expect((refusal as DatabaseInUseError).ownerPid).toBe(holder.child.pid);

    holder.child.stdin.end();
    expect((await holder.exited).code).toBe(0);
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
    acquireDataDirLock(dataDir).release();
  });

  it("takes over the lock of a process that was killed", async () => {
    const holder = runHolder("hold", dataDir);
    await holder.printed("held");
    holder.child.kill("SIGKILL");
    await holder.exited;
    expect(existsSync(lockPathFor(dataDir))).toBe(true);

    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(lock.lockPath, "utf8").trim()).toBe(String(process.pid));
    lock.release();
  });

  it("takes over a stale or unreadable lock file", async () => {
    writeFileSync(lockPathFor(dataDir), `${await deadPid()}\n`);
    acquireDataDirLock(dataDir).release();

    writeFileSync(lockPathFor(dataDir), "");
    acquireDataDirLock(dataDir).release();
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
  });

  it("stops lib/db from opening a data folder another process uses", async () => {
    const lock = acquireDataDirLock(dataDir);
    try {
      const refused = await runHolder("open-db", dataDir).exited;
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`is in use by another Laurel process (pid ${process.pid})`);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      lock.release();
    }
  });
});
