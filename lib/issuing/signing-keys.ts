import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import {
  decryptPrivateKey,
  encryptPrivateKey,
  generateEd25519KeyPair,
  publicKeyFromMultibase,
  publicKeyMultibase,
  type SigningKey,
} from "@/lib/ob/keys";
import { publicUrls } from "./urls";

export type PublishedKey = {
  keyId: string;
  /** <issuer id>#<keyId>: the JWT kid, and the verification method of credentials signed before key documents had URLs. */
  id: string;
  /** The key document's own URL: the verification method of Data Integrity proofs. */
  url: string;
  controller: string;
  publicKeyMultibase: string;
  publicKey: Uint8Array;
  status: "active" | "retired";
  createdAt: Date;
  retiredAt: Date | null;
};

const newKeyId = () => `key-${randomBytes(8).toString("hex")}`;

// Decrypting is cheap but not free; bulk issuance signs thousands of times with one key.
const decrypted = new Map<string, Uint8Array>();

function toSigningKey(organizationId: string, row: { keyId: string; publicKeyMultibase: string; privateKeyEncrypted: string }): SigningKey {
  const cacheKey = `${organizationId}#${row.keyId}`;
  let privateKey = decrypted.get(cacheKey);
  if (!privateKey) {
    privateKey = decryptPrivateKey(row.privateKeyEncrypted, env().KEY_ENCRYPTION_KEY);
    decrypted.set(cacheKey, privateKey);
  }
  return {
    id: publicUrls.verificationMethod(organizationId, row.keyId),
    verificationMethod: publicUrls.issuerKey(organizationId, row.keyId),
    controller: publicUrls.issuer(organizationId),
    publicKey: publicKeyFromMultibase(row.publicKeyMultibase),
    privateKey,
  };
}

function newKeyRow(organizationId: string) {
  const pair = generateEd25519KeyPair();
  return {
    organizationId,
    keyId: newKeyId(),
    publicKeyMultibase: publicKeyMultibase(pair.publicKey),
    privateKeyEncrypted: encryptPrivateKey(pair.privateKey, env().KEY_ENCRYPTION_KEY),
    status: "active" as const,
  };
}

/**
 * The organization's active signing key, generated on first need. An advisory lock per
 * organization makes two first issuances at once agree on one key.
 */
export async function getActiveSigningKey(organizationId: string): Promise<SigningKey> {
  const existing = await db.signingKey.findFirst({
    where: { organizationId, status: "active" },
    orderBy: { createdAt: "desc" },
    omit: { privateKeyEncrypted: false },
  });
  if (existing) return toSigningKey(organizationId, existing);
  const created = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`signing-key:${organizationId}`}))`;
    const raced = await tx.signingKey.findFirst({
      where: { organizationId, status: "active" },
      omit: { privateKeyEncrypted: false },
    });
    return raced ?? tx.signingKey.create({ data: newKeyRow(organizationId), omit: { privateKeyEncrypted: false } });
  });
  return toSigningKey(organizationId, created);
}

/**
 * Makes a new active key; the previous ones are retired but stay published, so credentials
 * signed with them keep verifying.
 */
export async function rotateSigningKey(organizationId: string, actor?: { userId?: string; ip?: string }): Promise<PublishedKey> {
  const row = newKeyRow(organizationId);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`signing-key:${organizationId}`}))`;
    await tx.signingKey.updateMany({ where: { organizationId, status: "active" }, data: { status: "retired", retiredAt: new Date() } });
    await tx.signingKey.create({ data: row });
    await recordAudit(tx, {
      organizationId,
      actorId: actor?.userId,
      action: "signing_key.rotated",
      targetType: "signing_key",
      targetId: row.keyId,
      ip: actor?.ip,
    });
  });
  const [published] = (await publishedKeys(organizationId)).filter((key) => key.keyId === row.keyId);
  return published;
}

/** Every key an organization has signed with, active first: what its profile and JWKS publish. */
export async function publishedKeys(organizationId: string): Promise<PublishedKey[]> {
  const rows = await db.signingKey.findMany({
    where: { organizationId },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
  });
  return rows.map((row) => ({
    keyId: row.keyId,
    id: publicUrls.verificationMethod(organizationId, row.keyId),
    url: publicUrls.issuerKey(organizationId, row.keyId),
    controller: publicUrls.issuer(organizationId),
    publicKeyMultibase: row.publicKeyMultibase,
    publicKey: publicKeyFromMultibase(row.publicKeyMultibase),
    status: row.status,
    createdAt: row.createdAt,
    retiredAt: row.retiredAt,
  }));
}
