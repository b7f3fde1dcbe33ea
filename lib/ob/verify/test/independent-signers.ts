// Credentials signed the way other issuers' software signs them, with no Laurel code: Digital
// Bazaar's suites for Data Integrity, node:crypto for VC-JWT; did:key and did:jwk issuers resolve offline.
import { randomBytes, sign as cryptoSign, type KeyObject } from "node:crypto";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { createDocumentLoader } from "../../document-loader";
import type { Json } from "../result";

/** An OB 3.0 credential written out by hand, as another issuer's software would. */
export function openBadge(issuerId: string, name = "Bridge Builder"): Json {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuerId, type: ["Profile"], name: "Elsewhere Institute" },
    validFrom: "2025-05-01T10:00:00Z",
    name,
    credentialSubject: {
      id: "did:example:learner-42",
      type: ["AchievementSubject"],
      achievement: {
        id: "https://elsewhere.example/achievements/bridges",
        type: ["Achievement"],
        name,
        description: "Designs a load-bearing bridge.",
        criteria: { narrative: "Build one that holds." },
      },
    },
  };
}

export type DidKeyPair = { did: string; vm: string; multikey: { signer(): unknown }; privateKey: KeyObject; jwk: Record<string, string> };

export async function ed25519Did(method: "key" | "jwk"): Promise<DidKeyPair> {
  const seed = new Uint8Array(randomBytes(32));
  const probe = await Ed25519Multikey.generate({ seed });
  const jwk = (await Ed25519Multikey.toJwk({ keyPair: probe })) as Record<string, string>;
  const did = method === "key" ? `did:key:${probe.publicKeyMultibase}` : `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString("base64url")}`;
  const vm = method === "key" ? `${did}#${probe.publicKeyMultibase}` : `${did}#0`;
  const multikey = await Ed25519Multikey.generate({ seed, id: vm, controller: did });
  // The same seed as a node:crypto key, for the JWTs (PKCS#8 prefix of a raw Ed25519 seed).
  const { createPrivateKey } = await import("node:crypto");
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.from(seed)]), format: "der", type: "pkcs8" });
  return { did, vm, multikey, privateKey, jwk };
}

export async function signWithDigitalBazaar(credential: Json, key: DidKeyPair): Promise<Json> {
  const suite = new DataIntegrityProof({ signer: key.multikey.signer(), cryptosuite: eddsaRdfc2022 });
  return (await vc.issue({ credential: structuredClone(credential), suite, documentLoader: createDocumentLoader() })) as Json;
}

export function signJwt(credential: Json, header: Record<string, unknown>, privateKey: KeyObject, alg = "EdDSA"): string {
  const claims = {
    ...credential,
    iss: (credential.issuer as Json).id,
    jti: credential.id,
    sub: (credential.credentialSubject as Json).id,
    nbf: Math.floor(Date.parse(credential.validFrom as string) / 1000),
  };
  const input = `${Buffer.from(JSON.stringify({ alg, typ: "JWT", ...header })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  const signature = cryptoSign(alg === "EdDSA" ? null : "sha256", Buffer.from(input), alg === "EdDSA" ? privateKey : { key: privateKey, dsaEncoding: "ieee-p1363" });
  return `${input}.${signature.toString("base64url")}`;
}

