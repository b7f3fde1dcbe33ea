import type { Prisma } from "@/lib/db/generated/client.ts";
import { db } from "@/lib/db";
import { addDataIntegrityProof } from "@/lib/ob/sign";
import { buildStatusListCredential, createBitstring, encodeStatusList, STATUS_LIST_LENGTH, statusListEntry } from "@/lib/ob/status-list";
import { getActiveSigningKey } from "./signing-keys";
import { publicUrls } from "./urls";

type Tx = Prisma.TransactionClient;

// Indexes are handed out as (n × an odd number) mod 2^17: a bijection over the list, so no two
// credentials share an index, yet neighbours in time sit far apart in the list, which keeps one
// list from revealing issuance order (the herd privacy the Bitstring Status List spec asks for).
const SCATTER = 40503;

export type StatusSlot = { listId: string; index: number; entry: object };

/**
 * Hands out `count` status-list indexes for an organization inside the caller's transaction,
 * starting a new list when the current one is full. Serialised per organization.
 */
export async function allocateStatusSlots(tx: Tx, organizationId: string, count: number): Promise<StatusSlot[]> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`status-list:${organizationId}`}))`;
  const slots: StatusSlot[] = [];
  while (slots.length < count) {
    let list = await tx.statusList.findFirst({
      where: { organizationId, purpose: "revocation", allocated: { lt: STATUS_LIST_LENGTH } },
      orderBy: { createdAt: "asc" },
      select: { id: true, allocated: true, length: true },
    });
    list ??= await tx.statusList.create({
      data: { organizationId, purpose: "revocation", length: STATUS_LIST_LENGTH, bits: Buffer.from(createBitstring(STATUS_LIST_LENGTH)) },
      select: { id: true, allocated: true, length: true },
    });
    const take = Math.min(count - slots.length, list.length - list.allocated);
    await tx.statusList.update({ where: { id: list.id }, data: { allocated: { increment: take } } });
    const url = publicUrls.statusList(organizationId, list.id);
    for (let n = list.allocated; n < list.allocated + take; n++) {
      const index = (n * SCATTER) % list.length;
      slots.push({ listId: list.id, index, entry: statusListEntry({ statusListCredential: url, index }) });
    }
  }
  return slots;
}

/**
 * Sets or clears one credential's bit, atomically in SQL so simultaneous revocations never
 * overwrite each other. Postgres numbers bits from the right within a byte; the spec from the left.
 */
export async function setStatusBitInDatabase(tx: Tx, listId: string, index: number, revoked: boolean): Promise<void> {
  const bit = Math.floor(index / 8) * 8 + (7 - (index % 8));
  await tx.$executeRaw`
    UPDATE "StatusList" SET "bits" = set_bit("bits", ${bit}::int, ${revoked ? 1 : 0}::int), "version" = "version" + 1, "updatedAt" = now()
    WHERE "id" = ${listId}`;
}

/**
 * Whether a stored list was signed with a key document URL as its verificationMethod. Lists
 * signed with the older `<issuer>#key` form are signed again: verifiers that cannot pick a key
 * out of a profile would find their signature invalid, and the status of every credential with it.
 */
function signedWithKeyDocument(document: unknown, organizationId: string): boolean {
  const prefix = publicUrls.issuerKey(organizationId, "");
  const proofs = [(document as { proof?: unknown } | null)?.proof].flat() as Array<{ verificationMethod?: unknown } | undefined>;
  return proofs.every((proof) => typeof proof?.verificationMethod === "string" && proof.verificationMethod.startsWith(prefix));
}

/**
 * The signed BitstringStatusListCredential as published. Re-signed only when the list changed
 * since it was last signed (or was signed the older way), so a revocation shows on the very
 * next request.
 */
export async function signedStatusList(organizationId: string, listId: string): Promise<object | null> {
  const list = await db.statusList.findFirst({ where: { id: listId, organizationId } });
  if (!list) return null;
  if (list.signedVersion === list.version && list.signedDocument && signedWithKeyDocument(list.signedDocument, organizationId)) {
    return list.signedDocument as object;
  }
  const id = publicUrls.statusList(organizationId, listId);
  const unsigned = buildStatusListCredential({
    id,
    issuer: publicUrls.issuer(organizationId),
    encodedList: encodeStatusList(new Uint8Array(list.bits)),
    // The list has said what it says since its last change (never "from the future" for a
    // verifier whose clock read now a moment before this request).
    validFrom: list.updatedAt,
  });
  const signed = await addDataIntegrityProof(unsigned as Record<string, unknown>, await getActiveSigningKey(organizationId));
  // Only cache if nobody changed the list while this one was being signed.
  await db.statusList.updateMany({
    where: { id: listId, version: list.version },
    data: { signedVersion: list.version, signedDocument: signed as Prisma.InputJsonValue },
  });
  return signed;
}
