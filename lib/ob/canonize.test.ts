import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildAchievement, buildCredential, buildIssuerProfile } from "./build";
import { ISSUER_ID, sampleCredential } from "./build.samples";
import { canonizeTemplated as canonize, canonizeStats, canonizeWithJsonLd } from "./canonize";
import { CONTEXTS } from "./contexts";
import { buildStatusListCredential, createBitstring, encodeStatusList, statusListEntry } from "./status-list";

const spec = path.resolve(process.cwd(), "../shared/spec");
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

// Deterministic pseudo-random generator so failures reproduce.
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const NASTY = ['"quoted"', "back\\slash", "new\nline", "tab\there", "carriage\rreturn", "emoji 🎓✨", "Ünïcødé — ñ", "<b>html</b>", "  spaces  ", "", "null", "urn:not-an-iri-here", "_:b0", "@id", "\u0001control", "https://looks.like/an/iri"];

function variedCredential(i: number) {
  const rnd = random(i + 1);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const maybe = <T>(value: T) => (rnd() < 0.5 ? value : undefined);
  const text = () => `${pick(NASTY)} ${i} ${pick(NASTY)}`;
  const issuer = buildIssuerProfile({ id: pick([ISSUER_ID, `https://laurel.example/o/org_${i}`, `did:web:laurel.example:o:${i}`]), name: text(), url: maybe("https://demo.example/"), email: maybe(`team+${i}@demo.example`), description: maybe(text()), image: maybe(`https://laurel.example/img/${i}.png`) });
  const achievement = buildAchievement({
    id: `https://laurel.example/b/ach_${i % 7}`,
    name: text(),
    description: text(),
    criteria: rnd() < 0.3 ? { id: `https://demo.example/criteria/${i}` } : { narrative: text(), id: maybe(`https://demo.example/c/${i}`) },
    image: maybe({ id: `https://laurel.example/b/${i}.png`, caption: maybe(text()) }),
    achievementType: maybe(pick(["Badge", "Certificate", "Course", "ext:Hackathon"])),
    alignment: maybe(Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => ({ targetName: text(), targetUrl: `https://framework.example/${k}/${i}`, targetCode: maybe(`C${k}`), targetType: maybe("CFItem"), targetFramework: maybe(text()), targetDescription: maybe(text()) }))),
    tag: maybe([text(), text()]),
    creator: maybe(rnd() < 0.5 ? issuer : buildIssuerProfile({ id: `https://other.example/${i}`, name: text() })),
  });
  return buildCredential({
    id: pick([`https://laurel.example/c/${i}`, `urn:uuid:5f0c${i}-0000-4000-8000-000000000000`]),
    issuer,
    achievement,
    recipient: { email: `${text()}@example.org`, salt: text(), id: maybe(`did:key:z6Mk${i}`), name: maybe(text()) },
    validFrom: new Date(Date.UTC(2020, 0, 1) + Math.floor(rnd() * 1e11)),
    validUntil: maybe(new Date(Date.UTC(2031, 0, 1))),
    awardedDate: maybe(new Date(Date.UTC(2019, 5, 1))),
    evidence: maybe(Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => ({ id: maybe(`https://evidence.example/${i}/${k}`), narrative: maybe(text()), name: maybe(text()), description: maybe(text()) }))),
    results: maybe([{ resultDescription: `https://laurel.example/b/ach_${i % 7}#r`, value: text() }]),
    narrative: maybe(text()),
    name: maybe(text()),
    description: maybe(text()),
    image: maybe({ id: `https://laurel.example/c/${i}/image.png` }),
    credentialStatus: maybe(statusListEntry({ statusListCredential: `https://laurel.example/o/org_1/status/${i % 3}`, index: i * 17 })),
    credentialSchema: maybe([]),
  });
}

async function expectSameAsJsonLd(document: object) {
  let expected: string | Error;
  try {
    expected = await canonizeWithJsonLd(document);
  } catch (error) {
    expected = error as Error;
  }
  if (expected instanceof Error) {
    await expect(canonize(document)).rejects.toThrow();
  } else {
    expect(await canonize(document)).toBe(expected);
  }
}

