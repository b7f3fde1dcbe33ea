import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createIssuer, createLearner, issueTo } from "./backpack-fixtures";
import { acceptCredential } from "./claim-credential";
import { declineCredential } from "./decline-credential";
import { MAX_PINS, movePin, pinEntry, unpinEntry } from "./pins";
import { syncBackpackEntries } from "./sync-entries";

async function learnerWith(count: number, accept = true) {
  const { org, achievement } = await createIssuer();
  const { user } = await createLearner();
  const issued = [];
  for (let i = 0; i < count; i += 1) issued.push(await issueTo(org.id, achievement.id, user.email));
  await syncBackpackEntries(user.id);
  const entries = [];
  for (const credential of issued) {
    if (accept) await acceptCredential(user.id, credential.id);
    entries.push(await db.backpackEntry.findUniqueOrThrow({ where: { credentialId: credential.id } }));
  }
  return { user, entries, issued };
}

const pinOrder = async (userId: string) =>
  (await db.backpackEntry.findMany({ where: { userId, pinPosition: { not: null } }, orderBy: { pinPosition: "asc" } })).map((e) => [e.id, e.pinPosition]);

describe("pins", () => {
  it(`pins up to ${MAX_PINS} and refuses the next one clearly`, async () => {
    const { user, entries } = await learnerWith(MAX_PINS + 1);
    for (const [index, entry] of entries.slice(0, MAX_PINS).entries()) {
      expect(await pinEntry(user.id, entry.id)).toEqual({ pinPosition: index + 1 });
    }
    await expect(pinEntry(user.id, entries[MAX_PINS].id)).rejects.toMatchObject({
      code: "conflict",
      fields: { entryId: { code: "pin_limit", params: { max: MAX_PINS } } },
    });
    expect((await db.backpackEntry.findUniqueOrThrow({ where: { id: entries[MAX_PINS].id } })).pinPosition).toBeNull();

    // Unpinning one closes the gap and makes room.
    await unpinEntry(user.id, entries[1].id);
    expect((await pinOrder(user.id)).map(([, position]) => position)).toEqual([1, 2, 3, 4, 5]);
    expect(await pinEntry(user.id, entries[MAX_PINS].id)).toEqual({ pinPosition: MAX_PINS });
  });

  it("moves a pin up and down", async () => {
    const { user, entries } = await learnerWith(3);
    for (const entry of entries) await pinEntry(user.id, entry.id);
    const [a, b, c] = entries.map((entry) => entry.id);
    await movePin(user.id, c, "up");
    expect(await pinOrder(user.id)).toEqual([[a, 1], [c, 2], [b, 3]]);
    await movePin(user.id, a, "down");
    expect(await pinOrder(user.id)).toEqual([[c, 1], [a, 2], [b, 3]]);
    // At the ends nothing moves.
    await movePin(user.id, c, "up");
    await movePin(user.id, b, "down");
    expect(await pinOrder(user.id)).toEqual([[c, 1], [a, 2], [b, 3]]);
  });

  it("only accepted credentials can be pinned; declining unpins", async () => {
    const { user, entries, issued } = await learnerWith(2, false);
    await expect(pinEntry(user.id, entries[0].id)).rejects.toMatchObject({ code: "conflict", fields: { entryId: { code: "pin_not_accepted" } } });
    await acceptCredential(user.id, issued[0].id);
    await acceptCredential(user.id, issued[1].id);
    await pinEntry(user.id, entries[0].id);
    await pinEntry(user.id, entries[1].id);
    await declineCredential(user.id, issued[0].id);
    expect(await pinOrder(user.id)).toEqual([[entries[1].id, 1]]);
  });

  it("another person's entry is not found and stays as it was", async () => {
    const { user, entries } = await learnerWith(1);
    await pinEntry(user.id, entries[0].id);
    const { user: stranger } = await createLearner();
    await expect(pinEntry(stranger.id, entries[0].id)).rejects.toMatchObject({ code: "not_found" });
    await expect(unpinEntry(stranger.id, entries[0].id)).rejects.toMatchObject({ code: "not_found" });
    await expect(movePin(stranger.id, entries[0].id, "down")).rejects.toMatchObject({ code: "not_found" });
    expect(await pinOrder(user.id)).toEqual([[entries[0].id, 1]]);
  });
});
