import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { credentialStatus } from "./list-credentials";
import { publicEvidence, publicResults } from "./public-views";

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
  const subject = record(record(document).credentialSubject);
  return {
    ...rest,
    status: credentialStatus(credential),
    replacesId: replaces?.id ?? null,
    /** The image of the version it was issued under, as on its public page. */
    imageSrc: credential.achievement.imageUrl ?? `/b/${credential.achievement.id}/v/${credential.achievementVersion}/image.png`,
    results: publicResults(subject.result, record(subject.achievement).resultDescription),
    evidence: publicEvidence(record(document).evidence),
  };
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
