import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { quotaExceeded, reserveIssuance } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { queueCardRenders } from "@/lib/cards/prerender";
import { enqueue } from "@/lib/jobs";
import { log } from "@/lib/log";
import { signCredential } from "@/lib/ob/sign";
import { draftCredential, loadIssuingContext } from "./draft-credential";
import { recordCredentialEvent } from "./events";
import type { IssueCredentialInput } from "./schemas";
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
  const context = await loadIssuingContext(organizationId, input.achievementId);
  if (context.achievement.evidenceRequired && input.evidence.length === 0) {
    throw new AppError("validation_failed", "This achievement requires evidence", { evidence: { code: "evidence_required" } });
  }
  let id = "";
  try {
    await db.$transaction(async (tx) => {
      // The quota first: counted in this transaction, so a failure below gives it back.
      if ((await reserveIssuance(tx, organizationId, 1, context.monthlyCredentials)) < 1) throw quotaExceeded(context.orgSlug, context.entitlements);
      const [slot] = await allocateStatusSlots(tx, organizationId, 1);
      const draft = draftCredential(context, input, slot, { message: options.message, idempotencyKey: options.idempotencyKey });
      id = draft.id;
      const signed = await signCredential(draft.unsigned, context.key);
      await tx.credential.create({ data: { ...draft.row, document: signed.credential as Prisma.InputJsonValue, jwt: signed.jwt } });
      await recordCredentialEvent(tx, { organizationId, credentialId: id, type: "issued", actorId: options.actor?.userId });
      await recordAudit(tx, {
        organizationId,
        actorId: options.actor?.userId,
        action: "credential.issued",
        targetType: "credential",
        targetId: id,
        data: { achievementId: context.achievement.id },
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
  await queueCardRenders([{ kind: "credential", id }]);
  return { id, url: publicUrls.credential(id), status: "issued", replayed: false };
}
