import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { billingSelect, entitlementsOf, type Entitlements } from "@/lib/billing/entitlements";
import { isDateInRange } from "@/lib/dates";
import { db } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { buildCredential } from "@/lib/ob/build";
import type { SigningKey } from "@/lib/ob/keys";
import { achievementDocument, type findAchievement } from "./achievements";
import { expiryFor } from "./expiry";
import { findIssuableAchievement } from "./issuable-achievements";
import { issuerDocument } from "./issuer-profile";
import { getActiveSigningKey } from "./signing-keys";
import type { StatusSlot } from "./status-lists";
import { publicUrls } from "./urls";

/** What every credential of one achievement shares: loaded once per request or bulk job. */
export type IssuingContext = {
  organizationId: string;
  orgSlug: string;
  achievement: Awaited<ReturnType<typeof findAchievement>>;
  achievementDocument: object;
  issuer: object;
  key: SigningKey;
  entitlements: Entitlements;
  /** This month's credential quota of the organization's plan; null: no limit. */
  monthlyCredentials: number | null;
};

/** Loads the achievement (refusing an archived one), the issuer, its signing key and plan. */
export async function loadIssuingContext(organizationId: string, achievementId: string): Promise<IssuingContext> {
  const achievement = await findIssuableAchievement(organizationId, achievementId);
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { ...billingSelect, name: true, website: true, email: true, description: true },
  });
  const issuer = issuerDocument(org);
  const entitlements = entitlementsOf(org);
  return {
    organizationId,
    orgSlug: org.slug,
    achievement,
    achievementDocument: achievementDocument(achievement, issuer),
    issuer,
    key: await getActiveSigningKey(organizationId),
    entitlements,
    monthlyCredentials: entitlements.monthlyCredentials,
  };
}

export { expiryFor };

/** One credential to issue, whichever door it came through (form, API, bulk row). */
export type CredentialRequest = {
  recipient: { email: string; name?: string };
  validFrom?: Date;
  validUntil?: Date;
  evidence?: Array<{ id?: string; narrative?: string; name?: string; description?: string }>;
  narrative?: string;
  /** Free text, e.g. a grade or score (OB 3.0 Result value). */
  result?: string;
};

export type CredentialDraft = {
  id: string;
  /** The OB 3.0 credential to sign. */
  unsigned: Record<string, unknown>;
  /** The row to store once signed (document and jwt filled in then). */
  row: Prisma.CredentialCreateManyInput;
};

/**
 * The one place a credential is put together, for single and bulk issuing alike: its id and
 * salt, dates (the achievement's expiry policy when no end date is given), the OB document and
 * the database row that will hold exactly what is signed.
 */
export function draftCredential(
  context: IssuingContext,
  request: CredentialRequest,
  slot: StatusSlot,
  extra: { message?: string; idempotencyKey?: string; bulkJobId?: string; now?: Date } = {},
): CredentialDraft {
  const { achievement } = context;
  const id = randomUUID();
  const salt = randomBytes(16).toString("hex");
  const validFrom = request.validFrom ?? extra.now ?? new Date();
  const validUntil = request.validUntil ?? expiryFor(validFrom, achievement);
  // A start late in year 9999 plus the achievement's expiry would be stored past what any reader can print.
  if (validUntil && !isDateInRange(validUntil)) throw fieldError("validFrom", "date_out_of_range");
  const unsigned = buildCredential({
    id: publicUrls.credential(id),
    issuer: context.issuer,
    achievement: context.achievementDocument,
    recipient: { email: request.recipient.email, salt, name: request.recipient.name },
    validFrom,
    validUntil,
    awardedDate: validFrom,
    evidence: request.evidence?.length ? request.evidence : undefined,
    narrative: request.narrative,
    results: request.result ? [{ value: request.result }] : undefined,
    name: achievement.name,
    credentialStatus: slot.entry,
  }) as Record<string, unknown>;
  return {
    id,
    unsigned,
    row: {
      id,
      organizationId: context.organizationId,
      achievementId: achievement.id,
      achievementVersion: achievement.version,
      recipientEmail: request.recipient.email,
      recipientName: request.recipient.name,
      recipientSalt: salt,
      validFrom,
      validUntil,
      statusListId: slot.listId,
      statusIndex: slot.index,
      document: {},
      jwt: "",
      message: extra.message,
      idempotencyKey: extra.idempotencyKey,
      bulkJobId: extra.bulkJobId,
    },
  };
}
