import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { revalidatePublicPages } from "@/lib/public/cache";
import { userHandle } from "./claim-credential";
import { ownEntry } from "./own-entry";

/** Pinned credentials lead the public profile, at most this many, numbered 1..MAX_PINS. */
export const MAX_PINS = 6;

const pinFields = { entryId: { code: "pin_conflict" } };

async function pinnedInOrder(tx: Pick<Prisma.TransactionClient, "backpackEntry">, userId: string) {
  return tx.backpackEntry.findMany({
    where: { userId, pinPosition: { not: null } },
    orderBy: { pinPosition: "asc" },
    select: { id: true, pinPosition: true },
  });
}

async function afterChange(userId: string, credentialId: string | null) {
  if (credentialId) revalidatePublicPages.credential(credentialId);
  revalidatePublicPages.profile(await userHandle(userId));
}

function conflictOnRace(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError("conflict", "Your pins changed meanwhile; reload and try again", pinFields);
  throw error;
}

export async function pinEntry(userId: string, entryId: string): Promise<{ pinPosition: number }> {
  const entry = await ownEntry(userId, entryId);
  if (entry.state !== "accepted") {
    throw new AppError("conflict", "Accept this credential before pinning it", { entryId: { code: "pin_not_accepted" } });
  }
  if (entry.pinPosition) return { pinPosition: entry.pinPosition };
  try {
    const position = await db.$transaction(async (tx) => {
      const pinned = await pinnedInOrder(tx, userId);
      if (pinned.length >= MAX_PINS) {
        throw new AppError("conflict", `At most ${MAX_PINS} credentials can be pinned`, { entryId: { code: "pin_limit", params: { max: MAX_PINS } } });
      }
      const next = Math.max(0, ...pinned.map((row) => row.pinPosition ?? 0)) + 1;
      await tx.backpackEntry.update({ where: { id: entry.id }, data: { pinPosition: next } });
      return next;
    });
    await afterChange(userId, entry.credentialId);
    return { pinPosition: position };
  } catch (error) {
    return conflictOnRace(error);
  }
}

export async function unpinEntry(userId: string, entryId: string): Promise<void> {
  const entry = await ownEntry(userId, entryId);
  if (!entry.pinPosition) return;
  await db.backpackEntry.update({ where: { id: entry.id }, data: { pinPosition: null } });
  await compactPins(userId);
  await afterChange(userId, entry.credentialId);
}

/** Swaps a pin with its neighbour above or below. */
export async function movePin(userId: string, entryId: string, direction: "up" | "down"): Promise<void> {
  const entry = await ownEntry(userId, entryId);
  if (!entry.pinPosition) throw new AppError("conflict", "This credential is not pinned", { entryId: { code: "pin_not_pinned" } });
  try {
    await db.$transaction(async (tx) => {
      const pinned = await pinnedInOrder(tx, userId);
      const index = pinned.findIndex((row) => row.id === entry.id);
      const other = pinned[direction === "up" ? index - 1 : index + 1];
      if (index < 0 || !other) return;
      const mine = pinned[index].pinPosition!;
      // (userId, pinPosition) is unique: step aside first, then swap.
      await tx.backpackEntry.update({ where: { id: entry.id }, data: { pinPosition: null } });
      await tx.backpackEntry.update({ where: { id: other.id }, data: { pinPosition: mine } });
      await tx.backpackEntry.update({ where: { id: entry.id }, data: { pinPosition: other.pinPosition } });
    });
  } catch (error) {
    conflictOnRace(error);
  }
  await afterChange(userId, null);
}

/** Renumbers the pins 1..n in their order (after an unpin or a decline left a gap). */
export async function compactPins(userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const pinned = await pinnedInOrder(tx, userId);
    // Ascending, each position only moves down into a free slot, so the unique index holds.
    for (const [index, row] of pinned.entries()) {
      if (row.pinPosition !== index + 1) await tx.backpackEntry.update({ where: { id: row.id }, data: { pinPosition: index + 1 } });
    }
  });
}
