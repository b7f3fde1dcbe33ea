import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Every change to a backpack entry starts here: the entry, if it is this person's. Another
 * person's entry id answers "not found", exactly like an id that does not exist.
 */
export async function ownEntry(userId: string, entryId: string) {
  const entry = await db.backpackEntry.findFirst({
    where: { id: entryId, userId },
    select: { id: true, userId: true, state: true, visibility: true, pinPosition: true, credentialId: true },
  });
  if (!entry) throw new AppError("not_found", "Backpack entry not found");
  return entry;
}
