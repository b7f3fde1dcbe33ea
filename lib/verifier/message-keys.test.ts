// Every code the verifier can answer with has its own sentence in every language: a reader of
// Spanish never meets the English fallback because someone added a code and forgot its words.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogs } from "@/lib/i18n/messages";
import { checkKey, inputErrorKey } from "./message-keys";

type Tree = { [key: string]: string | Tree };

const LIB = path.resolve(__dirname, "..");
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "test" ? [] : sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
const code = [...sources(path.join(LIB, "ob")), ...sources(path.join(LIB, "verifier"))].map((file) => readFileSync(file, "utf8")).join("\n");
const matches = (pattern: RegExp) => [...code.matchAll(pattern)];

// pass("proof", "verified", …), fail(…), cannotCheck(…); and the proof classifier's { code: "…", unknown }.
const checkCodes = new Set([
  ...matches(/\b(?:pass|fail|cannotCheck)\(\s*"(\w+)",\s*"(\w+)"/g).map(([, check, found]) => `${check}.${found}`),
  ...matches(/\{ code: "(\w+)", unknown: (?:true|false) \}/g).map(([, found]) => `proof.${found}`),
]);
// Why an input could not be read: every ObInputError and UnreadableInput code, and unreadable(…).
const errorCodes = new Set(matches(/(?:new (?:ObInputError|UnreadableInput)|\bunreadable)\(\s*"(\w+)"/g).map(([, found]) => found));
const warningCodes = new Set(matches(/\{ code: "(legacy_\w+)", message/g).map(([, found]) => found));

function has(tree: Tree, key: string): boolean {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string";
}

describe("the verifier's codes in the reader's language", () => {
  it("finds the codes it is meant to cover", () => {
    // A guard on the harvesting itself: these are among the codes, so the patterns still match the source.
    expect([...checkCodes]).toEqual(expect.arrayContaining(["proof.verified", "proof.signature_invalid", "proof.key_unavailable", "proof.context_unavailable", "status.revoked", "dates.expired"]));
    expect([...errorCodes]).toEqual(expect.arrayContaining(["no_baked_credential", "fetch_failed", "png_bad_crc", "verification_failed"]));
    expect([...warningCodes].sort()).toEqual(["legacy_cryptosuite", "legacy_proof_suite"]);
  });

  for (const [locale, messages] of Object.entries(catalogs)) {
    const verifier = (messages as unknown as Tree).verifier as Tree;
    const hasKey = (key: string) => has(verifier, key);

    it(`has a sentence for every check code in ${locale}`, () => {
      const missing = [...checkCodes].filter((found) => {
        const [check, id] = found.split(".");
        return !checkKey({ check, code: id, state: "failed" }, hasKey).startsWith("codes.");
      });
      expect(missing).toEqual([]);
    });

    it(`has a sentence (its own or its family's) for every input error in ${locale}`, () => {
      expect([...errorCodes].filter((found) => inputErrorKey(found, (key) => has(verifier, `errors.${key}`)) === "other")).toEqual([]);
    });

    it(`has a sentence for every warning in ${locale}`, () => {
      expect([...warningCodes].filter((found) => !hasKey(`warnings.${found}`))).toEqual([]);
    });
  }
});
