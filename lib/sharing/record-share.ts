import "server-only";
import { recordCredentialEvent } from "@/lib/analytics/events";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ShareChannel } from "./share-urls";

export type ShareOutcome = { shared: true; entryId: string } | { shared: false; reason: "private"; entryId: string };

/**
 * A learner shares a credential from their backpack. It must be theirs and accepted (anything
 * else is "not found", whoever asks); a private one is refused, because the link it would hand
 * out answers 404 to everyone else. The share is recorded for the issuer's analytics.
 */
export async function recordShare(userId: string, credentialId: string, channel: ShareChannel): Promise<ShareOutcome> {
  const entry = await db.backpackEntry.findFirst({
    where: { userId, credentialId, state: "accepted" },
    select: { id: true, visibility: true, credential: { select: { organizationId: true } } },
  });
  if (!entry?.credential) throw new AppError("not_found", "No such credential in your backpack");
  if (entry.visibility === "private") return { shared: false, reason: "private", entryId: entry.id };
  await recordCredentialEvent({
    credentialId,
    organizationId: entry.credential.organizationId,
    type: channel === "linkedin_profile" ? "added_to_profile" : "shared",
    channel,
    actorId: userId,
  });
  return { shared: true, entryId: entry.id };
}

/** Whether a learner may share this credential now, without recording anything (the share page). */
export async function shareableEntry(userId: string, credentialId: string) {
  return db.backpackEntry.findFirst({
    where: { userId, credentialId, state: "accepted" },
    select: { id: true, visibility: true },
  });
}
