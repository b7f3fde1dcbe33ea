import { randomBytes, randomUUID } from "node:crypto";
import { clampToRange } from "@/lib/dates";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { billingSelect, entitlementsOf, quotaExceeded, reserveIssuance } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
import { log } from "@/lib/log";
import { buildCredential } from "@/lib/ob/build";
import { signCredential } from "@/lib/ob/sign";
import { achievementDocument, findAchievement } from "./achievements";
import { recordCredentialEvent } from "./events";
import { issuerDocument } from "./issuer-profile";
import type { IssueCredentialInput } from "./schemas";
import { getActiveSigningKey } from "./signing-keys";
import { allocateStatusSlots } from "./status-lists";
import { publicUrls } from "./urls";

export type IssuedCredential = { id: string; url: string; status: "issued"; replayed: boolean };

export type IssueOptions = {
  /** Same key, same organization: issued once; a retry returns the first credential. */
  idempotencyKey?: string;
  /** The issuer's note in the claim email. */
  message?: string;
  /** Send the claim email (default true). */
  notify?: boolean;
  actor?: { userId?: string; ip?: string };
};

/** validFrom plus the achievement's expiry policy, when it has one. */
export function expiryFor(validFrom: Date, policy: { expiresAfterValue: number | null; expiresAfterUnit: string | null }): Date | undefined {
  if (!policy.expiresAfterValue || !policy.expiresAfterUnit) return undefined;
  const until = new Date(validFrom);
  if (policy.expiresAfterUnit === "months") until.setUTCMonth(until.getUTCMonth() + policy.expiresAfterValue);
  else until.setUTCDate(until.getUTCDate() + policy.expiresAfterValue);
  // A start late in year 9999 must not expire in year 10000, which no reader can print.
  return clampToRange(until);
}

async function existingFor(organizationId: string, idempotencyKey: string | undefined): Promise<IssuedCredential | null> {
  if (!idempotencyKey) return null;
  const existing = await db.credential.findUnique({
    where: { organizationId_idempotencyKey: { organizationId, idempotencyKey } },
    select: { id: true },
  });
  return existing ? { id: existing.id, url: publicUrls.credential(existing.id), status: "issued", replayed: true } : null;
}

/**
 * Issues one credential: builds the OB 3.0 credential, gives it a status-list index, signs it
 * with both proofs (Data Integrity and VC-JWT), stores exactly what was signed, records the
 * event and queues the claim email.
 */
export async function issueCredential(organizationId: string, input: IssueCredentialInput, options: IssueOptions = {}): Promise<IssuedCredential> {
  const replay = await existingFor(organizationId, options.idempotencyKey);
  if (replay) return replay;
  const achievement = await findAchievement(organizationId, input.achievementId);
  if (achievement.archivedAt) throw new AppError("conflict", "This achievement is archived", { achievementId: { code: "achievement_archived" } });
  if (achievement.evidenceRequired && input.evidence.length === 0) {
    throw new AppError("validation_failed", "This achievement requires evidence", { evidence: { code: "evidence_required" } });
  }
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { ...billingSelect, name: true, website: true, email: true, description: true },
  });
  const entitlements = entitlementsOf(org);
  // Fetched before the transaction: on the embedded database, queries outside `tx` would wait for it.
  const key = await getActiveSigningKey(organizationId);
  const issuer = issuerDocument(org);
  const id = randomUUID();
  const salt = randomBytes(16).toString("hex");
  const validFrom = input.validFrom ?? new Date();
  const validUntil = input.validUntil ?? expiryFor(validFrom, achievement);

  try {
    await db.$transaction(async (tx) => {
      // The quota first: counted in this transaction, so a failure below gives it back.
      if ((await reserveIssuance(tx, organizationId, 1, entitlements.monthlyCredentials)) < 1) throw quotaExceeded(org.slug, entitlements);
      const [slot] = await allocateStatusSlots(tx, organizationId, 1);
      const unsigned = buildCredential({
        id: publicUrls.credential(id),
        issuer,
        achievement: achievementDocument(achievement, issuer),
        recipient: { email: input.recipient.email, salt, name: input.recipient.name },
        validFrom,
        validUntil,
        awardedDate: validFrom,
        evidence: input.evidence.length > 0 ? input.evidence : undefined,
        narrative: input.narrative,
        results: input.result ? [{ value: input.result }] : undefined,
        name: achievement.name,
        credentialStatus: slot.entry,
      });
      const signed = await signCredential(unsigned as Record<string, unknown>, key);
      await tx.credential.create({
        data: {
          id,
          organizationId,
          achievementId: achievement.id,
          achievementVersion: achievement.version,
          recipientEmail: input.recipient.email,
          recipientName: input.recipient.name,
          recipientSalt: salt,
          validFrom,
          validUntil,
          statusListId: slot.listId,
          statusIndex: slot.index,
          document: signed.credential as Prisma.InputJsonValue,
          jwt: signed.jwt,
          message: options.message,
          idempotencyKey: options.idempotencyKey,
        },
      });
      await recordCredentialEvent(tx, { organizationId, credentialId: id, type: "issued", actorId: options.actor?.userId });
      await recordAudit(tx, {
        organizationId,
        actorId: options.actor?.userId,
        action: "credential.issued",
        targetType: "credential",
        targetId: id,
        data: { achievementId: achievement.id },
        ip: options.actor?.ip,
      });
    });
  } catch (error) {
    // Two requests with one idempotency key: the second finds the first's credential.
    if (options.idempotencyKey && isUniqueViolation(error, "idempotencyKey")) {
      const raced = await existingFor(organizationId, options.idempotencyKey);
      if (raced) return raced;
    }
    throw error;
  }
  if (options.notify !== false) {
    await enqueue("credential.claim-email", { credentialId: id }).catch((error: unknown) =>
      // The credential stands; the email can be resent from its page.
      log.error({ err: error, credentialId: id }, "could not queue the claim email"),
    );
  }
  return { id, url: publicUrls.credential(id), status: "issued", replayed: false };
}
