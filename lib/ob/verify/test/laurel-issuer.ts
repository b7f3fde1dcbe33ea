// An issuer as Laurel publishes one — profile with its key, signed status lists, a 1EdTech
// revocation list — and credentials signed by it, for verifier tests.
import { buildAchievement, buildCredential, buildIssuerProfile } from "../../build";
import { DID_V1, MULTIKEY_V1 } from "../../contexts";
import { generateEd25519KeyPair, multikeyDocument, publicKeyMultibase, type SigningKey } from "../../keys";
import { buildRevocationList, revocationListEntry } from "../../revocation-list";
import { addDataIntegrityProof, signCredential } from "../../sign";
import { buildStatusListCredential, createBitstring, encodeStatusList, setStatusBit, statusListEntry } from "../../status-list";
import type { Json } from "../result";

export type TestIssuer = {
  id: string;
  key: SigningKey;
  /** URL → document, as the issuer's public routes would serve them. */
  documents: Record<string, unknown>;
  revocationListUrl: string;
  statusListUrl: string;
  suspensionListUrl: string;
  issue(options?: CredentialOptions): Promise<{ credential: Json; jwt: string }>;
};

export type CredentialOptions = {
  id?: string;
  validFrom?: Date;
  validUntil?: Date;
  status?: "bitstring" | "suspension" | "revocation-list" | "none";
  statusIndex?: number;
  /** Sign with this key instead of the issuer's own. */
  signWith?: SigningKey;
};

export function newKey(controller: string, keyId = "key-1"): SigningKey {
  const pair = generateEd25519KeyPair();
  return { id: `${controller}#${keyId}`, controller, ...pair };
}

export async function createTestIssuer(
  options: { origin?: string; revokedIndexes?: number[]; suspendedIndexes?: number[]; revokedIds?: string[]; didWeb?: boolean } = {},
): Promise<TestIssuer> {
  const origin = options.origin ?? "https://laurel.example";
  const home = `${origin}/o/org_test`;
  // As did:web, the issuer is did:web:<host>:o:org_test and its DID document sits at <home>/did.json.
  const id = options.didWeb ? `did:web:${encodeURIComponent(new URL(origin).host)}:o:org_test` : home;
  const key = newKey(id);
  // As Laurel signs: Data Integrity names the key document; the JWT kid is the profile fragment.
  const keyUrl = `${home}/keys/key-1`;
  if (!options.didWeb) key.verificationMethod = keyUrl;
  const profile = options.didWeb
    ? {
        "@context": [DID_V1, MULTIKEY_V1],
        id,
        verificationMethod: [{ id: key.id, type: "Multikey", controller: id, publicKeyMultibase: publicKeyMultibase(key.publicKey) }],
        assertionMethod: [key.id],
      }
    : buildIssuerProfile({ id, name: "Verifiable Academy", url: "https://academy.example", keys: [{ id: "key-1", publicKey: key.publicKey, url: keyUrl }] });

  const statusListUrl = `${home}/status/list_1`;
  const suspensionListUrl = `${home}/status/list_2`;
  const revocationListUrl = `${home}/revocations`;
  const signedList = async (url: string, purpose: "revocation" | "suspension", indexes: number[]) => {
    const bits = createBitstring();
    for (const index of indexes) setStatusBit(bits, index, true);
    const list = buildStatusListCredential({ id: url, issuer: id, encodedList: encodeStatusList(bits), statusPurpose: purpose, validFrom: new Date("2025-01-01T00:00:00Z") });
    return addDataIntegrityProof(list as Record<string, unknown>, key, { created: new Date("2025-01-01T00:00:00Z") });
  };

  const documents: Record<string, unknown> = {
    [options.didWeb ? `${home}/did.json` : id]: profile,
    ...(options.didWeb ? {} : { [keyUrl]: multikeyDocument({ id: keyUrl, controller: id, publicKey: key.publicKey }) }),
    [statusListUrl]: await signedList(statusListUrl, "revocation", options.revokedIndexes ?? []),
    [suspensionListUrl]: await signedList(suspensionListUrl, "suspension", options.suspendedIndexes ?? []),
    [revocationListUrl]: buildRevocationList({ id: revocationListUrl, issuer: id, revokedCredentials: (options.revokedIds ?? []).map((r) => ({ id: r })) }),
  };

  const embeddedIssuer = buildIssuerProfile({ id, name: "Verifiable Academy", url: "https://academy.example" });
  const achievement = buildAchievement({
    id: `${origin}/b/ach_1`,
    name: "Data Literacy",
    description: "Reads charts and tables critically.",
    criteria: { narrative: "Pass the final assessment with 80% or more." },
    achievementType: "Badge",
  });
  let counter = 0;

  return {
    id,
    key,
    documents,
    revocationListUrl,
    statusListUrl,
    suspensionListUrl,
    async issue(credentialOptions: CredentialOptions = {}) {
      const credentialId = credentialOptions.id ?? `${origin}/c/cred_${++counter}`;
      const status = credentialOptions.status ?? "bitstring";
      const index = credentialOptions.statusIndex ?? 42;
      const credentialStatus =
        status === "bitstring"
          ? statusListEntry({ statusListCredential: statusListUrl, index, statusPurpose: "revocation" })
          : status === "suspension"
            ? statusListEntry({ statusListCredential: suspensionListUrl, index, statusPurpose: "suspension" })
            : status === "revocation-list"
              ? revocationListEntry({ listUrl: revocationListUrl })
              : undefined;
      const unsigned = buildCredential({
        id: credentialId,
        issuer: embeddedIssuer,
        achievement,
        recipient: { email: "lee@example.org", salt: "c0ffee", name: "Lee Learner" },
        validFrom: credentialOptions.validFrom ?? new Date("2025-03-01T09:30:00Z"),
        validUntil: credentialOptions.validUntil,
        credentialStatus,
      }) as unknown as Record<string, unknown>;
      const signed = await signCredential(unsigned, credentialOptions.signWith ?? key);
      return { credential: signed.credential as Json, jwt: signed.jwt };
    },
  };
}