describe("templated canonicalisation", () => {
  it("gives byte-identical N-Quads to jsonld + rdf-canonize on 300 varied credentials", async () => {
    const before = canonizeStats();
    for (let i = 0; i < 300; i++) await expectSameAsJsonLd(variedCredential(i));
    const after = canonizeStats();
    // the point is that most of them did take the fast path
    expect(after.templated - before.templated).toBeGreaterThan(250);
  });

  it("matches on the same shape with different values, repeatedly (template reuse)", async () => {
    for (let i = 0; i < 50; i++) {
      await expectSameAsJsonLd(sampleCredential({ id: `https://laurel.example/c/r${i}`, recipient: { email: `r${i}@x.org`, salt: NASTY[i % NASTY.length] }, narrative: NASTY[(i * 7) % NASTY.length] || "x" }));
    }
  });

  it("merges nodes that share an id exactly like jsonld (issuer = achievement creator = subject)", async () => {
    const credential = sampleCredential({ recipient: { email: "a@b.c", salt: "s", id: ISSUER_ID } });
    await expectSameAsJsonLd(credential);
    // same shape, but now the ids differ: must not reuse the merged form
    await expectSameAsJsonLd(sampleCredential({ recipient: { email: "a@b.c", salt: "s", id: "did:example:someone-else" } }));
  });

  it("matches proof options (proofPurpose is a @vocab value) and status list credentials", async () => {
    const context = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"];
    for (const [created, vm] of [["2024-01-01T00:00:00Z", `${ISSUER_ID}#key-1`], ["2025-06-30T23:59:59Z", "did:key:z6Mkabc#z6Mkabc"]]) {
      await expectSameAsJsonLd({ "@context": context, type: "DataIntegrityProof", created, verificationMethod: vm, cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod" });
      await expectSameAsJsonLd({ "@context": context, type: "DataIntegrityProof", created, verificationMethod: vm, cryptosuite: "eddsa-rdfc-2022", proofPurpose: "authentication" });
    }
    for (let i = 0; i < 3; i++) {
      await expectSameAsJsonLd(buildStatusListCredential({ id: `https://laurel.example/o/org_1/status/${i}`, issuer: ISSUER_ID, encodedList: encodeStatusList(createBitstring()), validFrom: new Date(Date.UTC(2025, 0, i + 1)) }));
    }
  });

  it("matches the spec examples, the test vector and third-party fixtures", async () => {
    const vector = readJson(path.join(spec, "ob3-test-vectors/obv3p0-eddsa-rdfc-2022-vector.json"));
    expect(await canonize(vector.unsignedCredential)).toBe(readFileSync(path.join(spec, "ob3-test-vectors/obv3p0-document-canon.txt"), "utf8"));
    const files = [
      ...readdirSync(path.join(spec, "ob3-examples")).map((f) => path.join(spec, "ob3-examples", f)),
      ...readdirSync(path.join(spec, "dcc-verifier-core-fixtures")).map((f) => path.join(spec, "dcc-verifier-core-fixtures", f)),
      ...["simple.json", "complete.json", "simple-multiple-proofs.json"].map((f) => path.join(spec, "1edtech-public-validator-fixtures/ob30", f)),
    ];
    for (const file of files) {
      const { proof: _proof, ...document } = readJson(file);
      await expectSameAsJsonLd(document);
    }
  });

  it("rejects what jsonld rejects (relative or blank ids, undefined terms) and handles odd IRIs", async () => {
    const base = sampleCredential();
    await expectSameAsJsonLd({ ...base, id: "relative/id" });
    await expectSameAsJsonLd({ ...base, id: "_:b7" });
    await expectSameAsJsonLd({ ...base, notATerm: "x" });
    await expectSameAsJsonLd({ ...base, id: "https://laurel.example/c/with space" });
    await expectSameAsJsonLd({ ...base, id: "https://laurel.example/c/ünïcode" });
    await expectSameAsJsonLd({ ...base, id: "mailto:someone@example.org" });
  });

  it("relies on no bundled context defining the schemes it treats as plain IRIs", () => {
    const terms = new Set<string>();
    const collect = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") {
        for (const [key, child] of Object.entries(value)) {
          terms.add(key);
          collect(child);
        }
      }
    };
    for (const context of Object.values(CONTEXTS)) collect(context);
    for (const scheme of ["http", "https", "urn", "did"]) expect(terms.has(scheme)).toBe(false);
  });
});
