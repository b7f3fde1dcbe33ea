"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/auth/guard";
import { acceptCredential } from "@/lib/backpack/claim-credential";
import {
  addToCollection,
  createCollection,
  deleteCollection,
  moveCollection,
  moveCollectionItem,
  removeFromCollection,
  updateCollection,
} from "@/lib/backpack/collections";
import { declineCredential } from "@/lib/backpack/decline-credential";
import { movePin, pinEntry, unpinEntry } from "@/lib/backpack/pins";
import {
  collectionEntrySchema,
  collectionIdSchema,
  createCollectionSchema,
  credentialIdSchema,
  entryIdSchema,
  entryVisibilitySchema,
  moveCollectionItemSchema,
  moveCollectionSchema,
  movePinSchema,
  updateCollectionSchema,
} from "@/lib/backpack/schemas";
import { setEntryVisibility } from "@/lib/backpack/update-entry";
import { recheckImportedEntry } from "@/lib/backpack/recheck-import";

// Every page under /backpack shows entries, pins or collections: refresh them all.
const refresh = () => revalidatePath("/backpack", "layout");

const answerSchema = credentialIdSchema.extend({ then: z.enum(["stay", "detail"]).default("stay") });

/** "Check again" on an imported badge that could not be checked (or any import): a fresh report. */
export const recheckImportAction = userAction({ schema: entryIdSchema }, async ({ entryId }, { user }) => {
  const verdict = await recheckImportedEntry(user.id, entryId);
  refresh();
  return { verdict };
});

export const acceptAction = userAction({ schema: answerSchema }, async ({ credentialId, then }, { user }) => {
  const { entryId } = await acceptCredential(user.id, credentialId);
  refresh();
  // Straight from claiming: the detail page opens on the "it's yours, share it" moment.
  if (then === "detail") redirect(`/backpack/${entryId}?claimed=1`);
});

export const declineAction = userAction({ schema: answerSchema }, async ({ credentialId }, { user }) => {
  await declineCredential(user.id, credentialId);
  refresh();
});

export const visibilityAction = userAction({ schema: entryVisibilitySchema }, async ({ entryId, visibility }, { user }) => {
  await setEntryVisibility(user.id, entryId, visibility);
  refresh();
  return { visibility };
});

export const pinAction = userAction({ schema: entryIdSchema }, async ({ entryId }, { user }) => {
  await pinEntry(user.id, entryId);
  refresh();
});

export const unpinAction = userAction({ schema: entryIdSchema }, async ({ entryId }, { user }) => {
  await unpinEntry(user.id, entryId);
  refresh();
});

export const movePinAction = userAction({ schema: movePinSchema }, async ({ entryId, direction }, { user }) => {
  await movePin(user.id, entryId, direction);
  refresh();
});

export const createCollectionAction = userAction({ schema: createCollectionSchema }, async (input, { user }) => {
  const { id } = await createCollection(user.id, input);
  refresh();
  return { id, name: input.name };
});

export const updateCollectionAction = userAction({ schema: updateCollectionSchema }, async ({ collectionId, ...input }, { user }) => {
  await updateCollection(user.id, collectionId, input);
  refresh();
});

export const deleteCollectionAction = userAction({ schema: collectionIdSchema }, async ({ collectionId }, { user }) => {
  await deleteCollection(user.id, collectionId);
  refresh();
  redirect("/backpack/collections");
});

export const moveCollectionAction = userAction({ schema: moveCollectionSchema }, async ({ collectionId, direction }, { user }) => {
  await moveCollection(user.id, collectionId, direction);
  refresh();
});

export const addToCollectionAction = userAction({ schema: collectionEntrySchema }, async ({ collectionId, entryId }, { user }) => {
  await addToCollection(user.id, collectionId, entryId);
  refresh();
});

export const removeFromCollectionAction = userAction({ schema: collectionEntrySchema }, async ({ collectionId, entryId }, { user }) => {
  await removeFromCollection(user.id, collectionId, entryId);
  refresh();
});

export const moveCollectionItemAction = userAction({ schema: moveCollectionItemSchema }, async ({ collectionId, entryId, direction }, { user }) => {
  await moveCollectionItem(user.id, collectionId, entryId, direction);
  refresh();
});
