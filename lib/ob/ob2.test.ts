import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ObInputError } from "./errors";
import {
  buildOb2Assertion,
  buildOb2BadgeClass,
  buildOb2Issuer,
  buildOb2RevocationList,
  hashOb2Identity,
  isRevokedInOb2List,
} from "./ob2";

// jsonld ships no type declarations; these tests need only expand().
const jsonld = createRequire(import.meta.url)("jsonld") as {
  expand(document: object, options: object): Promise<unknown>;
};

const spec = path.resolve(process.cwd(), "../shared/spec");
const fixture = (p: string) => JSON.parse(readFileSync(path.join(spec, "1edtech-public-validator-fixtures/ob20", p), "utf8"));
const keys = (o: object) => Object.keys(o).sort();

/** Expands against the bundled OB 2.0 context; safe mode throws on any undefined term. */
async function expandSafely(document: object) {
  const context = JSON.parse(readFileSync(path.join(spec, "ob2/context-v2.json"), "utf8"));
  const documentLoader = async (url: string) => {
    if (url !== "https://w3id.org/openbadges/v2") throw new Error(`unexpected context ${url}`);
    return { contextUrl: undefined, documentUrl: url, document: context };
  };
  return jsonld.expand(document, { documentLoader, safe: true });
}

const base = "https://laurel.example";

describe("hashOb2Identity", () => {
  it("matches the 1EdTech assertion fixtures (nobody@example.org + deadsea)", () => {
    const assertion = fixture("basic-assertion.json");
    expect(hashOb2Identity("nobody@example.org", assertion.recipient.salt)).toBe(assertion.recipient.identity);
    expect(hashOb2Identity("  Nobody@Example.org ", "deadsea")).toBe(assertion.recipient.identity);
  });
});

