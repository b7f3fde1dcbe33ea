import { cache } from "react";
import { canViewCredential } from "@/lib/backpack/access";
import { verifyIssuedCredential } from "@/lib/backpack/verify";
import { db } from "@/lib/db";
import { credentialPageData, type CredentialPageData, type CredentialState } from "@/lib/issuing/public-views";
import { log } from "@/lib/log";
import type { Check } from "@/lib/ob/verify";
import { achievementEarnDestination, type EarnDestination } from "@/lib/sharing/earn-target";

/** Who is looking at a credential page: a visitor, its learner or a member of its issuer. */
export type CredentialViewer = "visitor" | "learner" | "issuer";

/** The banner of a credential page. */
export type Verdict = "verified" | "unverified" | Exclude<CredentialState, "valid">;

export type CredentialVerification = { verdict: Verdict; checks: Check[]; checkedAt: Date };

/** What /c/{id} shows: the credential, and where its call to action leads. */
export type CredentialPage = CredentialPageData & { earn: EarnDestination };

/** The page's data, loaded once per request for both the metadata and the page. */
export const loadCredentialPage = cache(async (id: string): Promise<CredentialPage | null> => {
  const credential = await credentialPageData(id);
  if (!credential) return null;
  const { achievement, organization } = credential;
  const earn = await achievementEarnDestination({ id: achievement.id, organizationId: organization.id, archivedAt: achievement.archivedAt, howToEarnUrl: achievement.howToEarnUrl });
  return { ...credential, earn };
});

/**
 * The verification the banner shows, by the same engine any outside verifier uses. The state
 * (revoked, expired, not yet valid) wins over the checks, as a person would read it.
 */
export async function verifyForPage(credential: Pick<CredentialPageData, "id" | "state">): Promise<CredentialVerification> {
  const checkedAt = new Date();
  let checks: Check[] = [];
  let valid = false;
  try {
    const result = await verifyIssuedCredential(credential.id, { now: checkedAt });
    checks = result?.checks ?? [];
    valid = result?.valid ?? false;
  } catch (error) {
    // verifyCredential never throws by contract; a failure here must still not take the page down.
    log.warn({ err: error, credentialId: credential.id }, "could not verify a credential for its public page");
  }
  const verdict: Verdict = credential.state !== "valid" ? credential.state : valid ? "verified" : "unverified";
  return { verdict, checks, checkedAt };
}

/**
 * How the signed-in `viewerId` relates to a credential, or null when they may not see it
 * (private, and neither its learner nor a member of its issuer: the page answers 404).
 */
export async function credentialViewerOf(credential: Pick<CredentialPageData, "id" | "learnerId" | "organization" | "visibility">, viewerId: string | null | undefined): Promise<CredentialViewer | null> {
  if (viewerId && credential.learnerId === viewerId) return "learner";
  if (viewerId) {
    const member = await db.membership.findFirst({ where: { organizationId: credential.organization.id, userId: viewerId }, select: { id: true } });
    if (member) return "issuer";
  }
  if (credential.visibility === "public") return "visitor";
  // One rule for the page, the card and the downloads (lib/backpack/access.ts).
  return (await canViewCredential(credential.id, viewerId)) ? "visitor" : null;
}
