import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { verifyCredential, type VerificationResult } from "@/lib/ob/verify";
import type { RemoteDocumentFetcher } from "@/lib/ob/verify/remote";
import { laurelFetcher } from "./verify";

/**
 * Checks an imported badge again (its keys, status list and contexts fetched afresh) and keeps
 * the new report: "couldn't be checked" at import may be verified, or found revoked, now.
 */
export async function recheckImportedEntry(
  userId: string,
  entryId: string,
  options: { allowOrigins?: string[]; now?: Date; fetchOthers?: RemoteDocumentFetcher } = {},
): Promise<VerificationResult["verdict"]> {
  const entry = await db.backpackEntry.findFirst({ where: { id: entryId, userId, credentialId: null, importPayload: { not: null } }, select: { id: true, importPayload: true } });
  if (!entry?.importPayload) throw notFound("Imported badge not found");
  const result = await verifyCredential(entry.importPayload, { fetchRemote: laurelFetcher({ allowOrigins: options.allowOrigins, others: options.fetchOthers }), allowOrigins: options.allowOrigins, now: options.now });
  await db.backpackEntry.update({
    where: { id: entry.id },
    data: {
      verified: result.valid,
      verification: { valid: result.valid, verdict: result.verdict, format: result.format, checks: result.checks, ...(result.error && { error: result.error }), checkedAt: new Date().toISOString() },
    },
  });
  return result.verdict;
}
