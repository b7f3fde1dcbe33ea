import "server-only";
import { credentialKind, type CredentialKind } from "@/lib/issuing/credential-kind";
import { isId } from "@/lib/ids";
import { recordCredentialEventLater } from "@/lib/analytics/events";
import { queueCardRenders } from "@/lib/cards/prerender";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordCredentialEvent } from "@/lib/issuing/events";
import { credentialState } from "@/lib/issuing/public-views";
import { revalidatePublicPages } from "@/lib/public/cache";
import { canViewCredential } from "./access";
import { isValidClaimToken, maskEmail } from "./claim-token";
import { verifiedAddresses } from "./sync-entries";

/** What the claim page may do for this viewer. */
export type ClaimStatus =
  /** Not signed in: sign up or sign in with the address. */
  | "signed_out"
  /** Signed in with the address verified: accept or decline. */
  | "ready"
  /** Already accepted (or declined) by this person. */
  | "accepted"
  | "declined"
  /** The address is on the account but unverified and the link's token is not valid. */
  | "unverified"
  /** The address is not on this account (or the credential is in someone else's backpack). */
  | "wrong_account";

export type ClaimView = {
  credential: {
    id: string;
    name: string;
    description: string;
    /** A certificate's page says "certificate" where a badge's says "badge". */
    kind: CredentialKind;
    imageSrc: string;
    recipientName: string | null;
    validFrom: Date;
    validUntil: Date | null;
    state: ReturnType<typeof credentialState>;
    organization: { id: string; name: string; logo: string | null; primaryColor: string };
  };
  status: ClaimStatus;
  /** The full address, only to a holder of a valid link (to prefill sign-up); masked otherwise. */
  recipientEmail: string | null;
  maskedEmail: string;
  tokenValid: boolean;
  entryId: string | null;
};

/**
 * Resolves the claim link for whoever opens it. A valid link opened by the account that holds
 * the address marks the address verified (the link proves the inbox). Nothing is claimed here:
 * the person chooses Accept or Decline.
 */
export async function claimView(credentialId: string, token: string | null | undefined, viewerId: string | null): Promise<ClaimView | null> {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: {
      id: true,
      recipientEmail: true,
      recipientName: true,
      organizationId: true,
      validFrom: true,
      validUntil: true,
      revokedAt: true,
      achievementVersion: true,
      achievement: { select: { id: true, name: true, description: true, imageUrl: true, achievementType: true } },
      organization: { select: { id: true, name: true, logo: true, primaryColor: true } },
      backpackEntry: { select: { id: true, userId: true, state: true, visibility: true } },
    },
  });
  if (!credential) return null;
  const tokenValid = isValidClaimToken(credential.id, credential.recipientEmail, token);
  // A credential its learner made private does not exist for strangers, here as on /c/{id}:
  // only the claim link's holder, the learner and the issuer's members see what it is.
  if (credential.backpackEntry?.visibility === "private" && !tokenValid && !(await canViewCredential(credential.id, viewerId))) return null;
  // The claim link is only in the claim email: following it is the email being opened.
  if (tokenValid) recordCredentialEventLater({ credentialId: credential.id, organizationId: credential.organizationId, type: "opened", channel: "email" });
  const view: ClaimView = {
    credential: {
      id: credential.id,
      name: credential.achievement.name,
      description: credential.achievement.description,
      kind: credentialKind(credential.achievement.achievementType),
      imageSrc: credential.achievement.imageUrl ?? `/b/${credential.achievement.id}/v/${credential.achievementVersion}/image.png`,
      recipientName: credential.recipientName,
      validFrom: credential.validFrom,
      validUntil: credential.validUntil,
      state: credentialState(credential),
      organization: credential.organization,
    },
    status: "signed_out",
    recipientEmail: tokenValid ? credential.recipientEmail : null,
    maskedEmail: maskEmail(credential.recipientEmail),
    tokenValid,
    entryId: null,
  };
  if (!viewerId) return view;

  const email = credential.recipientEmail;
  const [user, address] = await Promise.all([
    db.user.findUnique({ where: { id: viewerId }, select: { email: true, emailVerified: true } }),
    db.userEmail.findFirst({ where: { userId: viewerId, email }, select: { id: true, verifiedAt: true } }),
  ]);
  const isPrimary = user?.email.toLowerCase() === email;
  if (!user || (!address && !isPrimary)) return { ...view, status: "wrong_account" };

  let verified = Boolean(address?.verifiedAt) || (isPrimary && Boolean(user.emailVerified));
  if (!verified && tokenValid) {
    await markAddressVerified(viewerId, email, isPrimary);
    verified = true;
  }
  if (!verified) return { ...view, status: "unverified" };

  const entry = credential.backpackEntry ? await adoptOrphan(credential.backpackEntry, viewerId) : null;
  if (entry && entry.userId !== viewerId) return { ...view, status: "wrong_account" };
  if (entry?.state === "accepted") return { ...view, status: "accepted", entryId: entry.id };
  if (entry?.state === "declined") return { ...view, status: "declined", entryId: entry.id };
  return { ...view, status: "ready", entryId: entry?.id ?? null };
}

