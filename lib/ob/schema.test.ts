import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateAchievementCredential, validateEndorsementCredential } from "./schema";

const spec = path.resolve(process.cwd(), "../shared/spec");
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("1EdTech OB 3.0 JSON schemas", () => {
  const examplesDir = path.join(spec, "ob3-examples");
  const examples = readdirSync(examplesDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => ({ file: f, json: readJson(path.join(examplesDir, f)) }));

  it("has the spec examples to check", () => {
    expect(examples.filter((e) => e.json.type.includes("OpenBadgeCredential")).length).toBeGreaterThanOrEqual(7);
    expect(examples.some((e) => e.json.type.includes("EndorsementCredential"))).toBe(true);
  });

  for (const { file, json } of examples) {
    const types: string[] = json.type;
    if (types.includes("OpenBadgeCredential") || types.includes("AchievementCredential")) {
      it(`accepts the spec example ${file} as an AchievementCredential`, () => {
        expect(validateAchievementCredential(json)).toEqual({ valid: true, errors: [] });
      });
    } else if (types.includes("EndorsementCredential")) {
      it(`accepts the spec example ${file} as an EndorsementCredential`, () => {
        expect(validateEndorsementCredential(json)).toEqual({ valid: true, errors: [] });
        // …and it is not an achievement credential
        expect(validateAchievementCredential(json).valid).toBe(false);
      });
    }
  }

  const fixtures = path.join(spec, "1edtech-public-validator-fixtures/ob30");

  it("accepts the 1EdTech validator's well-formed OB 3.0 fixtures", () => {
    for (const f of ["simple.json", "complete.json", "simple-context-alias.json", "simple-context-version.json", "simple-multiple-proofs.json"]) {
      expect(validateAchievementCredential(readJson(path.join(fixtures, f))), f).toEqual({ valid: true, errors: [] });
    }
    expect(validateEndorsementCredential(readJson(path.join(fixtures, "endorsement-valid.json")))).toEqual({ valid: true, errors: [] });
  });

  it("rejects the 1EdTech validator's wrong-type fixtures at the offending field", () => {
    const cases: Record<string, string> = {
      "simple-err-type.json": "/type",
      "simple-err-credential-subject-type.json": "/credentialSubject/type",
      "simple-err-credential-subject-identifier-type.json": "/credentialSubject/identifier/0/type",
      "simple-err-credential-subject-profile-type.json": "/credentialSubject/source/type",
      "simple-err-credential-subject-result-type.json": "/credentialSubject/result/",
      "simple-err-credential-subject-achievement-result-description-type.json": "/credentialSubject/achievement/resultDescription/0/type",
      "simple-err-evidence-type.json": "/evidence/0/type",
      "simple-err-issuer-type.json": "/issuer/type",
      "simple-err-issuer-parentorg-type.json": "/issuer/parentOrg/type",
    };
    for (const [file, pathPrefix] of Object.entries(cases)) {
      const result = validateAchievementCredential(readJson(path.join(fixtures, file)));
      expect(result.valid, file).toBe(false);
      expect(result.errors.some((e) => e.path.startsWith(pathPrefix)), `${file}: ${JSON.stringify(result.errors)}`).toBe(true);
    }
  });

  it("names the path of a missing required field", () => {
    const credential = readJson(path.join(examplesDir, "basicOpenBadgeCredential-1.json"));
    delete credential.credentialSubject.achievement.name;
    delete credential.validFrom;
    const result = validateAchievementCredential(credential);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: "/credentialSubject/achievement/name", message: "is required" },
        { path: "/validFrom", message: "is required" },
      ]),
    );
  });

  it("rejects a single proof object (the schema wants an array) and a string type", () => {
    const vector = readJson(path.join(spec, "ob3-test-vectors/obv3p0-eddsa-rdfc-2022-vector.json"));
    expect(validateAchievementCredential(vector.signedCredential).errors).toEqual([{ path: "/proof", message: "must be array" }]);
    expect(validateAchievementCredential({ ...vector.signedCredential, proof: [vector.signedCredential.proof] }).valid).toBe(true);
    const credential = readJson(path.join(examplesDir, "basicOpenBadgeCredential-1.json"));
    credential.type = "OpenBadgeCredential";
    expect(validateAchievementCredential(credential).errors.map((e) => e.path)).toContain("/type");
  });

  it("checks formats (date-time)", () => {
    const credential = readJson(path.join(examplesDir, "basicOpenBadgeCredential-1.json"));
    credential.validFrom = "yesterday";
    expect(validateAchievementCredential(credential).errors).toEqual([{ path: "/validFrom", message: 'must match format "date-time"' }]);
  });
});