describe("OB 2.0 builders", () => {
  const issuer = buildOb2Issuer({
    id: `${base}/o/org_1/ob2`,
    name: "Laurel Academy",
    url: "https://academy.example",
    email: "badges@academy.example",
    revocationList: `${base}/o/org_1/ob2/revocations`,
  });
  const badgeClass = buildOb2BadgeClass({
    id: `${base}/b/ach_1/ob2`,
    name: "Robotics",
    description: "Built a robot.",
    image: `${base}/b/ach_1/image`,
    criteria: { id: `${base}/b/ach_1`, narrative: "Build a robot that walks." },
    issuer: `${base}/o/org_1/ob2`,
    tags: ["robots"],
    alignment: [{ targetName: "Engineering", targetUrl: "https://framework.example/eng", targetCode: "ENG-1" }],
  });
  const assertion = buildOb2Assertion({
    id: `${base}/c/cred_1/ob2`,
    badge: `${base}/b/ach_1/ob2`,
    recipient: { identity: hashOb2Identity("nobody@example.org", "deadsea"), salt: "deadsea", hashed: true, type: "email" },
    issuedOn: new Date("2016-12-31T23:59:59.500Z"),
    expires: new Date("2030-01-01T00:00:00Z"),
  });

  it("builds an Issuer shaped like the fixture", () => {
    const reference = fixture("assets/organization-with-revocation-list.json");
    expect(issuer).toMatchObject({ "@context": "https://w3id.org/openbadges/v2", type: "Issuer" });
    // Laurel publishes no OB 2.0 public key: its 2.0 documents are hosted, not signed.
    expect(keys(issuer)).toEqual(keys(reference).filter((k) => k !== "publicKey"));
  });

  it("builds a BadgeClass with the fixture's required fields", () => {
    const reference = fixture("assets/robotics-badge.json");
    expect(keys(badgeClass)).toEqual([...keys(reference), "alignment", "tags"].sort());
    expect(badgeClass).toMatchObject({
      criteria: { id: `${base}/b/ach_1`, narrative: "Build a robot that walks." },
      alignment: [{ targetName: "Engineering", targetUrl: "https://framework.example/eng", targetCode: "ENG-1" }],
    });
    const urlOnly = buildOb2BadgeClass({ id: "x:1", name: "n", description: "d", image: "x:i", criteria: { id: "https://c.example" }, issuer: "x:o", tags: [] });
    expect(urlOnly).toMatchObject({ criteria: "https://c.example" });
    expect(keys(urlOnly)).toEqual(keys(reference));
    expect(() => buildOb2BadgeClass({ id: "x:1", name: "n", description: "d", image: "x:i", criteria: {}, issuer: "x:o" })).toThrow(ObInputError);
  });

  it("builds a hosted Assertion shaped like the fixture", () => {
    const reference = fixture("basic-assertion-expired.json");
    expect(keys(assertion)).toEqual(keys(reference).filter((k) => k !== "image" && k !== "evidence"));
    expect(assertion).toEqual({
      ...Object.fromEntries(Object.entries(reference).filter(([k]) => k !== "image" && k !== "evidence")),
      id: `${base}/c/cred_1/ob2`,
      badge: `${base}/b/ach_1/ob2`,
      expires: "2030-01-01T00:00:00Z",
    });
    const withExtras = buildOb2Assertion({
      id: "https://x.example/a",
      badge: "https://x.example/b",
      recipient: { identity: hashOb2Identity("a@b.example", "s"), salt: "s" },
      issuedOn: new Date("2020-01-01T00:00:00Z"),
      evidence: [{ id: "https://x.example/work" }, { narrative: "Did it." }, {}],
      narrative: "Earned in class.",
      image: "https://x.example/c/badge.png",
    });
    expect(withExtras).toMatchObject({ evidence: ["https://x.example/work", { narrative: "Did it." }], narrative: "Earned in class." });
  });

  it("never publishes a plain email as the identity", () => {
    expect(() =>
      buildOb2Assertion({ id: "x:a", badge: "x:b", recipient: { identity: "nobody@example.org", salt: "s" }, issuedOn: new Date() }),
    ).toThrow(expect.objectContaining({ code: "ob2_identity_not_hashed" }));
  });

  it("uses only terms the OB 2.0 context defines", async () => {
    const list = buildOb2RevocationList({ id: "https://x.example/r", issuer: "https://x.example/i", revokedAssertions: [{ id: "https://x.example/a" }] });
    for (const document of [issuer, badgeClass, assertion, list]) {
      await expect(expandSafely(document)).resolves.toBeTruthy();
    }
    await expect(expandSafely({ ...assertion, unknownTerm: 1 })).rejects.toThrow();
  });
});

describe("OB 2.0 revocation list", () => {
  it("matches the fixture shape, without reasons", () => {
    const reference = fixture("assets/revocation-list.json");
    const list = buildOb2RevocationList({
      id: "http://example.org/revocation-list.json",
      issuer: "https://example.org/organization.json",
      revokedAssertions: [{ id: "https://example.org/beths-robotics-badge-revoked.json" }],
    });
    expect(keys(list)).toEqual([...keys(reference), "issuer"].sort());
    expect(list).toMatchObject({ "@context": reference["@context"], type: "RevocationList" });
    expect(JSON.stringify(list)).not.toContain("revocationReason");
    expect(isRevokedInOb2List(list, "https://example.org/beths-robotics-badge-revoked.json")).toBe(true);
  });

  it("reads every entry form in the 1EdTech list", () => {
    const reference = fixture("assets/revocation-list.json");
    expect(isRevokedInOb2List(reference, "https://example.org/beths-robotics-badge-revoked.json")).toBe(true);
    expect(isRevokedInOb2List(reference, "urn:uuid:52e4c6b3-8c13-4fa8-8482-a5cf34ef37a9")).toBe(true);
    expect(isRevokedInOb2List(reference, "urn:uuid:6deb4a00-ebce-4b28-8cc2-afa705ef7be4")).toBe(true);
    expect(isRevokedInOb2List(reference, "https://example.org/beths-robotics-badge.json")).toBe(false);
    expect(isRevokedInOb2List(fixture("assets/empty-revocation-list.json"), "urn:uuid:x")).toBe(false);
    expect(() => isRevokedInOb2List({ revokedAssertions: "nope" }, "x")).toThrow(ObInputError);
  });
});
