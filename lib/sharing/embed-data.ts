import { db } from "@/lib/db";
import { isWellFormed } from "@/lib/http/param-formats";
import { credentialPageData, credentialState } from "@/lib/issuing/public-views";
import { ensureShareLinks } from "./share-links";

/**
 * What the embedded card shows. Embeds are framed on other sites, where Laurel's session
 * cookie is never sent: a private credential is simply not embeddable.
 */
export async function credentialEmbedData(credentialId: string) {
  if (!isWellFormed("id", credentialId)) return null;
  const credential = await credentialPageData(credentialId);
  if (!credential || credential.visibility === "private") return null;
  const { embed } = await ensureShareLinks(credential.id, ["embed"]);
  return {
    id: credential.id,
    organizationId: credential.organization.id,
    achievementName: credential.achievement.name,
    recipientName: credential.recipientName,
    issuerName: credential.organization.name,
    primaryColor: credential.organization.primaryColor,
    imageSrc: credential.imageSrc,
    validFrom: credential.validFrom,
    state: credential.state,
    /** When a revoked or expired credential stopped holding (the card says since when). */
    stateDate: credential.state === "revoked" ? credential.revokedAt : credential.state === "expired" ? credential.validUntil : null,
    /** The "Verify" link: the credential's page through the embed channel's tracked link. */
    verifyPath: `/s/${embed}`,
  };
}

export const WALL_SIZE = 24;

/**
 * An issuer's wall for its own website: its most recent credentials whose learners accepted
 * them and kept them public (never revoked), newest first. Like the learner's profile, the wall
 * lists nobody who has not accepted: a name appears on an issuer's website only by its owner's choice.
 */
export async function issuerWallData(organizationId: string) {
  if (!isWellFormed("id", organizationId)) return null;
  if (!organizationId || organizationId.length > 200) return null;
  const organization = await db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, logo: true, primaryColor: true },
  });
  if (!organization) return null;
  const credentials = await db.credential.findMany({
    where: {
      organizationId,
      revokedAt: null,
      backpackEntry: { is: { state: "accepted", visibility: "public" } },
    },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    take: WALL_SIZE,
    select: {
      id: true,
      recipientName: true,
      revokedAt: true,
      validFrom: true,
      validUntil: true,
      achievementVersion: true,
      achievement: { select: { id: true, name: true, imageUrl: true } },
    },
  });
  return {
    organization,
    credentials: credentials.map((credential) => ({
      id: credential.id,
      recipientName: credential.recipientName,
      achievementName: credential.achievement.name,
      imageSrc: credential.achievement.imageUrl ?? `/b/${credential.achievement.id}/v/${credential.achievementVersion}/image.png`,
      validFrom: credential.validFrom,
      state: credentialState(credential),
    })),
  };
}
