import { createHash } from "node:crypto";
import { rowIdentity, type BulkRowData } from "./validate";

/**
 * The idempotency key of one bulk row: the same award (organization, achievement, email, issue
 * date, evidence) always gets the same key, so a second upload of a file, or a job resumed
 * after a crash, finds the credential already issued instead of issuing another.
 */
export function bulkIdempotencyKey(organizationId: string, achievementId: string, data: BulkRowData): string {
  const digest = createHash("sha256").update(JSON.stringify([organizationId, achievementId, rowIdentity(data)])).digest("base64url");
  return `bulk:${digest}`;
}
