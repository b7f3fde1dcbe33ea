// Whatever arrives, verifyCredential answers with a result, never an exception.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyCredential } from "./index";
import { OB30_DIR } from "./test/fixture-documents";

const png = () => new Uint8Array(readFileSync(path.join(OB30_DIR, "simple-json.png")));
const svg = () => readFileSync(path.join(OB30_DIR, "simple-json.svg"), "utf8");

/** Offsets of the PNG chunks, to cut or copy them. */
function chunks(bytes: Uint8Array): Array<{ type: string; start: number; end: number }> {
  const out = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 8; offset + 8 <= bytes.length; ) {
    const length = view.getUint32(offset);
    const type = Buffer.from(bytes.subarray(offset + 4, offset + 8)).toString("latin1");
    out.push({ type, start: offset, end: offset + 12 + length });
    offset += 12 + length;
  }
  return out;
}

function withDuplicatedCredentialChunk(bytes: Uint8Array): Uint8Array {
  const chunk = chunks(bytes).find((c) => c.type === "iTXt")!;
  return new Uint8Array(Buffer.concat([bytes.subarray(0, chunk.end), bytes.subarray(chunk.start, chunk.end), bytes.subarray(chunk.end)]));
}

function jwt(header: object, payload: object, signature = "c2lnbmF0dXJl"): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part(header)}.${part(payload)}.${signature}`;
}

const credentialPayload = { "@context": ["https://www.w3.org/ns/credentials/v2"], type: ["VerifiableCredential"], iss: "https://issuer.example" };

// Nothing here may reach the network: every remote lookup is refused.
const offline = { fetchRemote: async (url: string) => Promise.reject(new Error(`offline: ${url}`)) };

const cases: Array<[string, () => string | Uint8Array | Record<string, unknown>, string | RegExp]> = [
  ["plain text", () => "hello, is this a badge?", "input_unrecognized"],
  ["an empty string", () => "", "input_empty"],
  ["empty bytes", () => new Uint8Array(), "input_empty"],
  ["text that starts like JSON but is not", () => '{"@context": ["https://www.w3.org/ns/credentials/v2"', "json_invalid"],
  ["JSON that is not an object", () => "[1, 2, 3]", "not_a_credential"],
  ["random binary", () => new Uint8Array([0x00, 0xff, 0xfe, 0x10, 0x80, 0x81, 0xc3, 0x28]), "input_unrecognized"],
  ["a JPEG", () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), "image_unsupported"],
  ["a truncated PNG", () => png().subarray(0, 5000), "png_truncated"],
  ["a PNG cut inside its signature", () => png().subarray(0, 6), "input_unrecognized"],
  ["a PNG with two credential chunks", () => withDuplicatedCredentialChunk(png()), "png_multiple_credentials"],
  ["a PNG with a corrupted chunk", () => { const b = png(); b[40] ^= 0xff; return b; }, /^png_/],
  ["a PNG without a credential", () => { const b = png(); const c = chunks(b).find((x) => x.type === "iTXt")!; return new Uint8Array(Buffer.concat([b.subarray(0, c.start), b.subarray(c.end)])); }, "no_baked_credential"],
  ["an SVG with a script", () => svg().replace("<openbadges:credential>", "<script>alert(document.cookie)</script><openbadges:credential>"), "svg_unsafe"],
  ["an SVG with an event handler", () => svg().replace("<svg ", '<svg onload="alert(1)" '), "svg_unsafe"],
  ["an SVG with two credentials", () => svg().replace(/(<openbadges:credential>[\s\S]*<\/openbadges:credential>)/, "$1$1"), "svg_multiple_credentials"],
  ["an SVG without a credential", () => '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>', "no_baked_credential"],
  ["markup that is not SVG", () => "<html><body>badge</body></html>", "input_unrecognized"],
  ['a JWT with alg "none"', () => jwt({ alg: "none", typ: "JWT" }, credentialPayload, ""), "jwt_alg_unsupported"],
  ["a JWT with HS256", () => jwt({ alg: "HS256", typ: "JWT" }, credentialPayload), "jwt_alg_unsupported"],
  ["a JWT with RS512", () => jwt({ alg: "RS512", typ: "JWT" }, credentialPayload), "jwt_alg_unsupported"],
  ["a JWT with no alg", () => jwt({ typ: "JWT" }, credentialPayload), "jwt_alg_unsupported"],
  ["a JWT whose header is not JSON", () => `${Buffer.from("not json").toString("base64url")}.e30.c2ln`, "jwt_invalid"],
  ["a JWT with critical headers", () => jwt({ alg: "EdDSA", crit: ["exp"] }, credentialPayload), "jwt_invalid"],
  ["a JWT whose payload holds no credential", () => jwt({ alg: "EdDSA", kid: "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi" }, { hello: "world" }), "not_a_credential"],
  ["input larger than 5 MB", () => "{" + " ".repeat(6 * 1024 * 1024) + "}", "input_too_large"],
  ["a URL to the cloud metadata address", () => "https://169.254.169.254/latest/meta-data/", "url_forbidden_address"],
  ["a URL to a private address", () => "https://10.0.0.1/badge.json", "url_forbidden_address"],
  ["a URL to loopback (IPv6)", () => "https://[::1]/badge.json", "url_forbidden_address"],
  ["a non-http URL in disguise", () => "https://user:secret@example.com/badge", "url_invalid"],
  ["an OB 2.0 BadgeClass", () => ({ "@context": "https://w3id.org/openbadges/v2", type: "BadgeClass", id: "https://example.org/b", name: "B" }), "not_a_credential"],
  ["a deeply nested JSON document", () => "[".repeat(100_000) + "]".repeat(100_000), /^(json_invalid|not_a_credential)$/],
];

describe("unreadable input gives a clear error, never an exception", () => {
  for (const [name, make, code] of cases) {
    it(name, async () => {
      const result = await verifyCredential(make() as never, offline);
      expect(result.valid).toBe(false);
      expect(result.checks).toEqual([]);
      expect(result.error?.code).toMatch(code);
      expect(result.error?.message).toMatch(/\w+ \w+/);
    });
  }

  it("inputs of the wrong JavaScript type", async () => {
    for (const input of [null, undefined, 42, true, [], () => 1]) {
      const result = await verifyCredential(input as never, offline);
      expect(result).toMatchObject({ valid: false, error: { code: "input_unrecognized" } });
    }
  });

  it("a credential object with hostile shapes still yields checks, not a crash", async () => {
    const hostile = [
      { "@context": 5, type: {}, proof: "zzz", issuer: [], credentialSubject: null },
      { "@context": ["https://www.w3.org/ns/credentials/v2"], proof: [null, 1, "x"], credentialStatus: [null, { type: 7 }] },
      { proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", verificationMethod: { id: 5 }, proofValue: 12 } },
      { validFrom: "yesterday", validUntil: 12, issuer: { id: {} } },
    ];
    for (const input of hostile) {
      const result = await verifyCredential(input, offline);
      expect(result.valid).toBe(false);
      expect(result.error ?? result.checks.length).toBeTruthy();
    }
  });
});
