import { db } from "@/lib/db";
import { isValidLinkSignature } from "./tokens";

/**
 * Follows a link of an engagement email: the first time, the email counts as opened. Returns
 * where to go, or null when the signature does not match (Laurel never redirects to an address
 * it did not write itself).
 */
export async function followEmailLink(emailId: string, url: string | null, signature: string | null, now = new Date()): Promise<string | null> {
  if (!url || !isValidLinkSignature(emailId, url, signature)) return null;
  await db.engagementEmail.updateMany({ where: { id: emailId, openedAt: null }, data: { openedAt: now } });
  return url;
}