async function markAddressVerified(userId: string, email: string, isPrimary: boolean) {
  const now = new Date();
  await db.$transaction(async (tx) => {
    const updated = await tx.userEmail.updateMany({ where: { userId, email, verifiedAt: null }, data: { verifiedAt: now } });
    // An account whose primary address had no UserEmail row (older accounts) gets one.
    if (updated.count === 0 && isPrimary) {
      await tx.userEmail.upsert({ where: { email }, create: { userId, email, verifiedAt: now }, update: {} });
    }
    if (isPrimary) await tx.user.updateMany({ where: { id: userId, emailVerified: null }, data: { emailVerified: now } });
  });
}

/**
 * The credential, if it was issued to one of this person's verified addresses and is not in
 * anyone else's backpack. Everyone else is told it does not exist.
 */
export async function ownCredential(userId: string, credentialId: string) {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: { id: true, organizationId: true, recipientEmail: true, revokedAt: true, backpackEntry: { select: { id: true, userId: true } } },
  });
  if (!credential) throw new AppError("not_found", "Credential not found");
  if (credential.backpackEntry && credential.backpackEntry.userId !== null && credential.backpackEntry.userId !== userId) {
    throw new AppError("not_found", "Credential not found");
  }
  const addresses = await verifiedAddresses(userId);
  if (!addresses.includes(credential.recipientEmail)) {
    throw new AppError("forbidden", "This credential was sent to an address that is not verified on your account", {
      credentialId: { code: "claim_wrong_account", params: { email: maskEmail(credential.recipientEmail) } },
    });
  }
  if (credential.backpackEntry) await adoptOrphan(credential.backpackEntry, userId);
  return credential;
}

/**
 * An entry whose learner deleted their account (kept so a private credential stays private)
 * belongs to whoever has since verified its address: callers check that before calling.
 */
async function adoptOrphan<T extends { id: string; userId: string | null }>(entry: T, userId: string): Promise<T> {
  if (entry.userId !== null) return entry;
  await db.backpackEntry.updateMany({ where: { id: entry.id, userId: null }, data: { userId } });
  return { ...entry, userId };
}

export async function userHandle(userId: string) {
  return (await db.user.findUnique({ where: { id: userId }, select: { handle: true } }))?.handle ?? null;
}

/** Accepts a credential into the backpack: the entry, the credential's claimedAt and the "claimed" event, together. */
export async function acceptCredential(userId: string, credentialId: string): Promise<{ entryId: string }> {
  const credential = await ownCredential(userId, credentialId);
  if (credential.revokedAt) {
    throw new AppError("conflict", "The issuer revoked this credential", { credentialId: { code: "credential_revoked" } });
  }
  const now = new Date();
  const entry = await db.$transaction(async (tx) => {
    const saved = await tx.backpackEntry.upsert({
      where: { credentialId: credential.id },
      create: { userId, credentialId: credential.id, state: "accepted", acceptedAt: now },
      update: { state: "accepted", acceptedAt: now },
      select: { id: true, userId: true },
    });
    // The upsert matched by credential only: make sure it is still this person's.
    if (saved.userId !== userId) throw new AppError("not_found", "Credential not found");
    await tx.credential.updateMany({ where: { id: credential.id, claimedAt: null }, data: { claimedAt: now } });
    await recordCredentialEvent(tx, { organizationId: credential.organizationId, credentialId: credential.id, type: "claimed", actorId: userId });
    return saved;
  });
  revalidatePublicPages.credential(credential.id);
  revalidatePublicPages.profile(await userHandle(userId));
  // Claimed is when a learner shares: the card is ready for the first preview.
  await queueCardRenders([{ kind: "credential", id: credential.id }]);
  return { entryId: entry.id };
}

/** Whether a claim page is a badge's or a certificate's, for its title (nothing else about it). */
export async function claimPageKind(credentialId: string): Promise<CredentialKind> {
  if (!isId(credentialId)) return "badge";
  const credential = await db.credential.findUnique({ where: { id: credentialId }, select: { achievement: { select: { achievementType: true } } } });
  return credentialKind(credential?.achievement.achievementType);
}
