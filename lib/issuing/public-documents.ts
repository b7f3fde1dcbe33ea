import { db } from "@/lib/db";
import { isReadableDate } from "@/lib/dates";
import { buildOb2Assertion, buildOb2BadgeClass, buildOb2Issuer, buildOb2RevocationList, hashOb2Identity } from "@/lib/ob/ob2";
import { buildRevocationList } from "@/lib/ob/revocation-list";
import { achievementDocument } from "./achievements";
import { issuerDocument } from "./issuer-profile";
import { multikeyDocument, publicJwk, publicKeyFromMultibase } from "@/lib/ob/keys";
import { publishedKeys } from "./signing-keys";
import { publicUrls } from "./urls";

/** Everything public about one credential (its signed forms and whether it is revoked). */
export async function findPublicCredential(credentialId: string) {
  return db.credential.findUnique({
    where: { id: credentialId },
    select: {
      id: true,
      organizationId: true,
      achievementId: true,
      document: true,
      jwt: true,
      revokedAt: true,
      validFrom: true,
      validUntil: true,
      recipientEmail: true,
      recipientSalt: true,
      createdAt: true,
    },
  });
}

export async function publicAchievementDocument(achievementId: string): Promise<object | null> {
  const achievement = await db.achievement.findUnique({ where: { id: achievementId }, include: { organization: true } });
  if (!achievement) return null;
  return achievementDocument(achievement, issuerDocument(achievement.organization));
}

/** One key document (active or retired), as its URL answers; null for a key the issuer never had. */
export async function publishedKeyDocument(organizationId: string, keyId: string): Promise<object | null> {
  const row = await db.signingKey.findUnique({ where: { organizationId_keyId: { organizationId, keyId } }, select: { publicKeyMultibase: true } });
  if (!row) return null;
  return multikeyDocument({
    id: publicUrls.issuerKey(organizationId, keyId),
    controller: publicUrls.issuer(organizationId),
    publicKey: publicKeyFromMultibase(row.publicKeyMultibase),
  });
}

/** The issuer's keys as a JWK Set (active and retired), each `kid` the verification method URL. */
export async function issuerJwks(organizationId: string): Promise<{ keys: object[] }> {
  const keys = await publishedKeys(organizationId);
  return { keys: keys.map((key) => publicJwk(key.publicKey, key.id)) };
}

/** Every issuer's keys, for /.well-known/jwks.json. */
export async function allIssuerJwks(): Promise<{ keys: object[] }> {
  const rows = await db.signingKey.findMany({ orderBy: [{ organizationId: "asc" }, { createdAt: "desc" }] });
  return {
    keys: rows.map((row) =>
      publicJwk(publicKeyFromMultibase(row.publicKeyMultibase), publicUrls.verificationMethod(row.organizationId, row.keyId)),
    ),
  };
}

/** The OB 3.0 `1EdTechRevocationList` for an issuer: ids only, reasons stay private. */
export async function revocationListDocument(organizationId: string): Promise<object | null> {
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
  if (!org) return null;
  const revoked = await db.credential.findMany({
    where: { organizationId, revokedAt: { not: null } },
    select: { id: true },
    orderBy: { revokedAt: "asc" },
  });
  return buildRevocationList({
    id: publicUrls.revocationList(organizationId),
    issuer: publicUrls.issuer(organizationId),
    revokedCredentials: revoked.map((credential) => ({ id: publicUrls.credential(credential.id) })),
  });
}

export const ob2 = {
  async issuer(organizationId: string) {
    const org = await db.organization.findUnique({ where: { id: organizationId } });
    if (!org) return null;
    return buildOb2Issuer({
      id: publicUrls.ob2Issuer(org.id),
      name: org.name,
      url: org.website ?? publicUrls.issuer(org.id),
      email: org.email ?? undefined,
      description: org.description ?? undefined,
      revocationList: publicUrls.ob2RevocationList(org.id),
    });
  },
  async revocationList(organizationId: string) {
    const org = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
    if (!org) return null;
    const revoked = await db.credential.findMany({ where: { organizationId, revokedAt: { not: null } }, select: { id: true } });
    return buildOb2RevocationList({
      id: publicUrls.ob2RevocationList(organizationId),
      issuer: publicUrls.ob2Issuer(organizationId),
      revokedAssertions: revoked.map((credential) => ({ id: publicUrls.ob2Assertion(credential.id) })),
    });
  },
  async badgeClass(achievementId: string) {
    const achievement = await db.achievement.findUnique({ where: { id: achievementId } });
    if (!achievement) return null;
    return buildOb2BadgeClass({
      id: publicUrls.ob2BadgeClass(achievement.id),
      name: achievement.name,
      description: achievement.description,
      // The current version's badge image (there is no /b/{id}/image: that address answered 404).
      image: achievement.imageUrl ?? publicUrls.achievementImage(achievement.id, achievement.version),
      criteria: { id: achievement.criteriaUrl ?? undefined, narrative: achievement.criteriaNarrative ?? undefined },
      issuer: publicUrls.ob2Issuer(achievement.organizationId),
      tags: achievement.tags,
      alignment: (achievement.alignments as { targetName: string; targetUrl: string }[] | null) ?? undefined,
    });
  },
  /** null when the credential does not exist; `revoked` so the route can answer 410. */
  async assertion(credentialId: string) {
    const credential = await db.credential.findUnique({ where: { id: credentialId } });
    if (!credential) return null;
    if (credential.revokedAt) return { revoked: true as const };
    return {
      revoked: false as const,
      document: buildOb2Assertion({
        id: publicUrls.ob2Assertion(credential.id),
        badge: publicUrls.ob2BadgeClass(credential.achievementId),
        recipient: { identity: hashOb2Identity(credential.recipientEmail, credential.recipientSalt), salt: credential.recipientSalt, hashed: true, type: "email" },
        // A date stored out of range cannot be printed: the time of issue stands in for it.
        issuedOn: isReadableDate(credential.validFrom) ? credential.validFrom : credential.issuedAt,
        expires: isReadableDate(credential.validUntil) ? credential.validUntil : undefined,
      }),
    };
  },
};
