import { AppError } from "@/lib/errors";
import { revokeCredential } from "./revoke-credential";

/**
 * Revokes several credentials with one reason. Each is its own transaction, so one that is
 * already revoked or not found does not undo the others; the outcome lists both.
 */
export async function revokeCredentials(
  organizationId: string,
  credentialIds: string[],
  reason: string,
  actor?: { userId?: string; ip?: string },
): Promise<{ revoked: string[]; skipped: { id: string; code: string }[] }> {
  const revoked: string[] = [];
  const skipped: { id: string; code: string }[] = [];
  for (const id of new Set(credentialIds)) {
    try {
      await revokeCredential(organizationId, id, reason, actor);
      revoked.push(id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      skipped.push({ id, code: error.code });
    }
  }
  return { revoked, skipped };
}
