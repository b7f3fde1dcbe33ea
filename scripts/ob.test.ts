// The CLI as a person runs it: a real process, JSON on stdout, the exit code tells the outcome.
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SPEC_DIR = path.resolve(process.cwd(), "../shared/spec");
const DCC = path.join(SPEC_DIR, "dcc-verifier-core-fixtures");

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/ob.ts", ...args], { cwd: process.cwd(), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe("npm run ob -- verify", () => {
  // did:key fixtures without a status list verify with no network at all.
  it("exits 0 for a valid credential, 1 for an invalid one, 2 for unreadable input, printing the result as JSON", { timeout: 120_000 }, async () => {
    const [valid, expired, unreadable, missing] = await Promise.all([
      runCli(["verify", path.join(DCC, "v2NoStatus.json"), "--now", "2026-01-01T00:00:00Z"]),
      runCli(["verify", path.join(DCC, "v2Expired.json"), "--now", "2026-01-01T00:00:00Z"]),
      runCli(["verify", path.join(SPEC_DIR, "1edtech-public-validator-fixtures/ob20/redirected-validation-subject.json")]),
      runCli(["verify", path.join(DCC, "no-such-file.json")]),
    ]);

    expect(valid.code, valid.stderr).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({ valid: true, format: "ob3-jsonld" });

    expect(expired.code, expired.stderr).toBe(1);
    const result = JSON.parse(expired.stdout);
    expect(result.valid).toBe(false);
    expect(result.checks.find((c: { check: string }) => c.check === "dates")).toMatchObject({ ok: false, code: "expired" });

    expect(unreadable.code).toBe(2);
    expect(JSON.parse(unreadable.stdout).error.code).toBe("json_invalid");
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.code).toBe("file_unreadable");
  });

  it("exits 3 when it cannot check (the issuer's DID document cannot be fetched), saying so rather than 'invalid'", { timeout: 120_000 }, async () => {
    // A did:web issuer; this test answers every key fetch with a refusal, as an unreachable host would.
    const didWeb = await runCli(["verify", path.join(SPEC_DIR, "real-world/dcc-v2-di-didweb-oidf.json"), "--now", "2026-01-01T00:00:00Z", "--offline"]);
    expect(didWeb.code, didWeb.stderr).toBe(3);
    const result = JSON.parse(didWeb.stdout);
    expect(result).toMatchObject({ valid: false, verdict: "indeterminate" });
    expect(result.checks.find((c: { check: string }) => c.check === "proof")).toMatchObject({ state: "unknown", code: "key_unavailable" });
  });

  it("explains its usage for an unknown command or option", { timeout: 60_000 }, async () => {
    const [unknown, badOption] = await Promise.all([runCli(["frobnicate"]), runCli(["verify", "x.json", "--colour", "red"])]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command: frobnicate[\s\S]*verify <file\|url>/);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/unknown option --colour/);
  });
});
