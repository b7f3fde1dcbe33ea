// Thirty credentials other issuers and test suites produced, none of them by Laurel, each with
// the verdict its MANIFEST.tsv gives and why. Checked offline: every fetch fails, as it would on
// a machine without the issuers' servers, so what needs them is "cannot check", never "forged".
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ObInputError } from "../errors";
import { verifyCredential, type VerificationResult } from "./index";
import { SPEC_DIR } from "./test/fixture-documents";

const DIR = path.join(SPEC_DIR, "real-world");
// The day the manifest's verdicts were written: expiry is judged against it.
const MANIFEST_DAY = new Date("2026-12-04T00:00:00Z");

type Row = { file: string; kind: string; expected: string; why: string };
const rows: Row[] = readFileSync(path.join(DIR, "MANIFEST.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [file, , kind, expected, why] = line.split("\t");
    return { file, kind, expected, why };
  });

const VERDICTS: Record<string, VerificationResult["verdict"]> = { valid: "valid", invalid: "invalid", "cannot-check-offline": "indeterminate" };
// Where the manifest's own words name a more precise answer than its verdict column.
const PRECISE: Record<string, { verdict: VerificationResult["verdict"]; because: RegExp }> = {
  "bakery-bad-json.svg": { verdict: "unreadable", because: /the right CLI answer is 'unreadable'/ },
  // Ed25519Signature2018 is supported (with a warning), so its good signature makes it valid.
  "jff-plugfest3-ed25519sig2018.json": { verdict: "valid", because: /signature verifies with an independent Ed25519Signature2018 check/ },
};

const offline = async (url: string): Promise<never> => {
  throw new Error(`offline: ${url} is not reachable from this test`);
};
// A URL baked into a badge gets the answer a machine without network gets.
const offlineInput = async (url: string): Promise<never> => {
  throw new ObInputError("fetch_failed", `Could not fetch ${url}: offline`);
};

describe("credentials from elsewhere (spec/real-world), offline", () => {
  it("the manifest lists the thirty files", () => {
    expect(rows).toHaveLength(30);
  });

  for (const row of rows) {
    it(`${row.file}: ${row.expected}`, async () => {
      const precise = PRECISE[row.file];
      if (precise) expect(row.why).toMatch(precise.because);
      const expected = precise?.verdict ?? VERDICTS[row.expected];
      expect(expected, `unknown verdict ${row.expected}`).toBeDefined();
      const result = await verifyCredential(new Uint8Array(readFileSync(path.join(DIR, row.file))), { now: MANIFEST_DAY, fetchRemote: offline, fetchInput: offlineInput });
      const notPassed = result.checks.filter((check) => check.state !== "passed").map((check) => `${check.check} ${check.state} ${check.code}: ${check.message}`);
      expect(result.verdict, `${row.kind}\n${row.why}\n${result.error?.message ?? notPassed.join("\n")}`).toBe(expected);
      expect(result.valid).toBe(expected === "valid");
      // "Cannot check" never hides a definite failure, and a failure is never called "cannot check".
      if (expected === "indeterminate") expect(result.checks.filter((check) => check.state === "failed")).toEqual([]);
    });
  }
});
