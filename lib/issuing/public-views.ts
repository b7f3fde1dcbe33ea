import { db } from "@/lib/db";

export type CredentialState = "valid" | "revoked" | "expired" | "not_yet_valid";

export function credentialState(credential: { revokedAt: Date | null; validFrom: Date; validUntil: Date | null }, now = new Date()): CredentialState {
  if (credential.revokedAt) return "revoked";
  if (credential.validUntil && credential.validUntil < now) return "expired";
  if (credential.validFrom > now) return "not_yet_valid";
  return "valid";
}

/** What the public credential page shows. The recipient's email is never part of it. */
export async function credentialPageData(credentialId: string) {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: {
      id: true,
      recipientName: true,
      validFrom: true,
      validUntil: true,
      revokedAt: true,
      achievementVersion: true,
      achievement: { select: { id: true, name: true, description: true, criteriaNarrative: true, criteriaUrl: true, achievementType: true, howToEarnUrl: true, tags: true, imageUrl: true, certificate: true } },
      organization: { select: { id: true, name: true, website: true, logo: true, primaryColor: true } },
    },
  });
  if (!credential) return null;
  // The credential shows the image of the version it was issued under.
  const imageSrc = credential.achievement.imageUrl ?? `/b/${credential.achievement.id}/v/${credential.achievementVersion}/image.png`;
  return { ...credential, imageSrc, hasCertificate: credential.achievement.certificate !== null, state: credentialState(credential) };
}

export async function achievementPageData(achievementId: string) {
  const achievement = await db.achievement.findUnique({
    where: { id: achievementId },
    include: { organization: { select: { id: true, name: true, website: true, logo: true, primaryColor: true } } },
  });
  if (!achievement) return null;
  const holders = await db.credential.count({ where: { achievementId, revokedAt: null } });
  return { ...achievement, holders };
}

export async function issuerPageData(organizationId: string) {
  const org = await db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, description: true, website: true, logo: true, primaryColor: true },
  });
  if (!org) return null;
  const achievements = await db.achievement.findMany({
    where: { organizationId, archivedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, description: true, achievementType: true },
  });
  return { ...org, achievements };
}
