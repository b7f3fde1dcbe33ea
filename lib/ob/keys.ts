// Ed25519 issuer keys: generation, the encodings verifiers need (Multikey, JWK) and
// encryption at rest. Raw 32-byte keys everywhere; node:crypto KeyObjects are derived on demand.
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from "node:crypto";
import { MULTIKEY_V1 } from "./contexts";

/** Raw 32-byte public key and 32-byte private seed. */
export type Ed25519KeyPair = { publicKey: Uint8Array; privateKey: Uint8Array };

export type SigningKey = {
  /** `${issuerId}#${keyId}`: the JWT `kid` (the issuer profile lists it with its JWK). */
  id: string;
  /**
   * The Data Integrity verificationMethod when it is not `id`: a URL answering with the key
   * document itself, since many verifiers take whatever a verification method URL returns as
   * the key and cannot pick a fragment out of a profile.
   */
  verificationMethod?: string;
  /** The issuer id (controller of the key). */
  controller: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
};

export type PublicJwk = { kty: "OKP"; crv: "Ed25519"; x: string; kid?: string; alg: "EdDSA"; use: "sig" };

// multicodec ed25519-pub (0xed) as an unsigned varint.
const ED25519_PUB_MULTICODEC = Uint8Array.of(0xed, 0x01);
// DER prefixes of the PKCS#8 / SPKI wrappings of raw Ed25519 keys (RFC 8410).
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

function assertLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new Error(`${what} must be ${length} bytes`);
  }
}

export function generateEd25519KeyPair(): Ed25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    publicKey: new Uint8Array(publicKey.export({ format: "der", type: "spki" }).subarray(SPKI_PREFIX.length)),
    privateKey: new Uint8Array(privateKey.export({ format: "der", type: "pkcs8" }).subarray(PKCS8_PREFIX.length)),
  };
}

export function ed25519PrivateKeyObject(privateKey: Uint8Array): KeyObject {
  assertLength(privateKey, 32, "Ed25519 private key");
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, privateKey]), format: "der", type: "pkcs8" });
}

export function ed25519PublicKeyObject(publicKey: Uint8Array): KeyObject {
  assertLength(publicKey, 32, "Ed25519 public key");
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: "der", type: "spki" });
}

/** The public half of a private seed (e.g. to check a decrypted key matches its record). */
export function publicKeyFromPrivateKey(privateKey: Uint8Array): Uint8Array {
  const spki = createPublicKey(ed25519PrivateKeyObject(privateKey)).export({ format: "der", type: "spki" });
  return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
}

// --- base58btc (Bitcoin alphabet), enough for 34-byte multikeys ---------------------------
const BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BASE58_MAP = new Map([...BASE58_ALPHABET].map((c, i) => [c, i]));

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i];
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j] << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = "1".repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += BASE58_ALPHABET[digits[i]];
  return out;
}

export function base58btcDecode(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === "1") zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const value = BASE58_MAP.get(text[i]);
    if (value === undefined) throw new Error(`Invalid base58btc character "${text[i]}"`);
    let carry = value;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j] * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i];
  return out;
}

/** "z6Mk…": multibase base58btc of multicodec ed25519-pub + the raw key. */
export function publicKeyMultibase(publicKey: Uint8Array): string {
  assertLength(publicKey, 32, "Ed25519 public key");
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_PUB_MULTICODEC, 0);
  bytes.set(publicKey, 2);
  return "z" + base58btcEncode(bytes);
}

export function publicKeyFromMultibase(value: string): Uint8Array {
  if (typeof value !== "string" || !value.startsWith("z")) {
    throw new Error("Ed25519 publicKeyMultibase must be base58btc (\"z\" prefix)");
  }
  const bytes = base58btcDecode(value.slice(1));
  if (bytes.length !== 34 || bytes[0] !== ED25519_PUB_MULTICODEC[0] || bytes[1] !== ED25519_PUB_MULTICODEC[1]) {
    throw new Error("publicKeyMultibase is not an Ed25519 public key (expected multicodec 0xed01 and 32 bytes)");
  }
  return bytes.slice(2);
}

export function publicJwk(publicKey: Uint8Array, kid?: string): PublicJwk {
  assertLength(publicKey, 32, "Ed25519 public key");
  const jwk: PublicJwk = { kty: "OKP", crv: "Ed25519", x: Buffer.from(publicKey).toString("base64url"), alg: "EdDSA", use: "sig" };
  if (kid !== undefined) jwk.kid = kid;
  return jwk;
}

export function publicKeyFromJwk(jwk: { kty?: string; crv?: string; x?: string }): Uint8Array {
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") {
    throw new Error("JWK is not an Ed25519 public key (kty OKP, crv Ed25519)");
  }
  const bytes = new Uint8Array(Buffer.from(jwk.x, "base64url"));
  assertLength(bytes, 32, "Ed25519 public key");
  return bytes;
}

export function multikeyDocument(key: { id: string; controller: string; publicKey: Uint8Array }): {
  "@context": string;
  id: string;
  type: "Multikey";
  controller: string;
  publicKeyMultibase: string;
} {
  return {
    "@context": MULTIKEY_V1,
    id: key.id,
    type: "Multikey",
    controller: key.controller,
    publicKeyMultibase: publicKeyMultibase(key.publicKey),
  };
}

// --- private keys at rest -------------------------------------------------------------------
const ENCRYPTION_VERSION = "v1";

function keyEncryptionKeyBytes(keyEncryptionKey: string): Buffer {
  const bytes = Buffer.from(keyEncryptionKey ?? "", "base64");
  if (bytes.length !== 32) throw new Error("Key encryption key must be 32 bytes, base64-encoded");
  return bytes;
}

/**
 * A secret at rest (a private key, a webhook secret): AES-256-GCM under the KEK,
 * "v1.<iv>.<tag>.<ciphertext>" in base64url parts.
 */
export function encryptAtRest(plaintext: Uint8Array, keyEncryptionKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyEncryptionKeyBytes(keyEncryptionKey), iv);
  // The version is authenticated too, so it cannot be swapped without detection.
  cipher.setAAD(Buffer.from(ENCRYPTION_VERSION));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [ENCRYPTION_VERSION, iv, tag, ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptAtRest(encrypted: string, keyEncryptionKey: string): Uint8Array {
  const parts = typeof encrypted === "string" ? encrypted.split(".") : [];
  if (parts.length !== 4 || parts[0] !== ENCRYPTION_VERSION) {
    throw new Error("Encrypted secret has an unknown format");
  }
  const [, iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, "base64url"));
  if (iv.length !== 12 || tag.length !== 16) throw new Error("Encrypted secret has an unknown format");
  const decipher = createDecipheriv("aes-256-gcm", keyEncryptionKeyBytes(keyEncryptionKey), iv);
  decipher.setAAD(Buffer.from(ENCRYPTION_VERSION));
  decipher.setAuthTag(tag);
  try {
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch {
    throw new Error("Secret could not be decrypted: wrong key encryption key or tampered data");
  }
}

export function encryptPrivateKey(privateKey: Uint8Array, keyEncryptionKey: string): string {
  assertLength(privateKey, 32, "Ed25519 private key");
  return encryptAtRest(privateKey, keyEncryptionKey);
}

export function decryptPrivateKey(encrypted: string, keyEncryptionKey: string): Uint8Array {
  const key = decryptAtRest(encrypted, keyEncryptionKey);
  assertLength(key, 32, "Decrypted private key");
  return key;
}
