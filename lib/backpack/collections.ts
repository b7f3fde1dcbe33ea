import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { AppError } from "@/lib/errors";
import { revalidatePublicPages } from "@/lib/public/cache";
import { loadBackpackItems, type BackpackItem } from "./backpack-items";
import { userHandle } from "./claim-credential";
import { ownEntry } from "./own-entry";
import type { CollectionInput } from "./schemas";

/**
 * Named, ordered groups of a person's credentials, public (on their profile) or private.
 * Every function takes the signed-in person's id and touches only their collections: another
 * person's collection or entry id answers "not found", as if it did not exist.
 */

export type CollectionSummary = {
  id: string;
  name: string;
  description: string | null;
  visibility: "public" | "private";
  position: number;
  itemCount: number;
};

export type CollectionDetail = CollectionSummary & {
  items: BackpackItem[];
  /** Accepted credentials not in it yet, to add. */
  candidates: { id: string; name: string }[];
};

const toVisibility = (value: string): "public" | "private" => (value === "private" ? "private" : "public");

async function ownCollection(userId: string, collectionId: string) {
  const collection = await db.collection.findFirst({ where: { id: collectionId, userId }, select: { id: true } });
  if (!collection) throw new AppError("not_found", "Collection not found");
  return collection;
}

async function touched(userId: string) {
  revalidatePublicPages.profile(await userHandle(userId));
}

export async function listCollections(userId: string): Promise<CollectionSummary[]> {
  const rows = await db.collection.findMany({
    where: { userId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, description: true, visibility: true, position: true, _count: { select: { items: true } } },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, visibility: toVisibility(row.visibility), itemCount: _count.items }));
}

export async function collectionDetail(userId: string, collectionId: string): Promise<CollectionDetail | null> {
  const collection = await db.collection.findFirst({
    where: { id: collectionId, userId },
    select: {
      id: true,
      name: true,
      description: true,
      visibility: true,
      position: true,
      items: { orderBy: [{ position: "asc" }, { entryId: "asc" }], select: { entryId: true } },
    },
  });
  if (!collection) return null;
  const order = collection.items.map((item) => item.entryId);
  const accepted = await loadBackpackItems(userId, { state: "accepted" });
  const byId = new Map(accepted.map((item) => [item.id, item]));
  const items = order.map((id) => byId.get(id)).filter((item): item is BackpackItem => Boolean(item));
  const inside = new Set(order);
  return {
    id: collection.id,
    name: collection.name,
    description: collection.description,
    visibility: toVisibility(collection.visibility),
    position: collection.position,
    itemCount: items.length,
    items,
    candidates: accepted
      .filter((item) => !inside.has(item.id))
      .map((item) => ({ id: item.id, name: item.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export async function createCollection(userId: string, input: CollectionInput): Promise<{ id: string }> {
  const last = await db.collection.aggregate({ where: { userId }, _max: { position: true } });
  const created = await db.collection.create({
    data: { userId, name: input.name, description: input.description, visibility: input.visibility, position: (last._max.position ?? 0) + 1 },
    select: { id: true },
  });
  await touched(userId);
  return created;
}

export async function updateCollection(userId: string, collectionId: string, input: CollectionInput): Promise<void> {
  const collection = await ownCollection(userId, collectionId);
  await db.collection.update({
    where: { id: collection.id },
    data: { name: input.name, description: input.description, visibility: input.visibility },
  });
  await touched(userId);
}

export async function deleteCollection(userId: string, collectionId: string): Promise<void> {
  const collection = await ownCollection(userId, collectionId);
  // Deleting a collection never deletes the credentials in it (items cascade, entries stay).
  await db.collection.delete({ where: { id: collection.id } });
  await touched(userId);
}

export async function addToCollection(userId: string, collectionId: string, entryId: string): Promise<void> {
  const [collection, entry] = await Promise.all([ownCollection(userId, collectionId), ownEntry(userId, entryId)]);
  if (entry.state !== "accepted") {
    throw new AppError("conflict", "Accept this credential before adding it to a collection", { entryId: { code: "collection_not_accepted" } });
  }
  await db.$transaction(async (tx) => {
    const last = await tx.collectionItem.aggregate({ where: { collectionId: collection.id }, _max: { position: true } });
    await tx.collectionItem.createMany({
      data: [{ collectionId: collection.id, entryId: entry.id, position: (last._max.position ?? 0) + 1 }],
      skipDuplicates: true,
    });
  });
  await touched(userId);
}

export async function removeFromCollection(userId: string, collectionId: string, entryId: string): Promise<void> {
  const collection = await ownCollection(userId, collectionId);
  const removed = await db.collectionItem.deleteMany({ where: { collectionId: collection.id, entryId, entry: { userId } } });
  if (removed.count === 0) throw new AppError("not_found", "Not in this collection");
  await touched(userId);
}

type Direction = "up" | "down";

/** Moves one id up or down in an ordered list; the whole list is renumbered 1..n so ties never stick. */
function reordered(ids: string[], id: string, direction: Direction): string[] | null {
  const index = ids.indexOf(id);
  const target = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= ids.length) return null;
  const next = [...ids];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

export async function moveCollection(userId: string, collectionId: string, direction: Direction): Promise<void> {
  const collection = await ownCollection(userId, collectionId);
  await db.$transaction(async (tx) => {
    const rows = await tx.collection.findMany({ where: { userId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
    const order = reordered(rows.map((row) => row.id), collection.id, direction);
    if (!order) return;
    await renumber(order, (id, position) => tx.collection.update({ where: { id }, data: { position } }));
  });
  await touched(userId);
}

export async function moveCollectionItem(userId: string, collectionId: string, entryId: string, direction: Direction): Promise<void> {
  const collection = await ownCollection(userId, collectionId);
  await db.$transaction(async (tx) => {
    const rows = await tx.collectionItem.findMany({
      where: { collectionId: collection.id },
      orderBy: [{ position: "asc" }, { entryId: "asc" }],
      select: { entryId: true },
    });
    if (!rows.some((row) => row.entryId === entryId)) throw new AppError("not_found", "Not in this collection");
    const order = reordered(rows.map((row) => row.entryId), entryId, direction);
    if (!order) return;
    await renumber(order, (id, position) =>
      tx.collectionItem.update({ where: { collectionId_entryId: { collectionId: collection.id, entryId: id } }, data: { position } }),
    );
  });
  await touched(userId);
}

async function renumber(ids: string[], write: (id: string, position: number) => Prisma.PrismaPromise<unknown> | Promise<unknown>) {
  for (const [index, id] of ids.entries()) await write(id, index + 1);
}
