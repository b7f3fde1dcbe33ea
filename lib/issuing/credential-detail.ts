import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { credentialStatus } from "./list-credentials";
import { asRecord, credentialImageSrc, publicEvidence, publicResults } from "./public-views";

/** A credential as its issuer sees it: recipient and state (the timeline: lib/analytics/timeline.ts). */
export async function credentialDetail(organizationId: string, credentialId: string) {
  const credential = await db.credential.findFirst({
    where: { id: credentialId, organizationId },
    select: {
      id: true,
      recipientEmail: true,
      recipientName: true,
      issuedAt: true,
      validFrom: true,
      validUntil: true,
      revokedAt: true,
      revocationReason: true,
      claimedAt: true,
      emailedAt: true,
      replacedById: true,
      achievementVersion: true,
      message: true,
      document: true,
      achievement: { select: { id: true, name: true, imageUrl: true } },
    },
  });
  if (!credential) throw new AppError("not_found", "Credential not found");
  const replaces = await db.credential.findFirst({ where: { organizationId, replacedById: credential.id }, select: { id: true } });
  const { document, ...rest } = credential;
  // What the learner was awarded, as signed: results and evidence come from the document.
  const subject = asRecord(asRecord(document).credentialSubject);
  return {
    ...rest,
    status: credentialStatus(credential),
    replacesId: replaces?.id ?? null,
    /** The image of the version it was issued under, as on its public page. */
    imageSrc: credentialImageSrc(credential.achievement, credential.achievementVersion),
    results: publicResults(subject.result, asRecord(subject.achievement).resultDescription),
    evidence: publicEvidence(asRecord(document).evidence),
  };
}
