import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { buildCredential } from "@/lib/ob/build";
import { signCredential } from "@/lib/ob/sign";
import { achievementDocument, findAchievement } from "./achievements";
import { issuerDocument } from "./issuer-profile";
import type { IssueCredentialInput } from "./schemas";
import { getActiveSigningKey } from "./signing-keys";
import { allocateStatusSlots } from "./status-lists";
import { publicUrls } from "./urls";

export type IssuedCredential = { id: string; url: string; status: "issued" };

/**
 * Issues one credential: builds the OB 3.0 credential, gives it a status-list index, signs it
 * with both proofs (Data Integrity and VC-JWT) and stores exactly what was signed.
 */
export async function issueCredential(
  organizationId: string,
  input: IssueCredentialInput,
  actor?: { userId?: string; ip?: string },
): Promise<IssuedCredential> {
  const achievement = await findAchievement(organizationId, input.achievementId);
  if (achievement.archivedAt) throw new AppError("conflict", "This achievement is archived", { achievementId: { code: "achievement_archived" } });
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { id: true, name: true, website: true, email: true, description: true },
  });
  // Fetched before the transaction: on the embedded database, queries outside `tx` would wait for it.
  const key = await getActiveSigningKey(organizationId);
  const issuer = issuerDocument(org);
  const id = randomUUID();
  const salt = randomBytes(16).toString("hex");
  const validFrom = input.validFrom ?? new Date();

  await db.$transaction(async (tx) => {
    const [slot] = await allocateStatusSlots(tx, organizationId, 1);
    const unsigned = buildCredential({
      id: publicUrls.credential(id),
      issuer,
      achievement: achievementDocument(achievement, issuer),
      recipient: { email: input.recipient.email, salt, name: input.recipient.name },
      validFrom,
      validUntil: input.validUntil,
      awardedDate: validFrom,
      evidence: input.evidence.length > 0 ? input.evidence : undefined,
      narrative: input.narrative,
      name: achievement.name,
      credentialStatus: slot.entry,
    });
    const signed = await signCredential(unsigned as Record<string, unknown>, key);
    await tx.credential.create({
      data: {
        id,
        organizationId,
        achievementId: achievement.id,
        recipientEmail: input.recipient.email,
        recipientName: input.recipient.name,
        recipientSalt: salt,
        validFrom,
        validUntil: input.validUntil,
        statusListId: slot.listId,
        statusIndex: slot.index,
        document: signed.credential as Prisma.InputJsonValue,
        jwt: signed.jwt,
      },
    });
    await recordAudit(tx, {
      organizationId,
      actorId: actor?.userId,
      action: "credential.issued",
      targetType: "credential",
      targetId: id,
      data: { achievementId: achievement.id },
      ip: actor?.ip,
    });
  });
  return { id, url: publicUrls.credential(id), status: "issued" };
}
