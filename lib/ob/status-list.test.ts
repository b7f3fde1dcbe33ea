import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ObInputError } from "./errors";
import {
  STATUS_LIST_LENGTH,
  buildStatusListCredential,
  createBitstring,
  decodeStatusList,
  encodeStatusList,
  getStatusBit,
  setStatusBit,
  statusListEntry,
} from "./status-list";

// jsonld ships no type declarations; this test needs only expand().
const jsonld = createRequire(import.meta.url)("jsonld") as {
  expand(document: object, options: object): Promise<unknown>;
};

const spec = path.resolve(process.cwd(), "../shared/spec");
const readJson = (p: string) => JSON.parse(readFileSync(path.join(spec, p), "utf8"));

function setIndexes(bits: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < bits.length * 8; i++) if (getStatusBit(bits, i)) out.push(i);
  return out;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ObInputError);
    return (error as ObInputError).code;
  }
  return undefined;
}

describe("bitstring", () => {
  it("round-trips 131,072 entries with the first, middle and last bits set", () => {
    const bits = createBitstring();
    expect(bits.length).toBe(STATUS_LIST_LENGTH / 8);
    for (const i of [0, 65_537, STATUS_LIST_LENGTH - 1]) setStatusBit(bits, i, true);

    const encoded = encodeStatusList(bits);
    expect(encoded.startsWith("uH4sI")).toBe(true);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/); // base64url, no padding

    const decoded = decodeStatusList(encoded);
    expect(decoded.length).toBe(STATUS_LIST_LENGTH / 8);
    expect(setIndexes(decoded)).toEqual([0, 65_537, STATUS_LIST_LENGTH - 1]);
  });

  it("puts bit 0 in the left-most bit of the first byte", () => {
    const bits = createBitstring();
    setStatusBit(bits, 0, true);
    setStatusBit(bits, 9, true);
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits[1]).toBe(0b0100_0000);
    setStatusBit(bits, 0, false);
    expect(bits[0]).toBe(0);
  });

  it("refuses indexes outside the list", () => {
    const bits = createBitstring(16);
    expect(codeOf(() => getStatusBit(bits, 16))).toBe("status_index_out_of_range");
    expect(codeOf(() => setStatusBit(bits, -1, true))).toBe("status_index_out_of_range");
    expect(codeOf(() => getStatusBit(bits, 1.5))).toBe("status_index_out_of_range");
  });

  it("refuses to publish a list shorter than the spec minimum", () => {
    expect(codeOf(() => encodeStatusList(createBitstring(1024)))).toBe("status_list_too_short");
  });
});

describe("decodeStatusList on reference lists", () => {
  it("reads the DCC list: index 8 revoked, 9 not", () => {
    const credential = readJson("dcc-verifier-core-fixtures/status-list-e5WK8CbZ1GjycuPombrj.json");
    const bits = decodeStatusList(credential.credentialSubject.encodedList);
    expect(getStatusBit(bits, 8)).toBe(true);
    expect(getStatusBit(bits, 9)).toBe(false);
    expect(setIndexes(bits)).toEqual([2, 6, 8]);
  });

  it("reads the 1EdTech list: the revoked fixture's index 23 is set", () => {
    const list = readJson("1edtech-public-validator-fixtures/ob30/bit-string-list/testlist");
    const revoked = readJson("1edtech-public-validator-fixtures/ob30/bit-string-list/credential-status-revoked.json");
    const bits = decodeStatusList(list.credentialSubject.encodedList);
    expect(bits.length * 8).toBe(STATUS_LIST_LENGTH);
    expect(getStatusBit(bits, Number(revoked.credentialStatus.statusListIndex))).toBe(true);
    expect(setIndexes(bits)).toEqual([23]);
  });

  it("accepts a list without the multibase prefix (older samples)", () => {
    const bits = createBitstring();
    setStatusBit(bits, 42, true);
    expect(setIndexes(decodeStatusList(encodeStatusList(bits).slice(1)))).toEqual([42]);
  });

  it("turns garbage into ObInputError, never a crash", () => {
    expect(codeOf(() => decodeStatusList(""))).toBe("status_list_invalid");
    expect(codeOf(() => decodeStatusList("u!!not base64!!"))).toBe("status_list_invalid");
    expect(codeOf(() => decodeStatusList("uAAAAAAAAAAAAAAAAAAAAAAAAAAA"))).toBe("status_list_invalid");
    expect(codeOf(() => decodeStatusList(42 as unknown as string))).toBe("status_list_invalid");
    // Valid header, truncated body.
    const truncated = gzipSync(new Uint8Array(16384)).subarray(0, 20);
    expect(codeOf(() => decodeStatusList("u" + Buffer.from(truncated).toString("base64url")))).toBe("status_list_invalid");
  });

  it("refuses a gzip bomb instead of inflating it", () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(codeOf(() => decodeStatusList("u" + bomb.toString("base64url")))).toBe("status_list_too_large");
  });
});

describe("status list credential and entry", () => {
  const id = "https://laurel.example/o/org_1/status/list_1";

  it("builds an unsigned BitstringStatusListCredential", () => {
    const encodedList = encodeStatusList(createBitstring());
    const credential = buildStatusListCredential({
      id,
      issuer: "https://laurel.example/o/org_1",
      encodedList,
      validFrom: new Date("2025-03-01T10:00:00.123Z"),
      validUntil: new Date("2025-03-02T10:00:00Z"),
    });
    expect(credential).toEqual({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      id,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: "https://laurel.example/o/org_1",
      validFrom: "2025-03-01T10:00:00Z",
      validUntil: "2025-03-02T10:00:00Z",
      credentialSubject: { id: `${id}#list`, type: "BitstringStatusList", statusPurpose: "revocation", encodedList },
    });
    // Same shape as the published 1EdTech list, minus its proof.
    const { proof: _proof, ...reference } = readJson("1edtech-public-validator-fixtures/ob30/bit-string-list/testlist");
    expect(Object.keys(credential).sort()).toEqual([...Object.keys(reference), "validUntil"].sort());
    expect(Object.keys((credential as { credentialSubject: object }).credentialSubject).sort()).toEqual(
      Object.keys(reference.credentialSubject).sort(),
    );
  });

  it("is signable: every term is defined by the VC v2 context (no dropped properties)", async () => {
    const v2 = readJson("vc-context/credentials-v2.jsonld");
    const documentLoader = async (url: string) => {
      if (url !== "https://www.w3.org/ns/credentials/v2") throw new Error(`unexpected context ${url}`);
      return { contextUrl: undefined, documentUrl: url, document: v2 };
    };
    const credential = buildStatusListCredential({
      id,
      issuer: { id: "https://laurel.example/o/org_1", name: "Laurel Academy" },
      encodedList: encodeStatusList(createBitstring()),
      statusPurpose: "suspension",
      validFrom: new Date("2025-03-01T10:00:00Z"),
    });
    // safe mode throws on any property or type the context does not define.
    const expanded = await jsonld.expand(credential, { documentLoader, safe: true });
    expect(JSON.stringify(expanded)).toContain("https://www.w3.org/ns/credentials/status#encodedList");
  });

  it("builds the credentialStatus entry", () => {
    expect(statusListEntry({ statusListCredential: id, index: 94567 })).toEqual({
      id: `${id}#94567`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "94567",
      statusListCredential: id,
    });
    expect(codeOf(() => statusListEntry({ statusListCredential: id, index: -1 }))).toBe("status_index_out_of_range");
  });
});
