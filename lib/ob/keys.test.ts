import { randomBytes, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  base58btcDecode,
  base58btcEncode,
  decryptPrivateKey,
  ed25519PrivateKeyObject,
  ed25519PublicKeyObject,
  encryptPrivateKey,
  generateEd25519KeyPair,
  multikeyDocument,
  publicJwk,
  publicKeyFromJwk,
  publicKeyFromMultibase,
  publicKeyFromPrivateKey,
  publicKeyMultibase,
} from "./keys";

const kek = randomBytes(32).toString("base64");

describe("Ed25519 keys", () => {
  it("generates 32-byte halves that sign and verify together", () => {
    const pair = generateEd25519KeyPair();
    expect(pair.publicKey).toHaveLength(32);
    expect(pair.privateKey).toHaveLength(32);
    expect(publicKeyFromPrivateKey(pair.privateKey)).toEqual(pair.publicKey);
    const message = Buffer.from("laurel");
    const signature = sign(null, message, ed25519PrivateKeyObject(pair.privateKey));
    expect(verify(null, message, ed25519PublicKeyObject(pair.publicKey), signature)).toBe(true);
  });

  it("encodes the 1EdTech vector's public key as its published multibase", () => {
    // Key pair of the OB 3.0 eddsa-rdfc-2022 test vector.
    const multibase = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
    const raw = publicKeyFromMultibase(multibase);
    expect(Buffer.from(raw).toString("hex")).toBe("4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5");
    expect(raw).toHaveLength(32);
    expect(publicKeyMultibase(raw)).toBe(multibase);
  });

  it("round-trips multibase and JWK", () => {
    for (let i = 0; i < 20; i++) {
      const { publicKey } = generateEd25519KeyPair();
      const multibase = publicKeyMultibase(publicKey);
      expect(multibase).toMatch(/^z6Mk/);
      expect(publicKeyFromMultibase(multibase)).toEqual(publicKey);
      const jwk = publicJwk(publicKey, "https://example.org/o/1#key-1");
      expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig", kid: "https://example.org/o/1#key-1" });
      expect(publicKeyFromJwk(jwk)).toEqual(publicKey);
      // node:crypto reads the JWK as the same key
      expect(ed25519PublicKeyObject(publicKey).export({ format: "jwk" }).x).toBe(jwk.x);
    }
    expect(publicJwk(generateEd25519KeyPair().publicKey)).not.toHaveProperty("kid");
  });

  it("base58btc keeps leading zero bytes", () => {
    const bytes = Uint8Array.of(0, 0, 1, 2, 255);
    expect(base58btcEncode(bytes).startsWith("11")).toBe(true);
    expect(base58btcDecode(base58btcEncode(bytes))).toEqual(bytes);
  });

  it("rejects multibase values that are not Ed25519 public keys", () => {
    const { publicKey } = generateEd25519KeyPair();
    const good = publicKeyMultibase(publicKey);
    expect(() => publicKeyFromMultibase("u" + good.slice(1))).toThrow(/base58btc/);
    // X25519 multicodec (0xec01) instead of Ed25519
    expect(() => publicKeyFromMultibase("z" + base58btcEncode(Uint8Array.of(0xec, 0x01, ...publicKey)))).toThrow(/Ed25519/);
    expect(() => publicKeyFromMultibase("z" + base58btcEncode(Uint8Array.of(0xed, 0x01, ...publicKey.slice(1))))).toThrow(/Ed25519/);
    expect(() => publicKeyFromMultibase("z0OIl")).toThrow(/base58btc character/);
  });

  it("describes a key as a Multikey", () => {
    const { publicKey } = generateEd25519KeyPair();
    expect(multikeyDocument({ id: "https://example.org/o/1#key-1", controller: "https://example.org/o/1", publicKey })).toEqual({
      "@context": "https://w3id.org/security/multikey/v1",
      id: "https://example.org/o/1#key-1",
      type: "Multikey",
      controller: "https://example.org/o/1",
      publicKeyMultibase: publicKeyMultibase(publicKey),
    });
  });
});

describe("private keys at rest", () => {
  it("encrypts with a fresh IV each time and decrypts to the same key", () => {
    const { privateKey } = generateEd25519KeyPair();
    const a = encryptPrivateKey(privateKey, kek);
    const b = encryptPrivateKey(privateKey, kek);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(Buffer.from(privateKey).toString("base64url"));
    expect(decryptPrivateKey(a, kek)).toEqual(privateKey);
    expect(decryptPrivateKey(b, kek)).toEqual(privateKey);
  });

  it("refuses a wrong key encryption key", () => {
    const encrypted = encryptPrivateKey(generateEd25519KeyPair().privateKey, kek);
    expect(() => decryptPrivateKey(encrypted, randomBytes(32).toString("base64"))).toThrow(/could not be decrypted/);
    expect(() => decryptPrivateKey(encrypted, randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });

  it("detects tampering with any part", () => {
    const encrypted = encryptPrivateKey(generateEd25519KeyPair().privateKey, kek);
    const parts = encrypted.split(".");
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index], "base64url");
      bytes[0] ^= 1;
      const tampered = [...parts];
      tampered[index] = bytes.toString("base64url");
      expect(() => decryptPrivateKey(tampered.join("."), kek)).toThrow();
    }
    expect(() => decryptPrivateKey(["v2", ...parts.slice(1)].join("."), kek)).toThrow(/unknown format/);
    expect(() => decryptPrivateKey("garbage", kek)).toThrow(/unknown format/);
  });
});
