import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createIssuer, createLearner, issueTo } from "./backpack-fixtures";
import { acceptCredential } from "./claim-credential";
import {
  addToCollection,
  collectionDetail,
  createCollection,
  deleteCollection,
  listCollections,
  moveCollection,
  moveCollectionItem,
  removeFromCollection,
  updateCollection,
} from "./collections";
import { parseInput } from "@/lib/errors";
import { createCollectionSchema } from "./schemas";
import { syncBackpackEntries } from "./sync-entries";

async function learnerWith(count: number) {
  const { org, achievement } = await createIssuer();
  const { user } = await createLearner();
  const entryIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const issued = await issueTo(org.id, achievement.id, user.email);
    await syncBackpackEntries(user.id);
    entryIds.push((await acceptCredential(user.id, issued.id)).entryId);
  }
  return { user, entryIds };
}

const input = (values: Record<string, string>) => parseInput(createCollectionSchema, values);

describe("collections", () => {
  it("creates, renames, orders and deletes a person's collections", async () => {
    const { user } = await learnerWith(0);
    const first = await createCollection(user.id, input({ name: "Work", description: "", visibility: "public" }));
    const second = await createCollection(user.id, input({ name: "Hobbies", description: "Weekend things", visibility: "private" }));
    expect((await listCollections(user.id)).map((c) => [c.name, c.visibility, c.description])).toEqual([
      ["Work", "public", null],
      ["Hobbies", "private", "Weekend things"],
    ]);
    await updateCollection(user.id, first.id, input({ name: "Career", visibility: "private" }));
    await moveCollection(user.id, second.id, "up");
    expect((await listCollections(user.id)).map((c) => [c.name, c.visibility])).toEqual([
      ["Hobbies", "private"],
      ["Career", "private"],
    ]);
    await deleteCollection(user.id, second.id);
    expect((await listCollections(user.id)).map((c) => c.name)).toEqual(["Career"]);
  });

  it("refuses a nameless collection with a field error", () => {
    expect(() => input({ name: "  " })).toThrowError(expect.objectContaining({ code: "validation_failed", fields: { name: { code: "required" } } }));
  });

  it("adds, orders and removes credentials; deleting the collection keeps them", async () => {
    const { user, entryIds } = await learnerWith(3);
    const [a, b, c] = entryIds;
    const { id } = await createCollection(user.id, input({ name: "Favourites" }));
    for (const entryId of entryIds) await addToCollection(user.id, id, entryId);
    await addToCollection(user.id, id, a); // adding twice is harmless
    const order = async () => (await collectionDetail(user.id, id))!.items.map((item) => item.id);
    expect(await order()).toEqual([a, b, c]);
    await moveCollectionItem(user.id, id, c, "up");
    expect(await order()).toEqual([a, c, b]);
    await moveCollectionItem(user.id, id, a, "down");
    expect(await order()).toEqual([c, a, b]);
    await removeFromCollection(user.id, id, a);
    expect(await order()).toEqual([c, b]);
    expect((await collectionDetail(user.id, id))!.candidates.map((candidate) => candidate.id)).toEqual([a]);
    await deleteCollection(user.id, id);
    expect(await db.backpackEntry.count({ where: { id: { in: entryIds } } })).toBe(3);
  });

  it("another person's collection or entry answers not found and nothing changes", async () => {
    const owner = await learnerWith(1);
    const stranger = await learnerWith(1);
    const { id } = await createCollection(owner.user.id, input({ name: "Mine" }));
    await addToCollection(owner.user.id, id, owner.entryIds[0]);
    const strangersOwn = await createCollection(stranger.user.id, input({ name: "Theirs" }));

    const attempts = [
      () => updateCollection(stranger.user.id, id, input({ name: "Hijacked" })),
      () => deleteCollection(stranger.user.id, id),
      () => addToCollection(stranger.user.id, id, stranger.entryIds[0]),
      () => removeFromCollection(stranger.user.id, id, owner.entryIds[0]),
      () => moveCollection(stranger.user.id, id, "up"),
      () => moveCollectionItem(stranger.user.id, id, owner.entryIds[0], "down"),
      // Their own collection, someone else's credential.
      () => addToCollection(stranger.user.id, strangersOwn.id, owner.entryIds[0]),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
    expect(await collectionDetail(stranger.user.id, id)).toBeNull();
    expect(await listCollections(stranger.user.id)).toMatchObject([{ name: "Theirs", itemCount: 0 }]);
    const mine = await collectionDetail(owner.user.id, id);
    expect(mine).toMatchObject({ name: "Mine", itemCount: 1 });
  });
});
