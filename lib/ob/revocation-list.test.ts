import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ObInputError } from "./errors";
import { buildRevocationList, isRevokedIn, revocationListEntry } from "./revocation-list";

const spec = path.resolve(process.cwd(), "../shared/spec");
const readJson = (p: string) => JSON.parse(readFileSync(path.join(spec, p), "utf8"));

describe("1EdTechRevocationList", () => {
  it("builds the credentialStatus value the 1EdTech fixtures carry", () => {
    const reference = readJson("1edtech-public-validator-fixtures/ob30/credential-status-revoked.json").credentialStatus;
    const entry = revocationListEntry({ listUrl: "https://laurel.example/o/org_1/revocations" });
    expect(entry).toEqual({ id: "https://laurel.example/o/org_1/revocations", type: "1EdTechRevocationList" });
    expect(Object.keys(entry).sort()).toEqual(Object.keys(reference).sort());
    // The type is a term of the OB 3.0 extensions context.
    expect(readJson("ob3-context/extensions.json")["@context"]).toHaveProperty("1EdTechRevocationList");
  });

  it("publishes revoked ids without reasons, and reads them back", () => {
    const list = buildRevocationList({
      id: "https://laurel.example/o/org_1/revocations",
      issuer: "https://laurel.example/o/org_1",
      revokedCredentials: [{ id: "https://laurel.example/c/cred_1" }, { id: "https://laurel.example/c/cred_2" }],
    });
    expect(list).toEqual({
      id: "https://laurel.example/o/org_1/revocations",
      issuer: "https://laurel.example/o/org_1",
      revokedCredentials: [
        { id: "https://laurel.example/c/cred_1", revoked: true },
        { id: "https://laurel.example/c/cred_2", revoked: true },
      ],
    });
    expect(isRevokedIn(list, "https://laurel.example/c/cred_2")).toBe(true);
    expect(isRevokedIn(list, "https://laurel.example/c/cred_3")).toBe(false);
    expect(isRevokedIn(JSON.parse(JSON.stringify(list)), "https://laurel.example/c/cred_1")).toBe(true);
  });

  it("honours an explicit revoked: false and bare-id entries", () => {
    const list = { revokedCredentials: [{ id: "a", revoked: false }, { id: "b" }, "c", null, 3] };
    expect(isRevokedIn(list, "a")).toBe(false);
    expect(isRevokedIn(list, "b")).toBe(true);
    expect(isRevokedIn(list, "c")).toBe(true);
  });

  it("refuses something that is not a list instead of calling it valid", () => {
    for (const bad of [null, "text", 42, {}, { revokedCredentials: {} }]) {
      expect(() => isRevokedIn(bad, "a")).toThrow(ObInputError);
    }
  });
});
